"""The address of the current view, and its QR code, for the audience's phones.

The public base URL comes from the environment variable ``ATLAS_PUBLIC_URL`` (e.g.
``https://atlas.example.org`` or ``http://192.168.1.20:8501`` in a hall's own network); without it the
address the browser used to reach the app is taken. The QR code is drawn by the ``qrcode`` package as
SVG (no image library needed) or PNG.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

PUBLIC_URL_VARIABLE = "ATLAS_PUBLIC_URL"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def public_base_url(environment: Mapping[str, str], request_url: str | None) -> str:
    """The base URL phones should open: ``ATLAS_PUBLIC_URL`` if set, else scheme and host of the request.

    >>> public_base_url({"ATLAS_PUBLIC_URL": "https://atlas.example.org/app/"}, "http://localhost:8501/map")
    'https://atlas.example.org/app'
    >>> public_base_url({}, "http://192.168.1.20:8501/map?lang=uk")
    'http://192.168.1.20:8501'
    """
    configured = (environment.get(PUBLIC_URL_VARIABLE) or "").strip()
    if configured:
        return configured.rstrip("/")
    if request_url:
        parts = urlsplit(request_url)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return "http://localhost:8501"


def view_url(base_url: str, page_path: str, params: Mapping[str, str | list[str]]) -> str:
    """The full address of a view: base, page path and the URL parameters in a stable order.

    >>> view_url("https://atlas.example.org", "map", {"pair": "DE-UA", "lang": "uk"})
    'https://atlas.example.org/map?lang=uk&pair=DE-UA'
    """
    flat: list[tuple[str, str]] = []
    for name in sorted(params):
        value = params[name]
        for item in value if isinstance(value, list) else [value]:
            flat.append((name, str(item)))
    parts = urlsplit(base_url.rstrip("/"))
    path = "/".join(part for part in (parts.path.strip("/"), page_path.strip("/")) if part)
    return urlunsplit((parts.scheme, parts.netloc, "/" + path if path else "/", urlencode(flat), ""))


def is_local(url: str) -> bool:
    """True when the address only works on this computer (phones in the hall cannot open it)."""
    return (urlsplit(url).hostname or "").lower() in _LOCAL_HOSTS


def _code(url: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, box_size=10)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as a self-contained SVG document (black on white, scalable)."""
    image = _code(url).make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    return image.to_string(encoding="unicode")


def qr_png(url: str, box_size: int = 10) -> bytes:
    """The QR code of ``url`` as PNG bytes (needs Pillow, which Streamlit installs)."""
    code = _code(url)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
