"""Compiled Jinja templates kept on disk, so a start does not compile the same templates again.

folium builds about 85 Jinja templates while it is imported (one per element class, with
``folium.plugins`` and streamlit-folium), and Jinja turns each into Python code at that moment: parse,
generate, ``compile()``. On this 2-core machine that is about 0.35 s of the 1.3 s the map's libraries
take to import, on the critical path of every cold start (``serve.py`` imports them while the first
browser loads). :func:`install` makes :meth:`jinja2.Environment.compile` look the code up first in a
file written by an earlier start (:func:`save`), keyed by everything the generated code depends on:
the Python and Jinja versions, the template source and name, and the environment's syntax and code
generation settings. A template not in the file is compiled as before and added; a file that cannot be
read counts as missing. Nothing changes what a template renders.

Only sources with Jinja markup are kept: branca also wraps every rendered snippet of a map (element
ids drawn at random, data) into a template, which no later start would ask for. And after
:func:`save` nothing more is added (the server's memory does not grow with the maps it renders).

The file holds Python code objects (``marshal``), so it lives in the per-user cache folder of
:mod:`atlas.diskcache`, next to the geocoder index and the join, written by this program only.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

from atlas import diskcache

FILES_KEPT = 2  # one per Python/Jinja pair in use, and the one before an upgrade

_lock = threading.Lock()
_state: dict[str, Any] = {"path": None, "codes": {}, "used": set(), "added": 0, "original": None, "recording": False}
_MARKUP = ("{{", "{%", "{#")


def cache_path(folder: Path | None = None) -> Path:
    """The file for this Python and Jinja version (marshal's format changes between Python versions)."""
    versions = f"{sys.version}|{jinja2.__version__}".encode()
    return (folder or diskcache.default_cache_dir()) / f"jinja-{hashlib.sha1(versions).hexdigest()[:20]}.marshal"


def _qualified(value: Any) -> str:
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def _key(environment: jinja2.Environment, source: str, name: str | None, filename: str | None, defer_init: bool) -> str:
    """Everything the code Jinja generates for ``source`` depends on."""
    settings = (
        type(environment).__module__, type(environment).__qualname__,
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, tuple(sorted(environment.extensions)), environment.optimized,
        _qualified(environment.autoescape), _qualified(environment.finalize), environment.is_async,
        _qualified(environment.code_generator_class), name, filename, defer_init,
    )
    digest = hashlib.sha256(repr(settings).encode())
    digest.update(b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _load(path: Path) -> dict[str, CodeType]:
    data = diskcache.read(path)
    if not isinstance(data, bytes):
        return {}
    try:
        codes = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(codes, dict):
        return {}
    return {key: code for key, code in codes.items() if isinstance(key, str) and isinstance(code, CodeType)}


def install(path: Path | None = None) -> int:
    """Serve :meth:`jinja2.Environment.compile` from the file at ``path`` (default :func:`cache_path`);
    returns how many compiled templates it holds. Installing twice only reloads the file."""
    path = path or cache_path()
    codes = _load(path)
    with _lock:
        _state.update(path=path, codes=codes, used=set(), added=0, recording=True)
        if _state["original"] is None:
            _state["original"] = jinja2.Environment.compile
            jinja2.Environment.compile = _compile
    return len(codes)


def uninstall() -> None:
    """Back to Jinja's own compile (tests)."""
    with _lock:
        if _state["original"] is not None:
            jinja2.Environment.compile = _state["original"]
        _state.update(path=None, codes={}, used=set(), added=0, original=None, recording=False)


def _compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001, ANN202
    original = _state["original"]
    if raw or not isinstance(source, str) or not any(mark in source for mark in _MARKUP):
        return original(self, source, name, filename, raw, defer_init)
    key = _key(self, source, name, filename, defer_init)
    code = _state["codes"].get(key)
    if code is None:
        code = original(self, source, name, filename, raw, defer_init)
        if not _state["recording"]:
            return code
        with _lock:
            _state["codes"][key] = code
            _state["added"] += 1
    _state["used"].add(key)
    return code


def stats() -> dict[str, int]:
    """``held`` (in memory), ``used`` (by this process), ``added`` (compiled here, not found in the file)."""
    return {"held": len(_state["codes"]), "used": len(_state["used"]), "added": _state["added"]}


def save() -> bool:
    """Write the templates this process used, if any were compiled here, and stop adding; returns
    whether it wrote."""
    with _lock:
        path = _state["path"]
        _state["recording"] = False
        if path is None or not _state["added"]:
            return False
        used = {key: _state["codes"][key] for key in _state["used"]}
        _state["added"] = 0
    diskcache.write(path, marshal.dumps(used), keep=FILES_KEPT)
    return True
