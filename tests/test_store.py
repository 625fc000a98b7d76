"""The database: migrations, the seed from geodata/, frames identical to the records loader, edits."""

import pandas as pd
import pytest
import sqlalchemy as sa

from atlas import records, store
from atlas.store import ConflictError, NotFoundError, ValidationError, open_store

NEW_PARTNERSHIP = {
    "a_country": "DE", "a_name": "Teststadt", "a_kind": "city", "a_admin1": "Sachsen",
    "b_country": "UA", "b_name": "Тестове", "b_kind": "city", "b_admin1": "",
    "relation": "solidarity", "since": "2024", "status": "active", "source_url": "https://example.org/x", "note": "",
}


@pytest.fixture
def seeded(tmp_path):
    db = open_store(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    yield db
    db.dispose()


def test_first_start_migrates_and_seeds_the_frames_equal_the_records_loader(seeded):
    assert seeded.revision() == "0001"
    expected = records.load_partnerships()
    pd.testing.assert_frame_equal(seeded.partnerships_frame(), expected)
    pd.testing.assert_frame_equal(seeded.aid_frame(), records.load_aid(partnership_ids=set(expected["id"])))


def test_the_start_shortcut_knows_the_newest_migration():
    """``open_store`` skips alembic when the database is at ``HEAD_REVISION``: it must be alembic's head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(store.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [store.HEAD_REVISION]


def test_second_start_neither_migrates_nor_seeds_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    first = open_store(url)
    first.add_partnership(NEW_PARTNERSHIP, actor="ed")
    version = first.data_version()
    first.dispose()
    second = open_store(url)
    assert second.data_version() == version
    assert len(second.partnerships_frame()) == len(records.load_partnerships()) + 1


def test_a_new_sqlite_file_that_another_writer_holds_is_waited_for(tmp_path):
    """Instances starting together on a fresh file: while one writes (the file not yet in WAL mode), SQLite
    refuses the next one's switch to WAL at once ("database is locked", no busy timeout): 4 of 230 starts of
    four instances failed so. The store waits for the writer and opens the file in WAL mode."""
    import sqlite3
    import threading

    path = tmp_path / "fresh.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other_instance (i INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO other_instance VALUES (1)")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        db = open_store(f"sqlite:///{path}")
        try:
            assert len(db.partnerships_frame()) == len(records.load_partnerships())
            with db.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        finally:
            db.dispose()
    finally:
        release.join()
        holder.close()


def test_the_default_location_follows_atlas_db_path(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ATLAS_DB_PATH", str(tmp_path / "elsewhere" / "x.sqlite"))
    assert store.database_url() == f"sqlite:///{tmp_path / 'elsewhere' / 'x.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert store.database_url() == "postgresql+psycopg://u@h/db"


def test_every_table_of_the_model_exists_after_migration(seeded):
    assert set(store.TABLES) <= set(sa.inspect(seeded.engine).get_table_names())


def test_add_edit_end_are_audited_and_bump_the_data_version(seeded):
    start = seeded.data_version()
    partnership_id = seeded.add_partnership(NEW_PARTNERSHIP, actor="ed")
    version = seeded.update_partnership(partnership_id, {"note": "signed in Leipzig"}, 1, actor="ed")
    seeded.end_partnership(partnership_id, version, actor="ed")
    assert seeded.get_partnership(partnership_id)["status"] == "ended"
    assert seeded.data_version() == start + 3
    entries = seeded.audit_entries(record_id=partnership_id)
    assert [entry.action for entry in entries] == ["update", "update", "insert"]
    assert entries[1].before["note"] == "" and entries[1].after["note"] == "signed in Leipzig"
    assert {entry.actor for entry in entries} == {"ed"}


def test_a_stale_version_is_a_conflict_and_writes_nothing(seeded):
    seeded.update_partnership("P0001", {"note": "first editor"}, 1, actor="anna")
    with pytest.raises(ConflictError):
        seeded.update_partnership("P0001", {"note": "second editor"}, 1, actor="bert")
    assert seeded.get_partnership("P0001")["note"] == "first editor"
    assert len(seeded.audit_entries(record_id="P0001")) == 1


def test_invalid_values_are_refused_with_the_column_named(seeded):
    with pytest.raises(ValidationError, match="relation"):
        seeded.add_partnership(NEW_PARTNERSHIP | {"relation": "marriage"}, actor="ed")
    with pytest.raises(ValidationError, match="partnership_id"):
        seeded.add_aid({"partnership_id": "P9999", "date": "2024", "category": "medical", "what": "x"}, actor="ed")
    with pytest.raises(NotFoundError):
        seeded.update_partnership("P9999", {"note": "x"}, 1, actor="ed")


def test_revert_applies_the_before_state_as_a_new_audited_change(seeded):
    before = seeded.get_partnership("P0002")
    seeded.update_partnership("P0002", {"since": "2019"}, 1, actor="anna")
    entry = seeded.audit_entries(limit=1)[0]
    seeded.revert(entry.id, actor="admin")
    after = seeded.get_partnership("P0002")
    assert after["since"] == before["since"] and after["version"] == 3
    newest = seeded.audit_entries(limit=1)[0]
    assert (newest.actor, newest.before["since"], newest.after["since"]) == ("admin", "2019", before["since"])


def test_revert_of_an_insert_deletes_and_a_later_change_blocks_a_stale_revert(seeded):
    partnership_id = seeded.add_partnership(NEW_PARTNERSHIP, actor="ed")
    insert_entry = seeded.audit_entries(limit=1)[0]
    seeded.update_partnership(partnership_id, {"note": "later"}, 1, actor="ed")
    with pytest.raises(ConflictError):
        seeded.revert(insert_entry.id, actor="admin")
    seeded.revert(seeded.audit_entries(limit=1)[0].id, actor="admin")
    seeded.revert(insert_entry.id, actor="admin")
    with pytest.raises(NotFoundError):
        seeded.get_partnership(partnership_id)


def test_aid_actions_are_added_and_edited(seeded):
    aid_id = seeded.add_aid({"partnership_id": "P0001", "date": "2024-03", "category": "energy", "what": "Generator"},
                            actor="ed")
    seeded.update_aid(aid_id, {"quantity": "2"}, 1, actor="ed")
    frame = seeded.aid_frame()
    row = frame.loc[frame["id"] == aid_id].iloc[0]
    assert (row["quantity"], row["date_precision"], row["year"]) == ("2", "month", 2024)


@pytest.mark.postgres
def test_postgresql_migrates_seeds_and_reads_the_same_frames():
    import uuid

    from tests.test_concurrency import POSTGRES_URL

    schema = f"atlas_test_{uuid.uuid4().hex[:12]}"
    db = open_store(POSTGRES_URL, schema=schema)
    try:
        assert db.revision() == "0001"
        expected = records.load_partnerships()
        pd.testing.assert_frame_equal(db.partnerships_frame(), expected)
        pd.testing.assert_frame_equal(db.aid_frame(), records.load_aid(partnership_ids=set(expected["id"])))
        assert open_store(POSTGRES_URL, schema=schema).data_version() == 1  # second start: no second seed
    finally:
        db.dispose()
        engine = sa.create_engine(db.engine.url)
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
