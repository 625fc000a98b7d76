"""Add, edit and end partnerships; add and edit aid actions. Every save is audited."""

import streamlit as st

from components import auth
from components.i18n import t
from components.record_form import record_editor

st.title(t("data.edit.title"))
actor = auth.require_editor()
st.caption(t("data.edit.intro"))
partnerships_tab, aid_tab = st.tabs([t("data.edit.partnerships"), t("data.edit.aid")])
with partnerships_tab:
    record_editor("partnerships", actor)
with aid_tab:
    record_editor("aid_actions", actor)
