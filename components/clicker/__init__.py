"""Keys of a presentation clicker (and a kiosk timer) press the tour's next / previous buttons.

A clicker sends PageDown / PageUp (some send the arrow keys). Streamlit cannot listen to keys, so a
tiny script (``clicker.js``, no third-party code) runs in a hidden same-origin iframe, listens on the
app's document and clicks the buttons by their widget key (Streamlit gives each keyed widget the CSS
class ``st-key-<key>``). It replaces the listener an earlier run installed, so keys never fire twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

SCRIPT = Path(__file__).with_name("clicker.js")
NEXT_KEYS = ("PageDown", "ArrowRight", "ArrowDown")
PREVIOUS_KEYS = ("PageUp", "ArrowLeft", "ArrowUp")
FRAME_NEXT_KEYS = ("PageDown",)
FRAME_PREVIOUS_KEYS = ("PageUp",)
CONTAINER_KEY = "stage_clicker"


def install_clicker(next_key: str, previous_key: str, autoplay_seconds: int | None, signature: str) -> None:
    """Listen for clicker keys; with ``autoplay_seconds`` press next after that delay.

    ``signature`` must change whenever the step changes: the script is re-installed then, which
    restarts the kiosk timer for the new step.
    """
    config = {
        "next": next_key,
        "previous": previous_key,
        "nextKeys": list(NEXT_KEYS),
        "previousKeys": list(PREVIOUS_KEYS),
        "frameNextKeys": list(FRAME_NEXT_KEYS),
        "framePreviousKeys": list(FRAME_PREVIOUS_KEYS),
        "autoplaySeconds": autoplay_seconds or 0,
        "signature": signature,
    }
    payload = json.dumps(config).replace("<", "\\u003c")
    body = (
        f'<script type="application/json" id="atlas-clicker-config">{payload}</script>'
        f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>"
    )
    with st.container(key=CONTAINER_KEY):
        st.iframe(body, height=1)
    st.html(f"<style>.st-key-{CONTAINER_KEY}{{display:none}}</style>")
