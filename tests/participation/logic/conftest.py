"""Shared Pabulib data for the cross-check tests (../shared/pabulib).

Set COOPCOUNCIL_SHARED to point elsewhere. Without the files the cross-checks skip, except in
CI (CI=true), where a missing data set is a failure rather than a silent pass.

Tests ask for `reference_entry` (one reference.json entry), `pabulib_file` (one `.pb` name) or
`official_file` (one files.json entry with a `selected` column) and are parametrised here; the
`shared_election` / `shared_profile` fixtures parse each file once per session.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from coopcouncil.participation.logic.election import Election
from coopcouncil.participation.logic.pabulib import read_pabulib
from coopcouncil.participation.logic.profile import BallotProfile, ballot_profile

REPO_ROOT = Path(__file__).resolve().parents[3]
_ABSENT = "pabulib-absent"


def pabulib_dir() -> Path:
    """Where the shared `.pb` files live."""
    shared = Path(os.environ.get("COOPCOUNCIL_SHARED", REPO_ROOT.parent / "shared"))
    return shared / "pabulib"


def require_pabulib() -> Path:
    """The shared Pabulib folder, or skip (fail under CI=true) when it is absent."""
    folder = pabulib_dir()
    if not (folder / "reference.json").is_file():
        message = f"../shared/pabulib not present (looked in {folder})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


@cache
def _json(name: str) -> list[dict]:
    path = pabulib_dir() / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "reference_entry" in metafunc.fixturenames:
        entries = _json("reference.json")
        ids = [f"{e['file'].removesuffix('.pb')}:{e['rule']}" for e in entries]
        metafunc.parametrize("reference_entry", entries or [_ABSENT], ids=ids or [_ABSENT])
    if "pabulib_file" in metafunc.fixturenames:
        folder = pabulib_dir()
        names = sorted(p.name for p in folder.glob("*.pb")) if folder.is_dir() else []
        metafunc.parametrize("pabulib_file", names or [_ABSENT])
    if "official_file" in metafunc.fixturenames:
        entries = [e for e in _json("files.json") if e.get("meta_has_selected")]
        ids = [e["file"].removesuffix(".pb") for e in entries]
        metafunc.parametrize(
            "official_file", _with_marks(entries) or [_ABSENT], ids=ids or [_ABSENT]
        )


def _with_marks(entries: list[dict]) -> list:
    """Attach the documented expected failures (see the logic README) to official files."""
    from coopcouncil.participation.logic.official import unreproducible_reason

    params = []
    for entry in entries:
        reason = unreproducible_reason(entry["meta_rule"], entry["file"])
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(entry, marks=marks))
    return params


@pytest.fixture(scope="session")
def pabulib_folder() -> Path:
    return require_pabulib()


@pytest.fixture(scope="session")
def shared_election() -> Callable[[str], Election]:
    @cache
    def load(name: str) -> Election:
        return read_pabulib(require_pabulib() / name)

    return load


@pytest.fixture(scope="session")
def shared_profile(shared_election: Callable[[str], Election]) -> Callable[[str], BallotProfile]:
    @cache
    def load(name: str) -> BallotProfile:
        return ballot_profile(shared_election(name))

    return load


@pytest.fixture
def pabulib_absent_guard(request: pytest.FixtureRequest) -> None:
    """Skip (or fail in CI) a parametrised cross-check whose data set is absent."""
    for name in ("reference_entry", "pabulib_file", "official_file"):
        if name in request.fixturenames and request.getfixturevalue(name) == _ABSENT:
            require_pabulib()
