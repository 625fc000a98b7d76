"""The audit log: who changed what and when; any change can be reverted (as a new, audited change)."""

import streamlit as st

from atlas.store import StoreError
from components import auth, data
from components.audit_view import audit_table, change_table
from components.i18n import t

st.title(t("data.audit.title"))
actor = auth.require_editor()
entries = data.store().audit_entries(limit=500)
if not entries:
    st.info(t("data.audit.empty"))
    st.stop()
st.dataframe(audit_table(entries), hide_index=True, width="stretch")
by_id = {entry.id: entry for entry in entries}
chosen = st.selectbox(t("data.audit.pick"), list(by_id), format_func=lambda i: f"#{i} · {by_id[i].record_id}")
entry = by_id[chosen]
st.dataframe(change_table(entry), hide_index=True, width="stretch")
if st.button(t("data.audit.revert"), type="primary"):
    try:
        data.store().revert(entry.id, actor)
    except StoreError as error:
        st.error(t("data.audit.revert_refused"))
        st.text(str(error))
    else:
        st.success(t("data.audit.reverted", id=entry.id))
