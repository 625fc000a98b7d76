"""Derived files kept per user (``$XDG_CACHE_HOME/partnerschaftsatlas``): written whole, pruned, never trusted.

Used for the geocoder's name index and the join of the stored records. Every file is named by a digest
of what it was made from, so a stale file is simply never asked for; :func:`write` keeps only the newest
few files of a kind, and a file that cannot be read counts as missing.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
from pathlib import Path
from typing import Any

_LOG = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/partnerschaftsatlas`` (``~/.cache/partnerschaftsatlas`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "partnerschaftsatlas"


def write(path: Path, value: Any, keep: int) -> None:
    """Pickle ``value`` to ``path`` (temporary name, then rename) and delete all but the ``keep`` newest
    files of the same kind (same name before the first ``-``). A read-only home only costs a rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        kind = path.name.rsplit("-", 1)[0]
        same_kind = re.compile(re.escape(kind) + r"-[0-9a-f]+" + re.escape(path.suffix))  # not "join-synthetic-…" for "join"
        files = sorted((item for item in path.parent.iterdir() if same_kind.fullmatch(item.name)),
                       key=lambda item: item.stat().st_mtime, reverse=True)
        for stale in files[keep:]:
            stale.unlink(missing_ok=True)
    except OSError as error:
        _LOG.warning("could not keep %s: %s", path, error)


def read(path: Path) -> Any | None:
    """The value pickled at ``path``, or None when there is none or it cannot be read (torn, foreign)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as error:  # a torn or foreign file is rebuilt, never an error of the page
        _LOG.warning("ignoring unreadable cache file %s: %s", path, error)
        return None
