"""Sign in to edit and import (reading the atlas needs no login)."""

import streamlit as st

from components import auth
from components.i18n import t

st.title(t("data.login.title"))
if auth.signed_in():
    auth.logout_button()
else:
    auth.login_form()
    st.caption(t("data.login.hint"))
