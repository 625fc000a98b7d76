"""Concurrent writers on SQLite and on the real PostgreSQL: conflicts are detected and nothing is lost.

The PostgreSQL tests use the server at 127.0.0.1:5432 (trust auth, database ``test``; ``scripts/test``
starts it when it is not running), each in a schema of its own that is dropped afterwards.
"""

import os
import threading
import uuid

import pandas as pd
import pytest
import sqlalchemy as sa

from atlas.schema import PARTNERSHIP_COLUMNS
from atlas.store import ConflictError, open_store

POSTGRES_URL = os.environ.get("ATLAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
WRITERS = 8
INCREMENTS = 10

TINY = pd.DataFrame([
    dict(zip(PARTNERSHIP_COLUMNS, (
        "P0001", "DE", "Aachen", "city", "Nordrhein-Westfalen", "UA", "Чернігів", "city", "", "twinning",
        "2022", "active", "https://example.org/a", "0",
    ), strict=True)),
], dtype=str)
NO_AID = pd.DataFrame(columns=["id", "partnership_id", "date", "category", "what", "quantity", "amount_eur", "source_url"],
                      dtype=str)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request, tmp_path):
    if request.param == "sqlite":
        db = open_store(f"sqlite:///{tmp_path / 'concurrent.sqlite'}", seed=False)
        db.seed(TINY, NO_AID)
        yield db
        db.dispose()
        return
    schema = f"atlas_test_{uuid.uuid4().hex[:12]}"
    db = open_store(POSTGRES_URL, seed=False, schema=schema)
    try:
        db.seed(TINY, NO_AID)
        yield db
    finally:
        db.dispose()
        engine = sa.create_engine(db.engine.url)
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def run_writers(count, work):
    errors = []

    def guarded(index):
        try:
            work(index)
        except Exception as error:  # surfaced below: a writer must never fail with anything else
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_writers_holding_the_same_version_all_but_one_get_a_conflict(database):
    barrier = threading.Barrier(WRITERS)
    outcomes = []

    def writer(index):
        version = database.get_partnership("P0001")["version"]
        barrier.wait()
        try:
            database.update_partnership("P0001", {"note": f"writer {index}"}, version, actor=f"w{index}")
            outcomes.append(("saved", index))
        except ConflictError:
            outcomes.append(("conflict", index))

    run_writers(WRITERS, writer)
    saved = [index for outcome, index in outcomes if outcome == "saved"]
    print(f"\n[{database.dialect}] {WRITERS} writers on one version: {len(saved)} saved, "
          f"{len(outcomes) - len(saved)} conflicts detected")
    assert len(saved) == 1 and len(outcomes) == WRITERS
    assert database.get_partnership("P0001")["note"] == f"writer {saved[0]}"
    assert len(database.audit_entries(record_id="P0001")) == 1


def test_retrying_writers_lose_no_increment(database):
    conflicts = []
    start_version = database.data_version()

    def writer(index):
        for _ in range(INCREMENTS):
            while True:
                record = database.get_partnership("P0001")
                try:
                    database.update_partnership("P0001", {"note": str(int(record["note"]) + 1)}, record["version"],
                                                actor=f"w{index}")
                    break
                except ConflictError:
                    conflicts.append(index)

    run_writers(WRITERS, writer)
    total = WRITERS * INCREMENTS
    print(f"\n[{database.dialect}] {WRITERS} writers x {INCREMENTS} increments: final {database.get_partnership('P0001')['note']}"
          f" of {total}, {len(conflicts)} conflicts detected and retried, 0 lost")
    assert database.get_partnership("P0001")["note"] == str(total)
    assert database.get_partnership("P0001")["version"] == 1 + total
    assert len(database.audit_entries(limit=10 * total, record_id="P0001")) == total
    assert database.data_version() == start_version + total


def test_concurrent_inserts_get_distinct_ids_and_all_arrive(database):
    def writer(index):
        for number in range(3):
            database.add_partnership({
                "a_country": "DE", "a_name": f"Stadt {index}-{number}", "a_kind": "city", "b_country": "PL",
                "b_name": f"Miasto {index}-{number}", "b_kind": "city", "relation": "friendship", "status": "active",
            }, actor=f"w{index}")

    run_writers(WRITERS, writer)
    frame = database.partnerships_frame()
    assert len(frame) == 1 + WRITERS * 3
    assert frame["id"].is_unique


PROCESSES = 4


def _process_writer(url: str, schema: str | None, index: int, barrier, increments: int, results) -> None:
    """One app instance: opens (migrates, seeds) the database itself, then increments a counter."""
    try:
        barrier.wait()  # all instances start on the fresh database at once
        store = open_store(url, schema=schema)
        conflicts = 0
        for _ in range(increments):
            while True:
                record = store.get_partnership("P0001")
                count = int(record["note"]) if record["note"].isdigit() else 0
                try:
                    store.update_partnership("P0001", {"note": str(count + 1)}, record["version"], actor=f"p{index}")
                    break
                except ConflictError:
                    conflicts += 1
        store.dispose()
        results.put(conflicts)
    except Exception as error:  # reported to the test, which fails with it
        results.put(f"{type(error).__name__}: {error}")


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_app_instances_starting_together_migrate_and_seed_once_and_lose_nothing(backend, tmp_path):
    import multiprocessing

    from atlas import records

    url, schema = (f"sqlite:///{tmp_path / 'fresh.sqlite'}", None) if backend == "sqlite" else (
        POSTGRES_URL, f"atlas_test_{uuid.uuid4().hex[:12]}")
    context = multiprocessing.get_context("fork")  # no engine exists in this process yet: nothing shared
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    try:
        processes = [context.Process(target=_process_writer, args=(url, schema, index, barrier, INCREMENTS, results))
                     for index in range(PROCESSES)]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=300) for _ in processes]
        assert [outcome for outcome in outcomes if not isinstance(outcome, int)] == []
        conflicts = sum(outcomes)
        for process in processes:
            process.join(timeout=60)
        assert [process.exitcode for process in processes] == [0] * PROCESSES
        store = open_store(url, schema=schema)
        total = PROCESSES * INCREMENTS
        print(f"\n[{backend}] {PROCESSES} processes (fresh database, each migrating and seeding) x {INCREMENTS} increments:"
              f" final {store.get_partnership('P0001')['note']} of {total}, {conflicts} conflicts retried, 0 lost")
        assert store.get_partnership("P0001")["note"] == str(total)
        assert len(store.partnerships_frame()) == len(records.load_partnerships())  # seeded exactly once
        assert store.revision() == "0001"
        store.dispose()
    finally:
        if schema:
            engine = sa.create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://"))
            with engine.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            engine.dispose()
