"""The login, edit and audit pages: the gate, a save, a conflict, a revert (AppTest, temp database)."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.store import open_store


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ATLAS_DB_PATH", str(tmp_path / "pages.sqlite"))
    db = open_store()
    db.add_user("olena", "editor", "a long passphrase")
    yield db
    db.dispose()


def page(name: str, user: str | None = None) -> AppTest:
    app = AppTest.from_file(f"../pages/{name}.py", default_timeout=60)
    if user:
        app.session_state["auth_user"] = user
        app.session_state["auth_role"] = "editor"
    return app


def test_editing_pages_need_a_login(database):
    for name in ("edit", "audit", "import_records"):
        app = page(name).run()
        assert not app.exception, name
        assert "bitte anmelden" in app.info[0].value, name


def test_login_page_signs_in_and_refuses_wrong_passwords(database):
    app = page("login").run()
    app.text_input[0].input("olena")
    app.text_input[1].input("wrong password")
    app.button[0].click().run()
    assert app.error[0].value == "Benutzername oder Passwort falsch."
    app.text_input[1].input("a long passphrase")
    app.button[0].click().run()
    assert app.session_state["auth_user"] == "olena"


def test_edit_saves_with_the_version_it_loaded_and_reports_a_conflict(database):
    app = page("edit", "olena").run()
    assert not app.exception
    app.selectbox(key="data_edit_pick_partnerships").set_value("P0001").run()
    database.update_partnership("P0001", {"note": "changed meanwhile"}, 1, actor="bert")
    form_key = "data_form_partnerships_P0001_1"
    app.text_area(key=f"{form_key}_note").input("my note")
    app.button(key=f"FormSubmitter:{form_key}-Speichern").click().run()
    assert "von jemand anderem geändert" in app.error[0].value
    assert database.get_partnership("P0001")["note"] == "changed meanwhile"
    app.run()
    form_key = "data_form_partnerships_P0001_2"
    app.text_area(key=f"{form_key}_note").input("my note")
    app.button(key=f"FormSubmitter:{form_key}-Speichern").click().run()
    assert database.get_partnership("P0001")["note"] == "my note"
    assert database.audit_entries(limit=1)[0].actor == "olena"


def test_audit_page_lists_and_reverts(database):
    database.update_partnership("P0003", {"since": "1999"}, 1, actor="bert")
    app = page("audit", "olena").run()
    assert not app.exception
    app.button[0].click().run()
    assert database.get_partnership("P0003")["since"] != "1999"
    assert database.audit_entries(limit=1)[0].actor == "olena"
