"""The digest that keys a view's cached key figures and map layer is the digest of exactly its ids."""

import gc
import weakref

import pandas as pd

from components import data


def frame(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"id": ids, "pair": ["DE-UA"] * len(ids)})


def test_a_remembered_view_gives_the_digest_of_its_own_ids():
    view = frame(["P0001", "P0002"])
    data._remember_digest(view)
    assert data.view_digest(view) == data.ids_digest(["P0001", "P0002"])


def test_a_freed_view_lends_its_identity_to_no_other_frame():
    """Frames come and go; a new frame that happens to get a freed frame's id must get its own digest."""
    for _ in range(30):
        old = frame(["P0001"])
        data._remember_digest(old)
        del old
        gc.collect()
        new = frame(["P0009", "P0010"])
        assert data.view_digest(new) == data.ids_digest(["P0009", "P0010"])


def test_remembering_keeps_no_frame_alive():
    view = frame(["P0003"])
    data._remember_digest(view)
    ref = weakref.ref(view)
    del view
    gc.collect()
    assert ref() is None
