"""``python -m atlas db seed-synthetic``: a separate database of synthetic partnerships, each placed on the map."""

import pytest

from atlas import store as atlas_store
from atlas.commands import db as db_command
from atlas.gazetteer import load_gazetteer
from atlas.geocode import Geocoder
from atlas.join import join_records
from atlas.store import StoreError, open_store
from atlas.synthetic import SYNTHETIC_SOURCE
from components.synthetic_notice import synthetic_count


@pytest.fixture(scope="module")
def geocoder():
    return Geocoder(load_gazetteer())


def test_every_stored_row_is_synthetic_and_lands_on_the_map(tmp_path, geocoder):
    path = tmp_path / "synthetic.sqlite"
    written = db_command.seed_synthetic(path, 60, seed=3, geocoder=geocoder, join_cache=False)
    store = open_store(f"sqlite:///{path}", seed=False)
    stored = store.partnerships_frame()
    assert stored["id"].tolist() == [f"S{number:06d}" for number in range(1, 61)]
    assert (stored["source_url"] == SYNTHETIC_SOURCE).all()
    assert stored["id"].tolist() == written["id"].tolist()
    assert store.aid_frame().empty
    assert synthetic_count(stored) == 60
    joined = join_records(stored, geocoder)
    assert len(joined.links) == 60 and joined.unresolved.empty


def test_the_ends_are_the_places_they_were_drawn_between(tmp_path, geocoder):
    rows = db_command.placed_synthetic(40, seed=5, geocoder=geocoder)
    from atlas.synthetic import synthetic_network

    drawn = synthetic_network(int(40 * db_command._SYNTHETIC_SPARE) + 50, seed=5).links
    drawn_names = set(zip(drawn["a_name"], drawn["a_admin1"], drawn["b_name"], drawn["b_admin1"], strict=True))
    kept = set(zip(rows["a_name"], rows["a_admin1"], rows["b_name"], rows["b_admin1"], strict=True))
    assert len(rows) == 40 and kept <= drawn_names
    by_name = drawn.set_index(["a_name", "a_admin1", "b_name", "b_admin1"])
    joined = join_records(rows, geocoder).links.set_index(["a_name", "a_admin1", "b_name", "b_admin1"])
    assert (joined["a_municipality_id"] == by_name.loc[joined.index, "a_municipality_id"]).all()
    assert (joined["b_municipality_id"] == by_name.loc[joined.index, "b_municipality_id"]).all()


def test_same_size_and_seed_give_the_same_rows(geocoder):
    first = db_command.placed_synthetic(25, seed=9, geocoder=geocoder)
    again = db_command.placed_synthetic(25, seed=9, geocoder=geocoder)
    other = db_command.placed_synthetic(25, seed=10, geocoder=geocoder)
    assert first.equals(again)
    assert not first[["a_name", "b_name"]].equals(other[["a_name", "b_name"]])


def test_refuses_a_database_with_rows_and_leaves_it_as_it_was(tmp_path, geocoder):
    path = tmp_path / "real.sqlite"
    real = open_store(f"sqlite:///{path}")
    before = real.partnerships_frame()
    with pytest.raises(StoreError, match="already holds rows"):
        db_command.seed_synthetic(path, 10, geocoder=geocoder, join_cache=False)
    after = real.partnerships_frame()
    assert after.equals(before) and synthetic_count(after) == 0


def test_refuses_the_apps_own_database(monkeypatch, tmp_path, geocoder):
    default = tmp_path / "var" / "atlas.sqlite"
    monkeypatch.setattr(atlas_store, "DEFAULT_DB_PATH", default)
    monkeypatch.setattr(db_command, "DEFAULT_DB_PATH", default)
    with pytest.raises(StoreError, match="the app's own database"):
        db_command.seed_synthetic(default, 10, geocoder=geocoder, join_cache=False)
    assert not default.exists()


def test_command_line_needs_a_separate_file_and_says_where_it_wrote(tmp_path, capsys):
    path = tmp_path / "cli.sqlite"
    assert db_command.main(["seed-synthetic", "12", "--db", str(path), "--no-join-cache"]) == 0
    assert f"12 synthetic partnerships written to {path}" in capsys.readouterr().out
    assert len(open_store(f"sqlite:///{path}", seed=False).partnerships_frame()) == 12
    assert db_command.main(["seed-synthetic", "12", "--db", str(path), "--no-join-cache"]) == 1
    assert "already holds rows" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        db_command.main(["seed-synthetic", "12"])  # --db is required: never the environment's database
