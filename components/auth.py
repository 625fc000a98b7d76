"""Sign-in for editors: the login form, the sign-out button and the gate in front of editing pages.

Reading needs no login. The password check and the slow-down of repeated failures live in
:meth:`atlas.store.Store.authenticate`; this module only keeps who is signed in (``auth_*`` keys).
"""

from __future__ import annotations

import math

import streamlit as st

from components import data, state
from components.i18n import t


def signed_in() -> bool:
    return state.auth_user() is not None


def login_form() -> None:
    """Username and password; on success the session is signed in and the page reruns."""
    with st.form("auth_login_form"):
        username = st.text_input(t("data.login.username"), max_chars=64)
        password = st.text_input(t("data.login.password"), type="password", max_chars=1024)
        submitted = st.form_submit_button(t("data.login.submit"))
    if not submitted:
        return
    result = data.store().authenticate(username.strip(), password)
    if result.retry_after > 0:
        st.error(t("data.login.wait", seconds=math.ceil(result.retry_after)))
    elif not result.ok or result.user is None:
        st.error(t("data.login.failed"))
    else:
        state.auth_sign_in(result.user.username, result.user.role)
        st.rerun()


def logout_button() -> None:
    st.text(t("data.login.signed_in_as", user=state.auth_user(), role=t(f"data.role.{state.auth_role()}")))
    if st.button(t("data.login.logout")):
        state.auth_sign_out()
        st.rerun()


def require_editor() -> str:
    """Show the login form and stop the page unless someone is signed in; returns the username
    (the actor for the audit log)."""
    user = state.auth_user()
    if user is None:
        st.info(t("data.login.required"))
        login_form()
        st.stop()
    return user


def set_flash(message: str) -> None:
    """Show ``message`` once, after the next rerun (e.g. "saved" after a commit)."""
    state.auth_flash(message)


def take_flash() -> str | None:
    return state.auth_flash()
