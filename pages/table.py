"""Placeholder until the map issue lands: shows the record count."""

import streamlit as st

from components import data
from components.i18n import t

st.title(t("app.title"))
st.write(t("records.count", count=len(data.partnerships())))
