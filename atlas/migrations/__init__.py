"""Alembic migrations of the atlas database; run by :func:`atlas.store.open_store` at start."""
