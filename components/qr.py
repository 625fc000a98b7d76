"""The QR code of the current view, shown on demand, so the audience opens the same view on their phones."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import streamlit as st

from atlas.qr import is_local, public_base_url, qr_svg, view_url
from components import state
from components.i18n import t


def current_view_url() -> str:
    """The public address of this page with every URL parameter in force (filters, language, tour step)."""
    request_url = st.context.url
    base = public_base_url(os.environ, request_url)
    page_path = urlsplit(request_url or "").path.strip("/").split("/")[-1] if request_url else ""
    params = {name: st.query_params[name] for name in st.query_params}
    return view_url(base, page_path, params)


def qr_toggle() -> None:
    """A toggle; when on, the QR code and the address it encodes (and a warning for a local address)."""
    st.toggle(t("stage.qr.show"), key=state.KEY_STAGE_QR_OPEN)
    if not state.stage_qr_open():
        return
    url = current_view_url()
    with st.container(key="stage_qr"):
        st.image(qr_svg(url), width=260, caption=t("stage.qr.caption"))
        st.code(url, language=None, wrap_lines=True)
        if is_local(url):
            st.warning(t("stage.qr.local_warning", host=urlsplit(url).netloc))
