"""Suite-wide: the app under test (AppTest pages and the browser tests' server) reads a database of its own.

Without this the tests would read ``var/atlas.sqlite``, the developer's working database, where an
edit or import made by hand would change what the map tests count. A fresh SQLite file per test run
is seeded from ``geodata/`` on first use, exactly like a first start of the app.
"""

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def isolated_database(tmp_path_factory):
    previous = {name: os.environ.get(name) for name in ("ATLAS_DB_PATH", "DATABASE_URL")}
    os.environ.pop("DATABASE_URL", None)
    os.environ["ATLAS_DB_PATH"] = str(tmp_path_factory.mktemp("database") / "atlas.sqlite")
    yield os.environ["ATLAS_DB_PATH"]
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
