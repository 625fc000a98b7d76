"""The atlas database: partnerships, aid actions, users, login attempts and the audit log.

SQLite file ``var/atlas.sqlite`` by default (``ATLAS_DB_PATH`` moves it), PostgreSQL when
``DATABASE_URL`` is set. :func:`open_store` runs the alembic migrations and, on a new database, seeds
it from ``geodata/``. Every change is one transaction that writes the record, an audit entry
(who, when, before, after) and bumps ``data_version`` so caches of every app instance notice it.
Updates use optimistic locking: ``UPDATE … WHERE id = ? AND version = ?``; zero rows → :class:`ConflictError`.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from atlas import PROJECT_ROOT, auth, records
from atlas.schema import AID_CATEGORIES, AID_COLUMNS, PARTNERSHIP_COLUMNS, pair_of

DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "atlas.sqlite"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in MIGRATIONS_DIR (tests/test_store.py checks it against alembic's own view). A
# database already at it needs no alembic at start: importing alembic alone costs about 0.1-0.3 s.
HEAD_REVISION = "0001"
TableName = Literal["partnerships", "aid_actions"]
AuditAction = Literal["insert", "update", "delete"]

metadata = sa.MetaData()


def _stamp_columns() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    ]


partnerships_table = sa.Table(
    "partnerships", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    *[sa.Column(name, sa.Text, nullable=False, server_default="") for name in PARTNERSHIP_COLUMNS[1:]],
    *_stamp_columns(),
)
aid_table = sa.Table(
    "aid_actions", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("partnership_id", sa.String(64), sa.ForeignKey("partnerships.id"), nullable=False),
    *[sa.Column(name, sa.Text, nullable=False, server_default="") for name in AID_COLUMNS[2:]],
    *_stamp_columns(),
)
users_table = sa.Table(
    "users", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)
login_attempts_table = sa.Table(
    "login_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("attempted_at", sa.Float, nullable=False),
    sa.Column("succeeded", sa.Boolean, nullable=False),
)
audit_table = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(64), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("before_json", sa.Text, nullable=True),
    sa.Column("after_json", sa.Text, nullable=True),
)
meta_table = sa.Table(
    "atlas_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Backup order: parents before children.
TABLES: dict[str, sa.Table] = {
    "partnerships": partnerships_table,
    "aid_actions": aid_table,
    "users": users_table,
    "login_attempts": login_attempts_table,
    "audit_log": audit_table,
    "atlas_meta": meta_table,
}
RECORD_TABLES: dict[str, sa.Table] = {"partnerships": partnerships_table, "aid_actions": aid_table}
RECORD_COLUMNS: dict[str, tuple[str, ...]] = {"partnerships": PARTNERSHIP_COLUMNS, "aid_actions": AID_COLUMNS}
_ID_PREFIX = {"partnerships": "P", "aid_actions": "A"}
_AID_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class StoreError(Exception):
    """Base class of everything the store refuses; the message is meant for the person who asked."""


class ConflictError(StoreError):
    """The record changed (or vanished) since it was read: reload it and apply the change again."""


class NotFoundError(StoreError, LookupError):
    """No record with that id."""


class ValidationError(StoreError, ValueError):
    """The values break the schema; ``problems`` lists each one."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class User:
    username: str
    role: str
    created_at: str


@dataclass(frozen=True)
class LoginResult:
    """Outcome of a login attempt. ``retry_after`` > 0 means: refused without checking, wait that long."""

    ok: bool
    user: User | None
    retry_after: float


@dataclass(frozen=True)
class AuditEntry:
    id: int
    actor: str
    at: str
    table_name: str
    record_id: str
    action: str
    before: dict[str, str] | None
    after: dict[str, str] | None


def database_url(url: str | None = None) -> str:
    """The URL to use: ``url``, else ``DATABASE_URL``, else the SQLite file at ``ATLAS_DB_PATH`` or the default.

    ``postgres://`` and ``postgresql://`` are mapped to SQLAlchemy's psycopg 3 driver.
    """
    url = url or os.environ.get("DATABASE_URL") or ""
    if not url:
        path = Path(os.environ.get("ATLAS_DB_PATH") or DEFAULT_DB_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _now_iso(clock: Callable[[], float]) -> str:
    return datetime.fromtimestamp(clock(), UTC).isoformat(timespec="microseconds")


WAL_SWITCH_TIMEOUT_S = 60.0


def _use_wal(dbapi_connection: Any, timeout_s: float = WAL_SWITCH_TIMEOUT_S) -> None:
    """Put the SQLite file in WAL mode (it stays so), waiting while other connections hold it.

    Switching needs the file to itself, and while another connection writes to a file not yet in WAL mode
    SQLite answers "database is locked" at once instead of using the busy timeout: four instances starting
    together on a fresh file failed so in 4 of 230 starts (0 of 200 with this wait). A file already in WAL
    mode is left alone, so later connections never ask for the lock."""
    deadline = time.monotonic() + timeout_s
    pause = 0.01
    while True:
        try:
            if str(dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                dbapi_connection.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as error:  # sqlite3.OperationalError; the driver module is not imported here
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


def _make_engine(url: str, schema: str | None) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let us issue BEGIN ourselves: writes take the write lock up front (BEGIN IMMEDIATE)
            # so two writers wait for each other instead of failing on a lock upgrade.
            dbapi_connection.isolation_level = None
            dbapi_connection.execute("PRAGMA foreign_keys=ON")
            dbapi_connection.execute("PRAGMA busy_timeout=60000")
            if ":memory:" not in url:
                _use_wal(dbapi_connection)

        return engine
    connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
    engine = sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if schema:
        with engine.begin() as connection:  # IF NOT EXISTS alone races when instances start together
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(4711000)"))
            connection.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    return engine


class Store:
    """A connection to the atlas database. Create it with :func:`open_store`."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time,
                 throttle: auth.ThrottlePolicy | None = None):
        self.engine = engine
        self.clock = clock
        self.throttle = throttle or auth.ThrottlePolicy()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (on SQLite it holds the write lock from its first statement).

        A unique-key clash with a concurrent writer (two inserts of the same id) is a :class:`ConflictError`.
        """
        try:
            with self.engine.begin() as connection:
                if self.dialect == "sqlite":
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
        except sa.exc.IntegrityError as error:
            raise ConflictError(f"another change got there first: {error.orig}") from error

    def dispose(self) -> None:
        self.engine.dispose()

    # Schema and seed -------------------------------------------------------------------------

    def migrate(self) -> None:
        """Upgrade the schema to the newest alembic revision (exactly once across racing instances)."""
        if self.revision() == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.transaction() as connection:
            if self.dialect == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(4711001)"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            try:
                return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            except sa.exc.DBAPIError:
                return None

    def is_empty(self) -> bool:
        """True when no table holds a row (what ``db restore`` requires)."""
        with self.engine.connect() as connection:
            return all(
                connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
                for table in TABLES.values()
            )

    def seed(self, partnerships: pd.DataFrame | None = None, aid: pd.DataFrame | None = None) -> bool:
        """Fill a new database from ``geodata/`` (or the frames given). Returns False if it was seeded before."""
        with self.engine.connect() as connection:
            if connection.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "seeded_at")).scalar():
                return False
        partnerships = records.load_partnerships() if partnerships is None else partnerships
        aid = records.load_aid(partnership_ids=set(partnerships["id"])) if aid is None else aid
        stamp = _now_iso(self.clock)
        with self.transaction() as connection:
            if self.dialect == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(4711002)"))
            if connection.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "seeded_at")).scalar():
                return False
            stamps = {"version": 1, "created_at": stamp, "updated_at": stamp}
            rows = [{**row, **stamps} for row in partnerships[list(PARTNERSHIP_COLUMNS)].to_dict("records")]
            if rows:
                connection.execute(partnerships_table.insert(), rows)
            rows = [{**row, **stamps} for row in aid[list(AID_COLUMNS)].to_dict("records")]
            if rows:
                connection.execute(aid_table.insert(), rows)
            connection.execute(meta_table.insert(), [
                {"key": "seeded_at", "value": stamp},
                {"key": "data_version", "value": "1"},
            ])
        return True

    # Reading ---------------------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that grows with every change of partnerships or aid (cache key for the UI)."""
        with self.engine.connect() as connection:
            value = connection.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "data_version")).scalar()
        return int(value or 0)

    def partnerships_frame(self) -> pd.DataFrame:
        """The partnerships in exactly the shape of :func:`atlas.records.load_partnerships`."""
        columns = [partnerships_table.c[name] for name in PARTNERSHIP_COLUMNS]
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(*columns).order_by(partnerships_table.c.id)).all()
        frame = pd.DataFrame([tuple(row) for row in rows], columns=list(PARTNERSHIP_COLUMNS), dtype=str)
        frame["pair"] = pd.Series(
            [pair_of(a, b) for a, b in zip(frame["a_country"], frame["b_country"], strict=True)], dtype=str
        )
        frame["since_year"] = pd.to_numeric(frame["since"].replace("", None), errors="coerce").astype("Int64")
        return frame

    def aid_frame(self) -> pd.DataFrame:
        """The aid actions in exactly the shape of :func:`atlas.records.load_aid`."""
        columns = [aid_table.c[name] for name in AID_COLUMNS]
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(*columns).order_by(aid_table.c.id)).all()
        frame = pd.DataFrame([tuple(row) for row in rows], columns=list(AID_COLUMNS), dtype=str)
        frame["date_precision"] = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"}).astype(str)
        frame["year"] = frame["date"].str[:4].astype(int)
        return frame

    def get_record(self, table_name: TableName, record_id: str) -> dict[str, Any]:
        """One partnership or aid action as a dict of its columns plus ``version``; :class:`NotFoundError` if absent."""
        with self.engine.connect() as connection:
            row = _fetch(connection, table_name, record_id)
        if row is None:
            raise NotFoundError(f"{table_name}: no record with id {record_id!r}")
        return row

    def get_partnership(self, partnership_id: str) -> dict[str, Any]:
        return self.get_record("partnerships", partnership_id)

    def get_aid(self, aid_id: str) -> dict[str, Any]:
        return self.get_record("aid_actions", aid_id)

    # Writing records -------------------------------------------------------------------------

    def add_partnership(self, values: Mapping[str, str], actor: str) -> str:
        """Insert a partnership (id generated when empty); returns its id."""
        with self.transaction() as connection:
            record_id = insert_record(connection, "partnerships", values, actor, self.clock)
            bump_data_version(connection)
        return record_id

    def update_partnership(self, partnership_id: str, values: Mapping[str, str], expected_version: int,
                           actor: str) -> int:
        """Change a partnership read at ``expected_version``; returns the new version."""
        with self.transaction() as connection:
            version = update_record(connection, "partnerships", partnership_id, values, expected_version, actor, self.clock)
            bump_data_version(connection)
        return version

    def end_partnership(self, partnership_id: str, expected_version: int, actor: str) -> int:
        """Mark a partnership as ended (it stays in the records, faded on the map)."""
        return self.update_partnership(partnership_id, {"status": "ended"}, expected_version, actor)

    def add_aid(self, values: Mapping[str, str], actor: str) -> str:
        with self.transaction() as connection:
            record_id = insert_record(connection, "aid_actions", values, actor, self.clock)
            bump_data_version(connection)
        return record_id

    def update_aid(self, aid_id: str, values: Mapping[str, str], expected_version: int, actor: str) -> int:
        with self.transaction() as connection:
            version = update_record(connection, "aid_actions", aid_id, values, expected_version, actor, self.clock)
            bump_data_version(connection)
        return version

    def versions(self, table_name: TableName = "partnerships") -> dict[str, int]:
        """id → current version of every record of a table (what an import plan compares against)."""
        table = RECORD_TABLES[table_name]
        with self.engine.connect() as connection:
            return {row.id: int(row.version) for row in connection.execute(sa.select(table.c.id, table.c.version))}

    def apply_import(self, rows: Sequence[Any], actor: str) -> dict[str, list[str]]:
        """Write the ``new`` and ``update`` rows of an import plan (:class:`atlas.importer.RowReport`) in ONE
        transaction: if any row fails (a conflict, a validation error) nothing is written.

        Returns the ids written per action, e.g. ``{"new": ["P0517"], "update": ["P0001"]}``.
        """
        written: dict[str, list[str]] = {"new": [], "update": []}
        with self.transaction() as connection:
            for row in rows:
                if row.action == "new":
                    values = dict(row.values) | {"id": row.partnership_id}
                    written["new"].append(insert_record(connection, "partnerships", values, actor, self.clock))
                elif row.action == "update":
                    update_record(connection, "partnerships", row.partnership_id, row.values, row.expected_version,
                                  actor, self.clock)
                    written["update"].append(row.partnership_id)
            if written["new"] or written["update"]:
                bump_data_version(connection)
        return written

    # Audit -----------------------------------------------------------------------------------

    def audit_entries(self, limit: int = 200, record_id: str | None = None) -> list[AuditEntry]:
        """The newest audit entries first (optionally only those of one record)."""
        query = sa.select(audit_table).order_by(audit_table.c.id.desc()).limit(limit)
        if record_id:
            query = query.where(audit_table.c.record_id == record_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [_audit_entry(row) for row in rows]

    def revert(self, audit_id: int, actor: str) -> None:
        """Undo one audited change as a new audited change.

        Refused with :class:`ConflictError` when the record was changed again after that entry
        (revert the newer change first) — so a revert never silently discards someone's later work.
        """
        with self.transaction() as connection:
            row = connection.execute(sa.select(audit_table).where(audit_table.c.id == audit_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"audit entry {audit_id} does not exist")
            entry = _audit_entry(row)
            current = _fetch(connection, entry.table_name, entry.record_id)  # type: ignore[arg-type]
            current_values = _plain(entry.table_name, current) if current else None
            if current_values != entry.after:
                raise ConflictError(f"{entry.record_id} changed after audit entry {audit_id}; revert the newer change first")
            table_name: TableName = entry.table_name  # type: ignore[assignment]
            if entry.before is None:
                delete_record(connection, table_name, entry.record_id, actor, self.clock)
            elif current is None:
                insert_record(connection, table_name, entry.before, actor, self.clock)
            else:
                update_record(connection, table_name, entry.record_id, entry.before, current["version"], actor, self.clock)
            bump_data_version(connection)

    # Users and login -------------------------------------------------------------------------

    def add_user(self, username: str, role: str, password: str) -> User:
        auth.check_username(username)
        auth.check_role(role)
        auth.check_password(password)
        stamp = _now_iso(self.clock)
        with self.transaction() as connection:
            if connection.execute(sa.select(users_table.c.username).where(users_table.c.username == username)).first():
                raise ValidationError([f"user {username!r} exists already"])
            connection.execute(users_table.insert().values(
                username=username, role=role, password_hash=auth.hash_password(password), created_at=stamp,
            ))
        return User(username, role, stamp)

    def set_password(self, username: str, password: str) -> None:
        auth.check_password(password)
        with self.transaction() as connection:
            changed = connection.execute(
                users_table.update().where(users_table.c.username == username)
                .values(password_hash=auth.hash_password(password))
            ).rowcount
        if not changed:
            raise NotFoundError(f"no user {username!r}")

    def remove_user(self, username: str) -> None:
        with self.transaction() as connection:
            removed = connection.execute(users_table.delete().where(users_table.c.username == username)).rowcount
        if not removed:
            raise NotFoundError(f"no user {username!r}")

    def list_users(self) -> list[User]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(users_table).order_by(users_table.c.username)).mappings().all()
        return [User(row["username"], row["role"], row["created_at"]) for row in rows]

    def authenticate(self, username: str, password: str) -> LoginResult:
        """Check a login. Repeated failures of one username are slowed down (see :class:`auth.ThrottlePolicy`);
        while the wait lasts the password is not even checked and the attempt is not counted."""
        now = self.clock()
        username = (username or "")[:64]
        since = now - self.throttle.window
        with self.engine.connect() as connection:
            attempts = connection.execute(
                sa.select(login_attempts_table.c.attempted_at, login_attempts_table.c.succeeded)
                .where(login_attempts_table.c.username == username, login_attempts_table.c.attempted_at > since)
            ).all()
            wait = self.throttle.retry_after([(at, bool(ok)) for at, ok in attempts], now)
            if wait > 0:
                return LoginResult(False, None, wait)
            row = connection.execute(sa.select(users_table).where(users_table.c.username == username)).mappings().first()
        # Hash even for unknown names so the answer takes the same time either way.
        ok = auth.verify_password(password or "", row["password_hash"] if row else auth.dummy_hash()) and row is not None
        with self.transaction() as connection:
            connection.execute(login_attempts_table.insert().values(username=username, attempted_at=now, succeeded=ok))
        user = User(row["username"], row["role"], row["created_at"]) if ok and row else None
        return LoginResult(ok, user, 0.0)

    # Backup ----------------------------------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, ordered by primary key (for backups and equality checks)."""
        result: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as connection:
            for name, table in TABLES.items():
                order = [column for column in table.primary_key.columns]
                rows = connection.execute(sa.select(table).order_by(*order)).mappings().all()
                result[name] = [dict(row) for row in rows]
        return result

    def load(self, dump: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Insert a :meth:`dump` into this database, which must be empty; one transaction."""
        if not self.is_empty():
            raise StoreError("the target database is not empty; restore only into a new, empty database")
        with self.transaction() as connection:
            for name, table in TABLES.items():
                rows = [dict(row) for row in dump.get(name, [])]
                if rows:
                    connection.execute(table.insert(), rows)
            if self.dialect == "postgresql":
                for name in ("login_attempts", "audit_log"):
                    connection.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                    ))


# Transaction-level helpers (also used by the importer's single transaction) ---------------------


def _fetch(connection: Connection, table_name: str, record_id: str) -> dict[str, Any] | None:
    table = RECORD_TABLES[table_name]
    row = connection.execute(sa.select(table).where(table.c.id == record_id)).mappings().first()
    return dict(row) if row else None


def _plain(table_name: str, row: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(row[name]) for name in RECORD_COLUMNS[table_name]}


def _audit_entry(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=int(row["id"]), actor=row["actor"], at=row["at"], table_name=row["table_name"],
        record_id=row["record_id"], action=row["action"],
        before=json.loads(row["before_json"]) if row["before_json"] else None,
        after=json.loads(row["after_json"]) if row["after_json"] else None,
    )


def validate_record(connection: Connection, table_name: str, values: Mapping[str, str]) -> list[str]:
    """Schema problems of one complete record (the same rules as :mod:`atlas.records`)."""
    if table_name == "partnerships":
        frame = pd.DataFrame([{name: values.get(name, "") for name in PARTNERSHIP_COLUMNS}], dtype=str)
        return [f"{problem.column}: got {problem.value!r}, expected {problem.expected}"
                for problem in records.validate_partnerships(frame, "record")]
    problems = []
    if not _AID_DATE.match(values.get("date", "")):
        problems.append(f"date: got {values.get('date', '')!r}, expected YYYY, YYYY-MM or YYYY-MM-DD")
    if values.get("category") not in AID_CATEGORIES:
        problems.append(f"category: got {values.get('category')!r}, expected one of {', '.join(AID_CATEGORIES)}")
    if _fetch(connection, "partnerships", values.get("partnership_id", "")) is None:
        problems.append(f"partnership_id: got {values.get('partnership_id')!r}, expected the id of a known partnership")
    return problems


def _clean(table_name: str, values: Mapping[str, Any]) -> dict[str, str]:
    unknown = set(values) - set(RECORD_COLUMNS[table_name])
    if unknown:
        raise ValidationError([f"unknown column(s): {', '.join(sorted(unknown))}"])
    return {name: str(value if value is not None else "").strip() for name, value in values.items()}


def next_id(connection: Connection, table_name: str) -> str:
    """The next free id like ``P0457`` / ``A0100`` (numbers after the prefix, zero-padded to 4)."""
    prefix = _ID_PREFIX[table_name]
    table = RECORD_TABLES[table_name]
    if connection.dialect.name == "postgresql":  # writers picking ids take turns until they commit
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": f"atlas-id-{table_name}"})
    ids = connection.execute(sa.select(table.c.id).where(table.c.id.like(f"{prefix}%"))).scalars().all()
    numbers = [int(value[1:]) for value in ids if value[1:].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _audit(connection: Connection, actor: str, clock: Callable[[], float], table_name: str, record_id: str,
           action: AuditAction, before: Mapping[str, str] | None, after: Mapping[str, str] | None) -> None:
    connection.execute(audit_table.insert().values(
        actor=actor, at=_now_iso(clock), table_name=table_name, record_id=record_id, action=action,
        before_json=json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
        after_json=json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None,
    ))


def insert_record(connection: Connection, table_name: TableName, values: Mapping[str, Any], actor: str,
                  clock: Callable[[], float]) -> str:
    """Validate, insert and audit one record inside ``connection``'s transaction; returns its id."""
    clean = {name: "" for name in RECORD_COLUMNS[table_name]} | _clean(table_name, values)
    if not clean["id"]:
        clean["id"] = next_id(connection, table_name)
    problems = validate_record(connection, table_name, clean)
    if problems:
        raise ValidationError(problems)
    if _fetch(connection, table_name, clean["id"]) is not None:
        raise ConflictError(f"{table_name}: id {clean['id']!r} exists already")
    stamp = _now_iso(clock)
    connection.execute(RECORD_TABLES[table_name].insert().values(**clean, version=1, created_at=stamp, updated_at=stamp))
    _audit(connection, actor, clock, table_name, clean["id"], "insert", None, clean)
    return clean["id"]


def update_record(connection: Connection, table_name: TableName, record_id: str, values: Mapping[str, Any],
                  expected_version: int, actor: str, clock: Callable[[], float]) -> int:
    """Apply ``values`` to a record last read at ``expected_version``; returns the new version.

    Raises :class:`ConflictError` when someone changed it since, :class:`NotFoundError` when it is gone.
    A change that changes nothing writes nothing and keeps the version.
    """
    current = _fetch(connection, table_name, record_id)
    if current is None:
        raise NotFoundError(f"{table_name}: no record with id {record_id!r}")
    if current["version"] != expected_version:
        raise ConflictError(
            f"{record_id} was changed by someone else (now version {current['version']}, you edited {expected_version})"
        )
    before = _plain(table_name, current)
    after = before | _clean(table_name, values)
    if after["id"] != record_id:
        raise ValidationError([f"id: cannot change {record_id!r} to {after['id']!r}"])
    if after == before:
        return expected_version
    problems = validate_record(connection, table_name, after)
    if problems:
        raise ValidationError(problems)
    table = RECORD_TABLES[table_name]
    changed = connection.execute(
        table.update()
        .where(table.c.id == record_id, table.c.version == expected_version)
        .values(**{name: value for name, value in after.items() if name != "id"},
                version=expected_version + 1, updated_at=_now_iso(clock))
    ).rowcount
    if changed != 1:
        raise ConflictError(f"{record_id} was changed by someone else meanwhile")
    _audit(connection, actor, clock, table_name, record_id, "update", before, after)
    return expected_version + 1


def delete_record(connection: Connection, table_name: TableName, record_id: str, actor: str,
                  clock: Callable[[], float]) -> None:
    """Delete and audit one record (used by revert of an insert); refused while aid refers to it."""
    current = _fetch(connection, table_name, record_id)
    if current is None:
        raise NotFoundError(f"{table_name}: no record with id {record_id!r}")
    if table_name == "partnerships":
        used = connection.execute(
            sa.select(sa.func.count()).select_from(aid_table).where(aid_table.c.partnership_id == record_id)
        ).scalar()
        if used:
            raise ConflictError(f"{record_id} has {used} aid action(s); remove or move them first")
    table = RECORD_TABLES[table_name]
    connection.execute(table.delete().where(table.c.id == record_id, table.c.version == current["version"]))
    _audit(connection, actor, clock, table_name, record_id, "delete", _plain(table_name, current), None)


def bump_data_version(connection: Connection) -> None:
    """Increase ``data_version`` inside the caller's transaction (serialises writers on that row)."""
    changed = connection.execute(
        meta_table.update().where(meta_table.c.key == "data_version")
        .values(value=sa.cast(sa.cast(meta_table.c.value, sa.Integer) + 1, sa.Text))
    ).rowcount
    if not changed:
        connection.execute(meta_table.insert().values(key="data_version", value="1"))


def open_store(url: str | None = None, *, seed: bool = True, schema: str | None = None,
               clock: Callable[[], float] = time.time, throttle: auth.ThrottlePolicy | None = None) -> Store:
    """Connect (see :func:`database_url`), migrate to the newest schema and, if ``seed``, seed a new database.

    ``schema`` (PostgreSQL only) keeps every table in that schema — tests use one per run.
    """
    resolved = database_url(url)
    store = Store(_make_engine(resolved, schema), clock=clock, throttle=throttle)
    store.migrate()
    if seed:
        store.seed()
    return store
