"""The canonical cast: a small tree and one user per role, plus a user of a sibling unit.

Tỉnh ủy Mẫu (TU)                               admin (role admin at the root)
├── Huyện ủy Lạc Dương (HU)                    manager, leader, reviewer, office
│   ├── Đảng bộ xã Lát (ĐBCS, 120 đảng viên)   submitter, head
│   │   └── Chi bộ thôn Bon Đưng
│   └── Chi bộ Tòa án (CBCS)
└── Huyện ủy Kim Bảng (HU)                     sibling (manager of the sibling district)
    └── Chi bộ Viện Kiểm sát (CBCS)
"""

from __future__ import annotations

import copy
import fcntl
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, settings

from guongsang.accounts.models import Membership, Role
from guongsang.org.models import Person, Rating, Unit, UnitKind

# Property tests: no wall-clock deadline (a loaded machine is not a failing property); in CI the examples
# are derived from the test itself (`derandomize`), so a run is repeatable and a failure reproduces.
# The strategies are small by construction; the slow-generation health check measures wall time, which
# two test workers on two cores inflate, so the CI profile does not count it.
settings.register_profile("dev", deadline=None, max_examples=100)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def _flush_past_the_audit_trigger() -> None:
    """SQLite refuses DELETE on the audit log (a trigger) and Django's flush between transactional
    tests deletes rows: the flush, and only the flush, drops the trigger and creates it again around
    itself, in its own transaction. PostgreSQL's flush truncates, which the row trigger does not see."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    from guongsang.accounts import triggers

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, **options):
        statements = original(self, style, tables, **options)
        if statements and "accounts_auditentry" in tables:
            return [triggers.SQLITE_DROP_NO_DELETE, *statements, triggers.SQLITE_NO_DELETE]
        return statements

    DatabaseOperations.sql_flush = sql_flush


_flush_past_the_audit_trigger()


@dataclass
class Cast:
    root: Unit
    district: Unit
    commune: Unit
    branch: Unit
    court: Unit
    sibling: Unit
    sibling_branch: Unit
    person: Person
    sibling_person: Person
    users: dict


class _QueuedPdfs:
    """Stands for the background task that turns a stored document into .pdf: it notes what was queued
    instead of starting LibreOffice for every plan issued and decision signed (the demo alone stores
    seven; the task backend of the tests runs tasks at once). `tests/documents/test_issued.py` runs the
    real task, and a download makes a missing .pdf from the stored .docx as in production."""

    def __init__(self, real):
        self.real = real
        self.queued: list[int] = []

    def enqueue(self, pk: int) -> None:
        self.queued.append(pk)


@pytest.fixture(scope="session", autouse=True)
def _pdf_task_noted():
    from guongsang.documents import issued

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(issued, "make_pdf", _QueuedPdfs(issued.make_pdf))
        yield


def once_per_run(tmp_path_factory, key: str, build: Callable[[], bytes]) -> bytes:
    """`build()`, computed by the first test worker that asks and read from a file by the others (the
    directory above each worker's base temp is the run's): for slow, deterministic work such as a
    LibreOffice conversion of the same input."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    path = root / f"once-{key}"
    with open(f"{path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            data = build()
            path.with_suffix(".part").write_bytes(data)
            path.with_suffix(".part").rename(path)
        return path.read_bytes()


def kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def make_unit(parent: Unit | None, code: str, name: str, kind_code: str, **extra) -> Unit:
    unit = Unit(code=code, name=name, kind=kind(kind_code), **extra)
    unit.prepare()
    return Unit.objects.place(unit, parent)


def make_user(username: str, unit: Unit | None = None, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(username=username, password="mat-khau-123", **extra)
    if unit is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def ensure_kinds() -> None:
    """Unit kinds and layout profiles come from data migrations; a transactional test's flush
    removes them, so fixtures seed them again (idempotent)."""
    from django.apps import apps

    importlib.import_module("guongsang.org.migrations.0002_unit_kinds").seed(apps, None)
    importlib.import_module("guongsang.documents.migrations.0002_layout_profiles").seed(apps, None)
    importlib.import_module("guongsang.awards.migrations.0002_defaults").seed(apps, None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once per test session (per worker) and kept: each test runs in a transaction
    that is rolled back, so the data stays as loaded. It is loaded again only when a transactional test
    has flushed the database before a module that needs it. Tests that use it run after every other test (see
    `pytest_collection_modifyitems`), so no test that expects an empty database ever sees it."""
    from guongsang.demo.loader import load_demo

    with django_db_blocker.unblock():
        ensure_kinds()
        load_demo()  # a no-op when the data is already there


def _uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


def _is_transactional(item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


FLUSHES = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _note_flush(request):
    """Marks a transactional test that reached its database (a skipped one did not)."""
    if _is_transactional(request.node):
        request.node.stash[FLUSHES] = True


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table, data migrations' rows too (unit kinds, layout
    profiles, certificate layouts, base salaries): put them back for the tests that follow."""
    yield
    if item.stash.get(FLUSHES, False) and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            ensure_kinds()


def pytest_collection_modifyitems(config, items):
    """Run tests in four groups, each in its collected order: tests that flush the database
    (transactional ones), tests in a transaction on an empty database, tests on the demo data, and
    transactional tests on the demo data. The demo is then loaded once, and a flush never removes it
    under a test that needs it; and a module's transactional tests run before its `shared_cast` opens
    its transaction. Test workers (pytest-xdist) are handed tests in this order, so the same holds for
    each of them."""

    def group(item) -> int:
        demo, transactional = _uses_demo(item), _is_transactional(item)
        if demo:
            return 3 if transactional else 2
        return 0 if transactional else 1

    items[:] = sorted(items, key=group)  # sorted() is stable: the collected order stays within a group


@pytest.fixture(scope="module")
def shared_cast(django_db_setup, django_db_blocker):
    """The cast, built once per module inside a transaction that is rolled back at the module's end.
    Each test runs in a savepoint within it (as Django's `TestCase.setUpTestData` does) and gets its own
    copy of the objects, so what one test changes, in the database or on an object, no other sees."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_cast()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def cast(shared_cast, db) -> Cast:
    return copy.deepcopy(shared_cast)


def build_cast() -> Cast:
    ensure_kinds()
    root = make_unit(None, "T-TU", "Tỉnh ủy Mẫu", "tinh-uy", abbreviation="TU")
    district = make_unit(root, "T-HU-LD", "Huyện ủy Lạc Dương", "huyen-uy", abbreviation="HU", place_name="Lạc Dương")
    commune = make_unit(district, "T-LAT", "Đảng bộ xã Lát", "dang-bo-co-so", party_member_count=120)
    branch = make_unit(commune, "T-LAT-CB1", "Chi bộ thôn Bon Đưng", "chi-bo-truc-thuoc")
    court = make_unit(district, "T-CB-TOAAN", "Chi bộ Tòa án", "chi-bo-co-so")
    sibling = make_unit(root, "T-HU-KB", "Huyện ủy Kim Bảng", "huyen-uy", abbreviation="HU")
    sibling_branch = make_unit(sibling, "T-CB-VKS", "Chi bộ Viện Kiểm sát", "chi-bo-co-so")
    person = Person(
        code="P-1", full_name="Nguyễn Thị Ánh", unit=branch, birth_year=1980, ethnicity="Kinh", is_party_member=True
    )
    person.save()
    Rating.objects.create(person=person, year=2024, grade="HTTNV")
    sibling_person = Person(
        code="P-2",
        full_name="Trần Văn Bình",
        unit=sibling_branch,
        birth_year=1975,
        ethnicity="Tày",
        is_party_member=True,
    )
    sibling_person.save()
    Rating.objects.create(person=sibling_person, year=2024, grade="HTXSNV")
    users = {
        Role.MANAGER: make_user("quanly", district, Role.MANAGER),
        Role.LEADER: make_user("lanhdao", district, Role.LEADER),
        Role.REVIEWER: make_user("thamdinh", district, Role.REVIEWER),
        Role.OFFICE: make_user("vanphong", district, Role.OFFICE),
        Role.SUBMITTER: make_user("donvi", commune, Role.SUBMITTER),
        Role.HEAD: make_user("bithu", commune, Role.HEAD),
        Role.ADMIN: make_user("quantri", root, Role.ADMIN),
        "sibling": make_user("khac", sibling, Role.MANAGER),
        "superuser": get_user_model().objects.create_superuser("root", password="mat-khau-123"),
    }
    return Cast(root, district, commune, branch, court, sibling, sibling_branch, person, sibling_person, users)


def new_session(user) -> str:
    """A signed-in session for ``user``, as ``Client.force_login`` leaves it, without the sign-in's side
    effects (the last-login update and the lockout log; tests/accounts covers those). Returns its key.
    The matrices and the browser journeys sign in a few thousand times, and those writes were a tenth
    of the matrices' time."""
    from django.conf import settings as django_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    backend = next(b for b in django_settings.AUTHENTICATION_BACKENDS if hasattr(import_string(b), "get_user"))
    session = importlib.import_module(django_settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def sign_in(client, user) -> None:
    """Put a signed-in session for ``user`` on the test client (see ``new_session``)."""
    from django.conf import settings as django_settings

    client.cookies[django_settings.SESSION_COOKIE_NAME] = new_session(user)


def refresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)
