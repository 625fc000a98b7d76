"""Alembic environment: always run programmatically with a connection passed in ``config.attributes``.

``atlas.store.migrate`` opens the transaction (and on PostgreSQL takes an advisory lock), so several
app instances starting at once migrate the schema exactly once.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=connection.dialect.name == "sqlite")
context.run_migrations()
