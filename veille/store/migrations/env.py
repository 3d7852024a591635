"""Alembic environment: migrations run on the connection `veille.store.migrate` passes in."""

from alembic import context

from veille.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that
)
with context.begin_transaction():
    context.run_migrations()
