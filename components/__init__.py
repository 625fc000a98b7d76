"""The Streamlit edge: widgets, panels, the map view, caching (only in ``data.py``) and session state."""
