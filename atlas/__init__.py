"""Partnerschaftsatlas core: pure Python, never imports Streamlit.

One concept per module: ``schema`` (names of the shapes), ``records`` (loading the curated files),
``gazetteer`` and ``geocode`` (places and matching), ``join`` (records to places and links),
``filters``, ``network``, ``mapbuild``, ``export``, ``store``, ``i18n``.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GEODATA_DIR = PROJECT_ROOT / "geodata"
