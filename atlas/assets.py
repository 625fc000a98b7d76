"""Serve third-party browser assets from the app itself, so the map works without internet.

Leaflet comes from the installed PyPI package ``django-js-lib-leaflet`` (never committed). At start the
app copies it into ``static/vendor/leaflet/`` (git-ignored), which Streamlit serves at
``<base>/app/static/vendor/leaflet/`` (``[server] enableStaticServing = true``). The map iframe loads it
by the relative URLs in :data:`LEAFLET_JS_URL` / :data:`LEAFLET_CSS_URL`, which also hold under
``server.baseUrlPath``.

The basemap outlines (``geodata/basemap/``) are copied next to it in a lighter form, so the browser
fetches and caches them once instead of receiving them again with every map update.
"""

from __future__ import annotations

import json
import shutil
from importlib.util import find_spec
from pathlib import Path

LEAFLET_VERSION = "1.9.4"
LEAFLET_PACKAGE = "js_lib_leaflet"
VENDOR_SUBDIR = Path("vendor") / "leaflet"
BASEMAP_SUBDIR = Path("vendor") / "basemap"
# Relative to the st_folium iframe (``<base>/component/streamlit_folium.st_folium/index.html``).
STATIC_URL_FROM_MAP = "../../app/static"
LEAFLET_JS_URL = f"{STATIC_URL_FROM_MAP}/{VENDOR_SUBDIR.as_posix()}/leaflet.js"
LEAFLET_CSS_URL = f"{STATIC_URL_FROM_MAP}/{VENDOR_SUBDIR.as_posix()}/leaflet.css"
BASEMAP_URL = f"{STATIC_URL_FROM_MAP}/{BASEMAP_SUBDIR.as_posix()}"
_LEAFLET_FILES = ("leaflet.js", "leaflet.css")


class AssetError(RuntimeError):
    """Raised when an asset the map needs is not installed."""


def leaflet_source_dir() -> Path:
    """Folder of the Leaflet dist files inside the installed ``django-js-lib-leaflet`` package."""
    spec = find_spec(LEAFLET_PACKAGE)
    if spec is None or spec.origin is None:
        raise AssetError("Leaflet is missing: pip install django-js-lib-leaflet==1.9.4.1 (see requirements.txt)")
    folder = Path(spec.origin).parent / "static" / LEAFLET_PACKAGE
    missing = [name for name in _LEAFLET_FILES if not (folder / name).is_file()]
    if missing:
        raise AssetError(f"{folder} lacks {', '.join(missing)}")
    return folder


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file() and target.stat().st_size == source.stat().st_size and target.stat().st_mtime >= source.stat().st_mtime:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def install_leaflet(static_dir: Path | str) -> None:
    """Copy Leaflet's JS, CSS and images into ``<static_dir>/vendor/leaflet/`` (idempotent, cheap when current)."""
    source = leaflet_source_dir()
    target = Path(static_dir) / VENDOR_SUBDIR
    for name in _LEAFLET_FILES:
        _copy_if_changed(source / name, target / name)
    for image in sorted((source / "images").glob("*.png")):
        _copy_if_changed(image, target / "images" / image.name)


def install_basemap(static_dir: Path | str, basemap_dir: Path | None = None) -> None:
    """Write the display outlines (countries, admin-1 borders) to ``<static_dir>/vendor/basemap/``.

    They are the committed ``geodata/basemap`` files reduced to what the map draws (properties the
    browser needs only), rewritten only when the source is newer.
    """
    from atlas.basemap import BASEMAP_DIR, display_collection  # local: keeps start-up light when current

    source_dir = basemap_dir or BASEMAP_DIR
    target_dir = Path(static_dir) / BASEMAP_SUBDIR
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in ("countries", "admin1"):
        source = source_dir / f"{name}.geojson"
        target = target_dir / f"{name}.json"
        if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        text = json.dumps(display_collection(name, source_dir), ensure_ascii=False, separators=(",", ":"))
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)


def install_assets(static_dir: Path | str) -> None:
    """Everything the map loads from the app: Leaflet and the basemap outlines."""
    install_leaflet(static_dir)
    install_basemap(static_dir)
