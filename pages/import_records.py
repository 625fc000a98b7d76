"""Import partnerships from CSV/XLSX: upload, per-row report, preview, then one transaction."""

from functools import partial

import streamlit as st

from atlas import importer
from atlas.export import csv_bytes
from atlas.reader import ReadError
from atlas.store import StoreError
from components import auth, data
from components.i18n import t
from components.import_preview import import_preview

st.title(t("data.import.title"))
actor = auth.require_editor()
st.caption(t("data.import.intro"))
flash = auth.take_flash()
if flash:
    st.success(flash)
limit_mb = importer.MAX_UPLOAD_BYTES // (1024 * 1024)
upload = st.file_uploader(t("data.import.upload", limit=limit_mb), type=["csv", "xlsx"])
if upload is None:
    st.stop()
if upload.size > importer.MAX_UPLOAD_BYTES:
    st.error(t("data.import.too_big", limit=limit_mb))
    st.stop()
try:
    incoming = importer.read_import_file(upload.getvalue(), upload.name)
except ReadError as error:
    st.error(t("data.import.unreadable"))
    st.text(str(error))
    st.stop()

plan = importer.plan_from_store(incoming, data.store(), data.geocoder(), data.place_row)
st.subheader(t("data.import.summary", **plan.summary()))
st.dataframe(plan.to_frame(), hide_index=True, width="stretch")
# Made when pressed (deferred), so a rerun never leaves the browser a released file to fetch (404).
st.download_button(t("data.import.download_report"), partial(csv_bytes, plan.to_frame()), file_name="import-report.csv",
                   mime="text/csv", on_click="ignore")
import_preview(plan)

only_valid = bool(plan.rejected) and st.checkbox(t("data.import.only_valid"))
if plan.rejected and not only_valid:
    st.warning(t("data.import.rejected_block"))
elif not plan.writes:
    st.info(t("data.import.nothing"))
elif st.button(t("data.import.commit"), type="primary"):
    try:
        written = data.store().apply_import(plan.writes, actor)
    except StoreError as error:
        st.error(t("data.import.conflict"))
        st.text(str(error))
    else:
        auth.set_flash(t("data.import.committed", new=len(written["new"]), update=len(written["update"])))
        st.rerun()
