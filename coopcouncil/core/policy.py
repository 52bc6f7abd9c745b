"""Read one of the council's settings of policy: the Django setting, else the environment.

Every app's ``policy.py`` names its settings (``COOPCOUNCIL_<NAME>``) and their published
defaults, and reads them through these functions, so a deployment may set any of them in its
settings module or, like the platform settings in ``config/settings.py``, in the environment.
A Django setting wins over the environment variable of the same name; with neither, the
default applies. A value that cannot be read raises ``ImproperlyConfigured`` naming the
variable, rather than running the council on a rule nobody agreed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "RateLimit",
    "policy_bool",
    "policy_decimal_map",
    "policy_int",
    "policy_str",
    "rate_limit_policy",
]

_UNSET = object()


def _configured(name: str) -> object:
    value = getattr(settings, name, _UNSET)
    if value is _UNSET:
        return os.environ.get(name, _UNSET)
    return value


def policy_int(name: str, default: int) -> int:
    """The whole number set as ``name`` (e.g. ``COOPCOUNCIL_CALL_IN_THRESHOLD=150``)."""
    value = _configured(name)
    if value is _UNSET:
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")


def policy_str(name: str, default: str, *, choices: Collection[str] = ()) -> str:
    """The text set as ``name``; one of ``choices`` when they are given."""
    value = _configured(name)
    if value is _UNSET:
        return default
    if not isinstance(value, str):
        raise ImproperlyConfigured(f"{name} must be text, not {value!r}.")
    value = value.strip()
    if choices and value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def policy_decimal_map(
    name: str, default: Mapping[str, Decimal], *, keys: Collection[str]
) -> dict[str, Decimal]:
    """Numbers by name set as ``name``: a dict in settings, a JSON object in the environment.

    For example ``COOPCOUNCIL_AUTONOMY_THRESHOLDS='{"pulse_survey_score": 65}'``. Only
    ``keys`` may be named; numbers are read as decimals, never through floats.
    """
    value = _configured(name)
    if value is _UNSET:
        return dict(default)
    if isinstance(value, str):
        try:
            value = json.loads(value, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise ImproperlyConfigured(f"{name} is not a JSON object: {error}.") from None
    if not isinstance(value, Mapping):
        raise ImproperlyConfigured(f"{name} must be a JSON object of numbers, not {value!r}.")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise ImproperlyConfigured(
            f"{name} names {', '.join(map(str, unknown))}; it may name {', '.join(keys)}."
        )
    return {key: _decimal(name, key, number) for key, number in value.items()}


def _decimal(name: str, key: str, number: object) -> Decimal:
    if isinstance(number, int | float | Decimal | str) and not isinstance(number, bool):
        try:
            amount = Decimal(str(number).strip())
        except InvalidOperation:
            pass
        else:
            if amount.is_finite():
                return amount
    raise ImproperlyConfigured(f"{name}: {key} must be a number, not {number!r}.")


def policy_bool(name: str, default: bool) -> bool:
    """Yes or no set as ``name`` (1, true, yes, on or 0, false, no, off)."""
    value = _configured(name)
    if value is _UNSET:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    raise ImproperlyConfigured(f"{name} must be yes or no (1 or 0), not {value!r}.")


_YES = {"1", "true", "yes", "on"}
_NO = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class RateLimit:
    """How many attempts at one public action an account, and an address, may make in a window.

    0 means no limit of that kind. Counted by ``core.ratelimits``.
    """

    action: str
    per_account: int
    per_address: int
    window: timedelta

    @property
    def is_on(self) -> bool:
        return self.window > timedelta(0) and (self.per_account > 0 or self.per_address > 0)


def rate_limit_policy(
    action: str, *, per_account: int, per_address: int, window_minutes: int
) -> RateLimit:
    """The limit on ``action`` with its published defaults, each overridable as
    ``COOPCOUNCIL_RATE_LIMIT_<ACTION>_PER_ACCOUNT``, ``..._PER_ADDRESS`` and
    ``..._WINDOW_MINUTES`` (e.g. ``COOPCOUNCIL_RATE_LIMIT_CALL_IN_SIGNATURE_PER_ADDRESS=500``).
    """
    prefix = f"COOPCOUNCIL_RATE_LIMIT_{action.upper()}"
    limit = RateLimit(
        action=action,
        per_account=policy_int(f"{prefix}_PER_ACCOUNT", per_account),
        per_address=policy_int(f"{prefix}_PER_ADDRESS", per_address),
        window=timedelta(minutes=policy_int(f"{prefix}_WINDOW_MINUTES", window_minutes)),
    )
    if min(limit.per_account, limit.per_address) < 0 or limit.window < timedelta(0):
        raise ImproperlyConfigured(f"{prefix}_*: limits and the window cannot be negative.")
    return limit
