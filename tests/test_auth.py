"""Passwords are hashed with a per-user salt, nobody exists by default, failed logins slow down."""

import pytest

from atlas import auth
from atlas.store import open_store


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def empty(tmp_path, clock):
    db = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}", seed=False, clock=clock)
    yield db
    db.dispose()


def test_hash_is_salted_and_verifies_only_the_right_password():
    first, second = auth.hash_password("correct horse battery"), auth.hash_password("correct horse battery")
    assert first != second and first.startswith("scrypt$")
    assert auth.verify_password("correct horse battery", first)
    assert not auth.verify_password("correct horse batterY", first)
    assert not auth.verify_password("anything", "garbage")


def test_a_new_database_has_no_user_at_all(empty):
    assert empty.list_users() == []
    assert not empty.authenticate("admin", "admin").ok


def test_stored_users_carry_only_a_hash(empty):
    empty.add_user("olena", "admin", "a long passphrase")
    rows = empty.dump()["users"]
    assert rows[0]["username"] == "olena" and "a long passphrase" not in str(rows)
    assert empty.authenticate("olena", "a long passphrase").user.role == "admin"


def test_weak_inputs_are_refused(empty):
    with pytest.raises(auth.AuthError):
        empty.add_user("olena", "admin", "short")
    with pytest.raises(auth.AuthError):
        empty.add_user("olena", "superuser", "a long passphrase")
    with pytest.raises(auth.AuthError):
        empty.add_user("<script>", "editor", "a long passphrase")


def test_repeated_failures_wait_longer_each_time_and_a_success_resets(empty, clock):
    empty.add_user("olena", "editor", "a long passphrase")
    for _ in range(3):
        assert empty.authenticate("olena", "wrong").retry_after == 0
    locked = empty.authenticate("olena", "a long passphrase")
    assert (locked.ok, locked.retry_after) == (False, 2.0)  # even the right password waits
    clock.now += 2.0
    assert not empty.authenticate("olena", "wrong").ok
    assert empty.authenticate("olena", "a long passphrase").retry_after == 4.0
    clock.now += 4.0
    assert empty.authenticate("olena", "a long passphrase").ok
    assert empty.authenticate("olena", "wrong").retry_after == 0


def test_unknown_names_are_slowed_down_too(empty):
    for _ in range(3):
        empty.authenticate("nobody", "guess")
    assert empty.authenticate("nobody", "guess").retry_after > 0


def test_the_delay_is_capped():
    policy = auth.ThrottlePolicy()
    assert policy.retry_after([(0.0, False)] * 40, now=0.0) == policy.max_delay


def test_users_command_reads_the_password_from_stdin_not_from_arguments(tmp_path, monkeypatch):
    import io

    from atlas.commands import users

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ATLAS_DB_PATH", str(tmp_path / "u.sqlite"))
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase\n"))
    assert users.main(["add", "olena", "--role", "admin"]) == 0
    db = open_store(seed=False)
    assert db.authenticate("olena", "a long passphrase").ok
    assert users.main(["remove", "olena"]) == 0 and db.list_users() == []
