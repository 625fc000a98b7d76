"""Backup to files and restore into an empty database gives the identical database."""

import pytest

from atlas.commands import db as db_command
from atlas.store import StoreError, open_store


def test_round_trip_is_identical_row_for_row(tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'source.sqlite'}")
    source.add_user("olena", "admin", "a long passphrase")
    source.authenticate("olena", "wrong password")
    source.update_partnership("P0001", {"note": "quote \" backslash \\ <b>"}, 1, actor="olena")
    source.add_aid({"partnership_id": "P0001", "date": "2025", "category": "water", "what": "Pumpe"}, actor="olena")
    counts = db_command.backup(source, tmp_path / "backup")
    target = open_store(f"sqlite:///{tmp_path / 'target.sqlite'}", seed=False)
    db_command.restore(target, tmp_path / "backup")
    assert target.dump() == source.dump()
    assert counts["partnerships"] > 400 and counts["audit_log"] == 2 and counts["users"] == 1
    assert target.authenticate("olena", "a long passphrase").ok


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'source.sqlite'}")
    db_command.backup(source, tmp_path / "backup")
    with pytest.raises(StoreError, match="not empty"):
        db_command.restore(source, tmp_path / "backup")


def test_restore_refuses_an_incomplete_backup(tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'source.sqlite'}")
    db_command.backup(source, tmp_path / "backup")
    lines = (tmp_path / "backup" / "partnerships.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "backup" / "partnerships.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    target = open_store(f"sqlite:///{tmp_path / 'target.sqlite'}", seed=False)
    with pytest.raises(StoreError, match="rows"):
        db_command.restore(target, tmp_path / "backup")
    assert target.is_empty()


@pytest.mark.postgres
def test_a_sqlite_backup_restores_into_postgresql_identically(tmp_path):
    import uuid

    import sqlalchemy as sa

    from tests.test_concurrency import POSTGRES_URL

    source = open_store(f"sqlite:///{tmp_path / 'source.sqlite'}")
    source.add_user("olena", "admin", "a long passphrase")
    source.update_partnership("P0001", {"note": "`backtick` 'quote' \\"}, 1, actor="olena")
    db_command.backup(source, tmp_path / "backup")
    schema = f"atlas_test_{uuid.uuid4().hex[:12]}"
    target = open_store(POSTGRES_URL, seed=False, schema=schema)
    try:
        db_command.restore(target, tmp_path / "backup")
        assert target.dump() == source.dump()
        target.update_partnership("P0002", {"note": "after restore"}, 1, actor="olena")  # sequences continue
        assert target.audit_entries(limit=1)[0].id == 2
    finally:
        target.dispose()
        engine = sa.create_engine(target.engine.url)
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
