"""The on-disk join cache: the same join as computing it, a new key for every change that matters."""

import pandas as pd
import pytest

from atlas import diskcache, joincache
from atlas.gazetteer import load_gazetteer
from atlas.geocode import Geocoder
from atlas.join import JoinResult, join_records
from atlas.records import load_partnerships


@pytest.fixture(scope="module")
def geocoder():
    return Geocoder(load_gazetteer())


@pytest.fixture(scope="module")
def partnerships():
    return load_partnerships()


class Counting:
    """Hands out the geocoder and counts how often the cache had to ask for it."""

    def __init__(self, geocoder):
        self.geocoder, self.calls = geocoder, 0

    def __call__(self):
        self.calls += 1
        return self.geocoder


def assert_same_join(found, expected):
    pd.testing.assert_frame_equal(found.links, expected.links)
    pd.testing.assert_frame_equal(found.places, expected.places)
    pd.testing.assert_frame_equal(found.unresolved, expected.unresolved)


def test_second_call_reads_the_file_and_equals_a_fresh_join(tmp_path, partnerships, geocoder):
    make = Counting(geocoder)
    first = joincache.cached_join(partnerships, make, cache_dir=tmp_path)
    second = joincache.cached_join(partnerships, make, cache_dir=tmp_path)
    assert make.calls == 1
    assert len(list(tmp_path.glob("join-*.pickle"))) == 1
    assert_same_join(second, join_records(partnerships, geocoder))
    assert_same_join(first, second)


def test_an_edited_record_is_a_new_key_and_joined_again(tmp_path, partnerships, geocoder):
    make = Counting(geocoder)
    joincache.cached_join(partnerships, make, cache_dir=tmp_path)
    edited = partnerships.copy()
    edited.loc[edited["id"] == "P0001", "since"] = "2019"
    result = joincache.cached_join(edited, make, cache_dir=tmp_path)
    assert make.calls == 2
    assert joincache.join_key(edited) != joincache.join_key(partnerships)
    link = result.links.set_index("id").loc["P0001"]
    assert str(link["since"]) == "2019"


def test_a_dropped_row_changes_the_key(partnerships):
    assert joincache.join_key(partnerships.iloc[1:]) != joincache.join_key(partnerships)


def test_a_changed_gazetteer_or_rule_changes_the_key(partnerships, monkeypatch, tmp_path):
    before = joincache.join_key(partnerships)
    fake_data = tmp_path / "geodata"
    fake_data.mkdir()
    (fake_data / "gazetteer.csv").write_text("municipality_id\nx\n", encoding="utf-8")
    monkeypatch.setattr(joincache, "GEODATA_DIR", fake_data)
    assert joincache.join_key(partnerships) != before


def test_a_torn_file_is_rebuilt_not_an_error(tmp_path, partnerships, geocoder):
    make = Counting(geocoder)
    path = tmp_path / f"join-{joincache.join_key(partnerships)}.pickle"
    path.write_bytes(b"\x80\x05 not a pickle")
    result = joincache.cached_join(partnerships, make, cache_dir=tmp_path)
    assert make.calls == 1 and len(result.links) > 400
    assert isinstance(diskcache.read(path), JoinResult)  # replaced by a whole file


def test_only_the_newest_files_are_kept(tmp_path, partnerships, geocoder):
    make = Counting(geocoder)
    for number in range(joincache.KEEP_FILES + 2):
        variant = partnerships.copy()
        variant.loc[variant["id"] == "P0001", "note"] = f"variant {number}"
        joincache.cached_join(variant, make, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("join-*.pickle"))) == joincache.KEEP_FILES
    assert not list(tmp_path.glob("*.tmp"))


def test_an_unwritable_folder_still_joins(tmp_path, partnerships, geocoder):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = joincache.cached_join(partnerships, Counting(geocoder), cache_dir=blocker / "cache")
    assert len(result.links) > 400


def test_synthetic_networks_do_not_push_the_real_join_out(tmp_path, partnerships, geocoder):
    from atlas.synthetic import synthetic_network

    make = Counting(geocoder)
    joincache.cached_join(partnerships, make, cache_dir=tmp_path)
    for seed in range(joincache.KEEP_FILES + 1):
        synthetic = synthetic_network(40, seed=seed).links[list(partnerships.columns)]
        joincache.cached_join(synthetic, make, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("join-synthetic-*.pickle"))) == joincache.KEEP_SYNTHETIC_FILES
    calls = make.calls
    joincache.cached_join(partnerships, make, cache_dir=tmp_path)
    assert make.calls == calls  # still read from its file
    for number in range(joincache.KEEP_FILES + 1):  # and real joins written later keep the synthetic ones
        variant = partnerships.copy()
        variant.loc[variant["id"] == "P0001", "note"] = f"variant {number}"
        joincache.cached_join(variant, make, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("join-synthetic-*.pickle"))) == joincache.KEEP_SYNTHETIC_FILES
    assert len([path for path in tmp_path.glob("join-*.pickle") if "synthetic" not in path.name]) == joincache.KEEP_FILES
