"""The frame: page config, language, presentation mode, shared sidebar, navigation."""

from pathlib import Path

import streamlit as st

from atlas.assets import install_assets
from components import data, presentation, state
from components.i18n import t

presenting = st.query_params.get("mode") == "present"
st.set_page_config(page_title="Partnerschaftsatlas", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")
install_assets(Path(__file__).resolve().parent / "static")  # Leaflet and outlines, served by the app itself

state.set_language(st.query_params.get("lang") or st.context.locale or "de")
state.set_presenting(presenting)

pages = [
    st.Page("pages/map.py", title=t("nav.map"), default=True, url_path="map"),
    st.Page("pages/table.py", title=t("nav.table"), url_path="table"),
    st.Page("pages/sources.py", title=t("nav.sources"), url_path="sources"),
    st.Page("pages/conferences.py", title=t("nav.conferences"), url_path="conferences"),
    st.Page("pages/aid.py", title=t("nav.aid"), url_path="aid"),
    st.Page("pages/growth.py", title=t("nav.growth"), url_path="growth"),
    st.Page("pages/network.py", title=t("nav.network"), url_path="network"),
    st.Page("pages/import_records.py", title=t("data.nav.import"), url_path="import"),
    st.Page("pages/edit.py", title=t("data.nav.edit"), url_path="edit"),
    st.Page("pages/audit.py", title=t("data.nav.audit"), url_path="audit"),
    st.Page("pages/login.py", title=t("data.nav.login"), url_path="login"),
]
navigation = st.navigation(pages, position="hidden" if presenting else "sidebar")
join = data.atlas_join()
presentation.frame(join)  # projector theme or sidebar language picker; tour bar; presentation controls
navigation.run()
presentation.frame_bottom(join)  # sidebar: tours, QR code, exports of what the page shows
