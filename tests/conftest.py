"""Fixtures shared by every test: people in roles, the demo places, the shared data."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import django
import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# A shared 2-core CI machine makes timings noisy: no per-example deadline, and a fixed
# derandomised run under CI so a red build can be replayed.
hypothesis_settings.register_profile(
    "coopcouncil", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("coopcouncil"), derandomize=True
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") == "true" else "coopcouncil")

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """../shared beside the checkout (or COOPCOUNCIL_SHARED); under CI it must exist."""
    path = Path(os.environ.get("COOPCOUNCIL_SHARED", REPO_ROOT.parent / "shared"))
    if path.is_dir():
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the shared data folder {path} is missing")
    return None


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is not present beside the checkout")
    return path


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An empty SQLite database made by the real `coopcouncil migrate`, once for the whole run.

    Migrating costs about a minute of CPU, so the tests that need a migrated site of their own
    (tests/test_serve.py, tests/core/test_backup.py) each copy this one. Under xdist the first
    worker to ask migrates, under a lock, and the others wait for it and reuse it.
    """
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent  # every worker's basetemp sits in the run's folder
    folder = run_folder / "migrated"
    database = folder / "coopcouncil.sqlite3"
    with (run_folder / "migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not database.exists():
            folder.mkdir(exist_ok=True)
            # Migrated under another name and renamed once whole: a failed run leaves no copy.
            migrating = folder / "migrating.sqlite3"
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "PYTEST_VERSION": "local run: the demo keys may be used",
                "DJANGO_SETTINGS_MODULE": "coopcouncil.config.settings",
                "DATABASE_URL": f"sqlite:///{migrating}",
                "COOPCOUNCIL_VAR_DIR": str(folder),
            }
            command = [str(Path(sys.executable).parent / "coopcouncil"), "migrate"]
            result = subprocess.run(
                command, env=env, cwd=folder, capture_output=True, text=True, timeout=600
            )
            assert result.returncode == 0, result.stderr
            migrating.replace(database)
    return database


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Production hashing takes ~0.3 s per password; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(scope="session")
def papers_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("papers")


@pytest.fixture(scope="session")
def photos_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("photos")


@pytest.fixture(autouse=True)
def _uploads_in_temporary_folders(settings, papers_root, photos_root):
    # Meeting papers (uploads, minutes documents) and photos must not land in the checkout's
    # var/, where a file left by an earlier run would be served in place of this run's.
    settings.PAPERS_ROOT = papers_root
    settings.MEDIA_ROOT = photos_root


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # A queued task runs as it is queued, so a test sees its email in mail.outbox at once.
    # tests/core/test_tasks.py puts the database backend back to test the worker.
    package = "django.tasks" if django.VERSION >= (6, 0) else "django_tasks"
    settings.TASKS = {"default": {"BACKEND": f"{package}.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def page_cache(settings):
    """The public page cache, on (tests run without it), empty, in this process's memory.
    A write shows at once (no refresh interval) unless a test sets one."""
    from django.core.cache import caches

    settings.COOPCOUNCIL_PAGE_REFRESH_MS = 0

    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-pages",
        },
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def places(db):
    """The demo borough's districts and wards (figures from the demo CSV)."""
    from coopcouncil.demo.borough import _load_places

    return _load_places()


@pytest.fixture(scope="session")
def demo_borough(django_db_setup, django_db_blocker, papers_root, photos_root):
    """The whole demo borough (``coopcouncil demo``), loaded once for the tests that use it.

    Loading it takes the better part of a minute, so those tests share one load on each
    xdist worker: they run together (``pytest_collection_modifyitems`` puts them last),
    inside a transaction that is rolled back as soon as the next test would not use it
    (``pytest_runtest_teardown``), and loaded again if a later test does. Each test's own
    ``db`` transaction nests inside it, so a test's changes are undone after it, as usual.
    Its meeting papers are stored in the folder every test reads them from, not var/.
    """
    from django.db import transaction
    from django.test import override_settings

    from coopcouncil.demo import demo_load

    package = "django.tasks" if django.VERSION >= (6, 0) else "django_tasks"
    quick = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": f"{package}.backends.immediate.ImmediateBackend"}},
        PAPERS_ROOT=papers_root,
        MEDIA_ROOT=photos_root,
    )
    with quick, django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


def _uses_the_demo(item: pytest.Item | None) -> bool:
    return item is not None and "demo_borough" in getattr(item, "fixturenames", ())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield
    if _uses_the_demo(item) and not _uses_the_demo(nextitem):
        # The next test must find an empty database: roll the demo back now, not at the end.
        for fixturedef in item._fixtureinfo.name2fixturedefs["demo_borough"]:
            fixturedef.finish(item._request)
    return result


@pytest.fixture
def ward(places):
    from coopcouncil.places.models import Ward

    return Ward.objects.get(slug="coldhurst")


@pytest.fixture
def other_ward(places):
    from coopcouncil.places.models import Ward

    return Ward.objects.get(slug="saddleworth-south")


@pytest.fixture
def make_user(db):
    from django.utils import timezone

    from coopcouncil.people.models import User

    counter = {"n": 0}

    def make(name: str = "", *, verified_email: bool = True, **extra) -> User:
        counter["n"] += 1
        return User.objects.create_user(
            email=f"person{counter['n']}@test.invalid",
            password="a-long-test-password",
            full_name=name or f"Person {counter['n']}",
            email_verified_at=timezone.now() if verified_email else None,
            **extra,
        )

    return make


@pytest.fixture
def make_resident(make_user):
    """A person with a verified, unexpired residency in ``ward``."""
    from django.utils import timezone

    from coopcouncil.people.models import Residency

    def make(ward, name: str = "", *, days_left: int = 365):
        user = make_user(name)
        now = timezone.now()
        Residency.objects.create(
            user=user,
            ward=ward,
            status=Residency.Status.VERIFIED,
            method=Residency.Method.IN_PERSON,
            verified_at=now,
            expires_at=now + timedelta(days=days_left),
        )
        return user

    return make


@pytest.fixture
def make_role(make_user):
    """A person holding one role, e.g. ``make_role("officer", team="finance")``."""
    from coopcouncil.people.models import RoleAssignment

    def make(role: str, name: str = "", **fields):
        user = make_user(name)
        RoleAssignment.objects.create(user=user, role=role, **fields)
        return user

    return make


@pytest.fixture
def administrator(make_role):
    return make_role("administrator", "Ada Administrator")


def counted_get(client, url: str):
    """(queries, response) for a GET of ``url``, asserting a 200.

    The URL is fetched twice and the second fetch counted: the first fills per-process
    caches (content types, the session), so only what the page itself reads is counted.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


@pytest.fixture
def addresses(places):
    """The demo's illustrative postcode directory and address list (coopcouncil/demo/README.md)."""
    from coopcouncil.demo.borough import demo_load_addresses

    demo_load_addresses()


_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "demo_borough",
    }
)


def touches_the_database(item: pytest.Item) -> bool:
    """Whether a test reaches the database: a django_db mark or a database fixture."""
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(_DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The demo borough's tests together; COOPCOUNCIL_TESTS_DATABASE_ONLY=1 runs only the
    tests that reach the database.

    CI runs the whole suite on SQLite, then again on PostgreSQL; a test that never touches
    the database (pure rules, file formats, the shared STV and Pabulib files) cannot behave
    differently the second time, so that pass leaves it out (.ci/run).
    """
    # The demo borough's tests run last and together: one load for them all on each worker.
    demo_tests = [item for item in items if _uses_the_demo(item)]
    items[:] = [item for item in items if not _uses_the_demo(item)] + demo_tests
    if os.environ.get("COOPCOUNCIL_TESTS_DATABASE_ONLY") != "1":
        return
    kept = [item for item in items if touches_the_database(item)]
    deselected = [item for item in items if not touches_the_database(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture
def rate_limit_window_passes(monkeypatch):
    """Call to move the rate limits' clock (``core.ratelimits``) on by a window."""
    from types import SimpleNamespace

    from django.utils import timezone

    from coopcouncil.core import ratelimits

    shift = {"by": timedelta(0)}
    clock = SimpleNamespace(now=lambda: timezone.now() + shift["by"])
    monkeypatch.setattr(ratelimits, "timezone", clock)

    def passes(window: timedelta = timedelta(hours=1)) -> None:
        shift["by"] += window

    return passes


@pytest.fixture
def rate_limit_holds(settings, rate_limit_window_passes):
    """Check a public action's rate limit, per account and per address, end to end.

    ``attempt(user, address)`` makes one attempt (a page POST or an API call) and returns the
    response. With 2 attempts per account and 3 per address in the window: an account's third
    attempt is refused (429, Retry-After), as is the address's fourth; another account from
    another address is unaffected; once the window passes the first account may try again.
    """

    def check(action: str, attempt, first, second, *, api: bool) -> None:
        prefix = f"COOPCOUNCIL_RATE_LIMIT_{action.upper()}"
        setattr(settings, f"{prefix}_PER_ACCOUNT", 2)
        setattr(settings, f"{prefix}_PER_ADDRESS", 3)
        setattr(settings, f"{prefix}_WINDOW_MINUTES", 60)
        home, elsewhere = "198.51.100.7", "203.0.113.9"
        for _ in range(2):
            assert attempt(first, home).status_code != 429
        refused = attempt(first, home)
        assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
        if api:
            assert refused.json()["code"] == "rate_limited"
        else:
            assert "too many times" in refused.content.decode()
        assert attempt(second, home).status_code == 429  # the address's fourth attempt
        assert attempt(second, elsewhere).status_code != 429
        assert attempt(first, elsewhere).status_code == 429  # the account's own limit
        rate_limit_window_passes()
        assert attempt(first, home).status_code != 429

    return check
