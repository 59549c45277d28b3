"""A pytest plugin used only by `make mutate` (loaded with `-p tools.mutmut_pytest`, see pyproject.toml).

mutmut starts a fresh pytest session for every mutant, and each session builds the in-memory SQLite
test database again. Two things make that slow, and this plugin removes both:

1. Running the migrations takes about ten seconds here. The mutation runs pass `--nomigrations`, so
   pytest-django creates the tables straight from the models (about one second); this plugin then
   replays what the migrations do beyond the schema — every `RunPython` operation of every app, in
   migration order (unit kinds, layout profiles, award defaults, the audit log's append-only
   trigger) — so the database holds exactly what a migrated one holds. `manage.py makemigrations
   --check` keeps models and migrations the same schema.
2. A test that asks for the `demo` fixture loads the whole demo tree first (about ten seconds, once
   per mutant). Those tests are deselected.

Browser journeys are left out on the command line (`--ignore=tests/e2e`, `-m "not e2e"`).
"""

from __future__ import annotations

import pytest

SLOW_FIXTURES = frozenset({"demo"})


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        (drop if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def replay_data_migrations() -> None:
    """Run every RunPython operation of the project's migrations (app by app, in file order).

    With --nomigrations pytest-django hides the migration modules from Django's loader, so they are
    imported here directly. The tables already exist, so only the data and SQL steps are replayed.
    """
    import importlib
    import pkgutil

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.operations import RunPython

    with connection.schema_editor() as editor:
        for app in apps.get_app_configs():
            if not app.name.startswith("guongsang."):
                continue
            try:
                package = importlib.import_module(f"{app.name}.migrations")
            except ModuleNotFoundError:
                continue
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
                migration = importlib.import_module(f"{app.name}.migrations.{info.name}").Migration
                for operation in migration.operations:
                    if isinstance(operation, RunPython):
                        operation.code(apps, editor)


@pytest.fixture(scope="session", autouse=True)
def _replay_data_migrations(request):
    """After pytest-django's database setup: (with --nomigrations) what the migrations would add."""
    if not request.config.getoption("nomigrations", False):
        yield
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        replay_data_migrations()
    yield
