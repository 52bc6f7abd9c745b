"""What people asks of the apps above it: each app's part of a person's data.

A subject access request must return everything the platform holds about a person, and
erasure must reach every app — but people sits below them all and may not import them. So
each app that holds personal data registers a section here in its ``AppConfig.ready``: a
function that exports the person's records as plain JSON values, and one that erases or
anonymises them while keeping public aggregates (counts, totals) right. ``user_export`` and
``user_erase`` call every registered section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

# The person is a ``people.User``; typed loosely because this module sits below models.


class PersonalDataExport(Protocol):
    def __call__(self, *, user: Any) -> dict[str, Any]: ...


class PersonalDataErase(Protocol):
    def __call__(self, *, user: Any) -> None: ...


@dataclass(frozen=True)
class PersonalDataSection:
    """One app's part of a person's data, under its app label in the export."""

    app_label: str
    export: PersonalDataExport
    # None where anonymising the account is enough (the records hold nothing else personal).
    erase: PersonalDataErase | None = None


_sections: dict[str, PersonalDataSection] = {}


def personal_data_register(section: PersonalDataSection) -> None:
    """Add an app's section; a second, different section for one app is a mistake."""
    existing = _sections.get(section.app_label)
    if existing is not None and existing != section:
        raise RuntimeError(f"{section.app_label} already registered its personal data section.")
    _sections[section.app_label] = section


def personal_data_sections() -> tuple[PersonalDataSection, ...]:
    """Every registered section, in the order the apps started."""
    return tuple(_sections.values())
