"""Production keys and HTTPS settings: refused or taken from the environment at start-up.

Each test starts a fresh process with an environment built from nothing (no PYTEST_VERSION,
no COOPCOUNCIL_* from the shell), as a server or a shell would start it.
"""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMAND = str(Path(sys.executable).parent / "coopcouncil")
DEMO_KEYS = {
    "COOPCOUNCIL_SECRET_KEY": "coopcouncil-demo-key-not-for-production",
    "COOPCOUNCIL_REGISTER_HASH_KEY": "coopcouncil-demo-register-key-not-for-production",
}
PRODUCTION_KEYS = {
    "COOPCOUNCIL_SECRET_KEY": "a-production-secret-key-of-fifty-characters-or-more-123",
    "COOPCOUNCIL_REGISTER_HASH_KEY": "a-production-register-hash-key-kept-apart-from-it-456",
}
SETTINGS_AS_JSON = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'SECRET_KEY': s.SECRET_KEY, 'REGISTER_HASH_KEY': s.COOPCOUNCIL['REGISTER_HASH_KEY'],"
    "'SECURE_HSTS_SECONDS': s.SECURE_HSTS_SECONDS,"
    "'SECURE_HSTS_INCLUDE_SUBDOMAINS': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
    "'SECURE_HSTS_PRELOAD': s.SECURE_HSTS_PRELOAD, 'SECURE_SSL_REDIRECT': s.SECURE_SSL_REDIRECT,"
    "'SECURE_PROXY_SSL_HEADER': s.SECURE_PROXY_SSL_HEADER,"
    "'AXES_FAILURE_LIMIT': s.AXES_FAILURE_LIMIT,"
    "'AXES_COOLOFF_SECONDS': s.AXES_COOLOFF_TIME.total_seconds()}))"
)


def _run(command: list[str], tmp_path: Path, **environment: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "coopcouncil.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coopcouncil.sqlite3'}",
        "COOPCOUNCIL_VAR_DIR": str(tmp_path),
        **environment,
    }
    return subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def _settings(tmp_path: Path, **environment: str) -> dict:
    result = _run([sys.executable, "-c", SETTINGS_AS_JSON], tmp_path, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _without(name: str) -> dict[str, str]:
    return {key: value for key, value in PRODUCTION_KEYS.items() if key != name}


BAD_KEYS = [
    pytest.param(name, _without(name), "is not set", id=f"{name}-missing")
    for name in PRODUCTION_KEYS
] + [
    pytest.param(name, {**PRODUCTION_KEYS, name: DEMO_KEYS[name]}, "demo key", id=f"{name}-demo")
    for name in PRODUCTION_KEYS
]


@pytest.mark.parametrize(("name", "keys", "problem"), BAD_KEYS)
def test_cli_refuses_to_start_without_a_production_key_and_names_it(tmp_path, name, keys, problem):
    result = _run([COMMAND, "migrate"], tmp_path, **keys)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert name in result.stderr and problem in result.stderr
    assert not (tmp_path / "coopcouncil.sqlite3").exists()


@pytest.mark.parametrize(("name", "keys", "problem"), BAD_KEYS)
def test_asgi_application_refuses_to_load_without_a_production_key(tmp_path, name, keys, problem):
    result = _run([sys.executable, "-c", "import coopcouncil.config.asgi"], tmp_path, **keys)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"django.core.exceptions.ImproperlyConfigured: {name} ")
    assert problem in last_line


def test_wsgi_application_refuses_to_load_without_the_secret_key(tmp_path):
    keys = _without("COOPCOUNCIL_SECRET_KEY")
    result = _run([sys.executable, "-c", "import coopcouncil.config.wsgi"], tmp_path, **keys)
    assert result.returncode != 0
    assert "ImproperlyConfigured: COOPCOUNCIL_SECRET_KEY is not set" in result.stderr


def test_serve_refuses_before_starting_any_worker(tmp_path):
    keys = _without("COOPCOUNCIL_REGISTER_HASH_KEY")
    # Hold the port, so that a server which did start would stop at once rather than serve.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = str(taken.getsockname()[1])
        result = _run([COMMAND, "serve", "--port", port], tmp_path, **keys)
    assert result.returncode != 0
    assert result.stderr.startswith("Error: COOPCOUNCIL_REGISTER_HASH_KEY is not set")
    assert "Serving on" not in result.stdout


def test_one_secret_for_both_keys_is_refused(tmp_path):
    same = PRODUCTION_KEYS["COOPCOUNCIL_SECRET_KEY"]
    result = _run(
        [COMMAND, "migrate"],
        tmp_path,
        COOPCOUNCIL_SECRET_KEY=same,
        COOPCOUNCIL_REGISTER_HASH_KEY=same,
    )
    assert result.returncode != 0
    assert "COOPCOUNCIL_REGISTER_HASH_KEY is the same as COOPCOUNCIL_SECRET_KEY" in result.stderr


def test_register_hash_key_never_falls_back_to_the_secret_key(tmp_path):
    local = _settings(
        tmp_path,
        COOPCOUNCIL_DEBUG="1",
        COOPCOUNCIL_SECRET_KEY=PRODUCTION_KEYS["COOPCOUNCIL_SECRET_KEY"],
    )
    assert local["SECRET_KEY"] == PRODUCTION_KEYS["COOPCOUNCIL_SECRET_KEY"]
    assert local["REGISTER_HASH_KEY"] == DEMO_KEYS["COOPCOUNCIL_REGISTER_HASH_KEY"]
    production = _settings(tmp_path, **PRODUCTION_KEYS)
    assert production["SECRET_KEY"] == PRODUCTION_KEYS["COOPCOUNCIL_SECRET_KEY"]
    assert production["REGISTER_HASH_KEY"] == PRODUCTION_KEYS["COOPCOUNCIL_REGISTER_HASH_KEY"]


def test_debug_runs_locally_on_the_demo_keys(tmp_path):
    local = _settings(tmp_path, COOPCOUNCIL_DEBUG="1")
    assert local["SECRET_KEY"] == DEMO_KEYS["COOPCOUNCIL_SECRET_KEY"]
    assert local["REGISTER_HASH_KEY"] == DEMO_KEYS["COOPCOUNCIL_REGISTER_HASH_KEY"]


def test_https_settings_come_from_the_environment(tmp_path):
    plain = _settings(tmp_path, **PRODUCTION_KEYS)
    assert plain["SECURE_HSTS_SECONDS"] == 0
    assert plain["SECURE_SSL_REDIRECT"] is False
    assert plain["SECURE_PROXY_SSL_HEADER"] is None
    https = _settings(
        tmp_path,
        **PRODUCTION_KEYS,
        COOPCOUNCIL_HSTS_SECONDS="31536000",
        COOPCOUNCIL_HSTS_INCLUDE_SUBDOMAINS="1",
        COOPCOUNCIL_HSTS_PRELOAD="1",
        COOPCOUNCIL_SSL_REDIRECT="1",
        COOPCOUNCIL_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )
    assert https["SECURE_HSTS_SECONDS"] == 31536000
    assert https["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert https["SECURE_HSTS_PRELOAD"] is True
    assert https["SECURE_SSL_REDIRECT"] is True
    assert https["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_deploy_check_reports_nothing_with_the_readme_production_environment():
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / ".ci" / "deploy-check")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    used = result.stdout.splitlines()[0]
    for name in ("COOPCOUNCIL_SECRET_KEY", "COOPCOUNCIL_REGISTER_HASH_KEY", "DATABASE_URL"):
        assert name in used
    assert "COOPCOUNCIL_PROXY_SSL_HEADER" in used


def test_the_failed_sign_in_limit_and_pause_come_from_the_environment(tmp_path):
    published = _settings(tmp_path, **PRODUCTION_KEYS)
    assert (published["AXES_FAILURE_LIMIT"], published["AXES_COOLOFF_SECONDS"]) == (5, 15 * 60)
    chosen = _settings(
        tmp_path,
        **PRODUCTION_KEYS,
        COOPCOUNCIL_LOGIN_FAILURE_LIMIT="10",
        COOPCOUNCIL_LOGIN_COOLOFF_MINUTES="60",
    )
    assert (chosen["AXES_FAILURE_LIMIT"], chosen["AXES_COOLOFF_SECONDS"]) == (10, 60 * 60)


COOKIE_SETTINGS = [
    *("SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY"),
    *("SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE"),
    *("CSRF_COOKIE_NAME", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE"),
]


def _named_settings(tmp_path: Path, names: list[str], **environment: str) -> dict:
    script = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = _run([sys.executable, "-c", script], tmp_path, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cookies_are_http_only_and_same_site_lax_by_default(tmp_path):
    assert _named_settings(tmp_path, COOKIE_SETTINGS, **PRODUCTION_KEYS) == {
        "SESSION_COOKIE_NAME": "sessionid",
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 14 * 24 * 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
        "CSRF_COOKIE_NAME": "csrftoken",
        "CSRF_COOKIE_SECURE": False,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
    }


def test_secure_cookies_makes_both_cookies_https_only(tmp_path):
    chosen = _named_settings(
        tmp_path, COOKIE_SETTINGS, **PRODUCTION_KEYS, COOPCOUNCIL_SECURE_COOKIES="1"
    )
    assert chosen["SESSION_COOKIE_SECURE"] is chosen["CSRF_COOKIE_SECURE"] is True


def test_every_cookie_flag_comes_from_the_environment(tmp_path):
    chosen = _named_settings(
        tmp_path,
        COOKIE_SETTINGS,
        **PRODUCTION_KEYS,
        COOPCOUNCIL_SESSION_COOKIE_NAME="__Host-council-session",
        COOPCOUNCIL_SESSION_COOKIE_SECURE="1",
        COOPCOUNCIL_SESSION_COOKIE_SAMESITE="strict",
        COOPCOUNCIL_SESSION_COOKIE_AGE="3600",
        COOPCOUNCIL_SESSION_EXPIRE_AT_BROWSER_CLOSE="1",
        COOPCOUNCIL_CSRF_COOKIE_NAME="__Host-council-csrf",
        COOPCOUNCIL_CSRF_COOKIE_SECURE="1",
        COOPCOUNCIL_CSRF_COOKIE_HTTPONLY="0",
        COOPCOUNCIL_CSRF_COOKIE_SAMESITE="off",
    )
    assert chosen == {
        "SESSION_COOKIE_NAME": "__Host-council-session",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_AGE": 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "CSRF_COOKIE_NAME": "__Host-council-csrf",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": False,
        "CSRF_COOKIE_SAMESITE": False,
    }


@pytest.mark.parametrize(
    ("environment", "problem"),
    [
        ({"COOPCOUNCIL_SESSION_COOKIE_SAMESITE": "sometimes"}, "must be Lax, Strict, None or off"),
        ({"COOPCOUNCIL_CSRF_COOKIE_SAMESITE": "None"}, "needs COOPCOUNCIL_CSRF_COOKIE_SECURE"),
        ({"COOPCOUNCIL_CSRF_COOKIE_NAME": "sessionid"}, "need different names"),
    ],
)
def test_a_cookie_setting_that_would_break_sign_in_stops_start_up(tmp_path, environment, problem):
    result = _run([COMMAND, "migrate"], tmp_path, **PRODUCTION_KEYS, **environment)
    assert result.returncode != 0
    assert problem in result.stderr


PRIMARY_URL = "postgres://council:pw@db-primary:5432/coopcouncil"


def test_each_replica_url_adds_a_replica_and_the_router(tmp_path):
    """COOPCOUNCIL_REPLICA_URL (comma-separated) names replicas of the primary: each gets
    the primary's connection pool, and tests treat it as the primary itself (a mirror)."""
    chosen = _named_settings(
        tmp_path,
        ["DATABASES", "DATABASE_ROUTERS"],
        **PRODUCTION_KEYS,
        DATABASE_URL=PRIMARY_URL,
        COOPCOUNCIL_DB_POOL="1",
        COOPCOUNCIL_DB_TRANSACTION_POOLER="1",
        COOPCOUNCIL_REPLICA_URL="postgres://council:pw@db-replica-a:5432/coopcouncil, "
        "postgres://council:pw@db-replica-b:5432/coopcouncil",
    )
    databases = chosen["DATABASES"]
    assert list(databases) == ["default", "replica", "replica_2"]
    assert (databases["replica"]["HOST"], databases["replica_2"]["HOST"]) == (
        "db-replica-a",
        "db-replica-b",
    )
    for alias in ("replica", "replica_2"):
        assert databases[alias]["OPTIONS"]["pool"] == databases["default"]["OPTIONS"]["pool"]
        assert databases[alias]["TEST"] == {"MIRROR": "default"}
    # Behind PgBouncer in transaction mode, no server-side cursors on any of them.
    assert all(database["DISABLE_SERVER_SIDE_CURSORS"] for database in databases.values())
    assert chosen["DATABASE_ROUTERS"] == ["coopcouncil.config.routers.PrimaryReplicaRouter"]


def test_without_replica_urls_there_is_one_database_and_no_router(tmp_path):
    chosen = _named_settings(
        tmp_path, ["DATABASES", "DATABASE_ROUTERS"], **PRODUCTION_KEYS, DATABASE_URL=PRIMARY_URL
    )
    assert list(chosen["DATABASES"]) == ["default"]
    assert not chosen["DATABASES"]["default"].get("DISABLE_SERVER_SIDE_CURSORS")
    assert chosen["DATABASE_ROUTERS"] == []


def test_a_replica_of_another_kind_of_database_is_refused(tmp_path):
    result = _run(
        [COMMAND, "manage", "check"],
        tmp_path,
        **PRODUCTION_KEYS,
        COOPCOUNCIL_REPLICA_URL=PRIMARY_URL,
    )
    assert result.returncode != 0
    assert "COOPCOUNCIL_REPLICA_URL" in result.stderr
