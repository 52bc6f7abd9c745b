"""Messages the pure rules give people, marked for translation without importing Django.

A rule returns a ``Message``: English text with %-placeholders, and their values. Writing
the text inside ``gettext_noop(...)`` lets ``makemessages`` find it; the selectors and
services translate it with Django's ``gettext`` when they show it (``message_text``), so a
Welsh council can translate these too. ``str(message)`` is the English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def gettext_noop(text: str) -> str:
    """Mark ``text`` for translation; it is translated where it is shown."""
    return text


@dataclass(frozen=True)
class Message:
    text: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text % self.values if self.values else self.text
