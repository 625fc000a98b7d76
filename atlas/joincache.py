"""The join of the stored records, kept on disk per content: a restarted server draws without geocoding.

A cold start otherwise pays for the gazetteer, the geocoder's index and resolving every end (about
0.8 s of a first page). :func:`cached_join` keys the file by everything the join depends on:

- the partnerships frame itself (every value, every column, in order);
- every file in ``geodata/`` (gazetteer, overrides, hints, admin1 names …);
- the source of every module in ``atlas/`` (a changed rule of matching is a new key).

So an edit or import in the database, a new gazetteer or a new release never reads an old file. A file
that cannot be read is ignored and replaced. Files are written whole (temporary name, then rename), and
only the newest few are kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from atlas import GEODATA_DIR, PROJECT_ROOT, diskcache
from atlas.join import GeocoderLike, JoinResult, join_records

KEEP_FILES = 4
KEEP_SYNTHETIC_FILES = 2


def _code_and_data_digest() -> hashlib._Hash:
    digest = hashlib.sha256()
    for folder, pattern in ((PROJECT_ROOT / "atlas", "*.py"), (GEODATA_DIR, "*")):
        for path in sorted(path for path in folder.rglob(pattern) if path.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest


def join_key(partnerships: pd.DataFrame) -> str:
    """The cache key of joining ``partnerships`` with this checkout's gazetteer and code."""
    digest = _code_and_data_digest()
    digest.update("\x1f".join(map(str, partnerships.columns)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(partnerships, index=True).to_numpy().tobytes())
    return digest.hexdigest()[:32]


def cached_join(partnerships: pd.DataFrame, make_geocoder: Callable[[], GeocoderLike],
                cache_dir: Path | None = None) -> JoinResult:
    """``join_records(partnerships, make_geocoder())``, read from the cache when this exact join was made
    before; ``make_geocoder`` is called only when it was not."""
    folder = diskcache.default_cache_dir() if cache_dir is None else Path(cache_dir)
    synthetic = len(partnerships) > 0 and bool(partnerships.get("source_url", pd.Series(dtype=object)).eq("synthetic").all())
    # synthetic networks of scale tests are kept apart (and fewer): they must not push the real join out
    kind, keep = ("join-synthetic", KEEP_SYNTHETIC_FILES) if synthetic else ("join", KEEP_FILES)
    path = folder / f"{kind}-{join_key(partnerships)}.pickle"
    found = diskcache.read(path)
    if isinstance(found, JoinResult):
        return found
    result = join_records(partnerships, make_geocoder())
    diskcache.write(path, result, keep=keep)
    return result
