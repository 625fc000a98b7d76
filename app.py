"""The frame: page config, language, presentation mode, shared sidebar, navigation."""

import streamlit as st

from components import state
from components.i18n import t

st.set_page_config(page_title="Partnerschaftsatlas", page_icon="🗺️", layout="wide")

state.set_language(st.query_params.get("lang") or st.context.locale or "de")
state.set_presenting(st.query_params.get("mode") == "present")

pages = [
    st.Page("pages/map.py", title=t("nav.map"), default=True, url_path="map"),
    st.Page("pages/table.py", title=t("nav.table"), url_path="table"),
    st.Page("pages/sources.py", title=t("nav.sources"), url_path="sources"),
]
st.navigation(pages).run()
