"""Open311 GeoReport v2 documents: the query filters and the XML and JSON shapes.

The field reference is ``shared/standards/open311-georeport-v2.md`` (a summary of the spec at
https://wiki.open311.org/GeoReport_v2). JSON is the XML mapped mechanically: a list answer
is a bare array, and one request is still an array of one. Absent values are ``null`` in
JSON and empty elements in XML. Times are W3C datetimes with their offset.

Example: ``xml_document("services", "service", [{"service_code": "FLY", "metadata": False}])``
is ``<?xml version="1.0" encoding="utf-8"?><services><service><service_code>FLY</service_code>
<metadata>false</metadata></service></services>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

# The spec bounds a date-filtered list to 90 days, and a default list to the last 90 days.
MAX_SPAN = timedelta(days=90)
DEFAULT_LIMIT = 1000
STATUSES = ("open", "closed")


class FilterInvalid(ValueError):
    """A query argument the spec does not allow; ``argument`` names it."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(message)
        self.argument = argument
        self.message = message


def w3c_datetime(value: datetime | None) -> str | None:
    """``2010-01-01T00:00:00+00:00``; a naive time is refused, as the spec requires a zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("Open311 datetimes carry their zone")
    return value.replace(microsecond=0).isoformat()


def w3c_datetime_parse(argument: str, text: str) -> datetime:
    """A W3C datetime with its zone (``Z`` or an offset); anything else is refused."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise FilterInvalid(argument, f"{argument} is not a W3C datetime: {text!r}.") from None
    if parsed.tzinfo is None:
        raise FilterInvalid(argument, f"{argument} needs a time zone, e.g. 2026-01-01T00:00:00Z.")
    return parsed


@dataclass(frozen=True)
class RequestFilters:
    """The GET requests query, read as the spec says (empty arguments count as absent)."""

    service_request_ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[str, ...] = ()
    page: int = 1
    page_size: int = DEFAULT_LIMIT


def _listed(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def _whole(argument: str, text: str, *, default: int, maximum: int) -> int:
    if not text.strip():
        return default
    if not text.strip().isdigit() or not 1 <= int(text) <= maximum:
        raise FilterInvalid(argument, f"{argument} must be a whole number from 1 to {maximum}.")
    return int(text)


def request_filters(query: Mapping[str, str], *, now: datetime) -> RequestFilters:
    """The filters of a ``GET requests`` query.

    ``service_request_id`` overrides every other filter. Without dates the list covers the
    last 90 days; with one date the other is 90 days from it; a span over 90 days is refused.
    ``page`` and ``page_size`` are the common extension (page_size at most 1,000).
    """
    ids = _listed(query.get("service_request_id", ""))
    if ids:
        return RequestFilters(service_request_ids=ids, page_size=len(ids))
    statuses = _listed(query.get("status", "").lower())
    unknown = sorted(set(statuses) - set(STATUSES))
    if unknown:
        raise FilterInvalid("status", "status must be open, closed or both (comma-separated).")
    start_text, end_text = query.get("start_date", ""), query.get("end_date", "")
    given_start = w3c_datetime_parse("start_date", start_text) if start_text.strip() else None
    given_end = w3c_datetime_parse("end_date", end_text) if end_text.strip() else None
    if given_start is not None:
        start = given_start
        end = given_end if given_end is not None else start + MAX_SPAN
    else:
        end = given_end if given_end is not None else now
        start = end - MAX_SPAN
    if end < start:
        raise FilterInvalid("end_date", "end_date is before start_date.")
    if end - start > MAX_SPAN:
        raise FilterInvalid("end_date", "start_date and end_date may be at most 90 days apart.")
    return RequestFilters(
        service_codes=_listed(query.get("service_code", "")),
        start=start,
        end=end,
        statuses=tuple(s for s in STATUSES if s in statuses),
        page=_whole("page", query.get("page", ""), default=1, maximum=1_000_000),
        page_size=_whole(
            "page_size", query.get("page_size", ""), default=DEFAULT_LIMIT, maximum=DEFAULT_LIMIT
        ),
    )


# Characters XML 1.0 cannot carry, even escaped; a pasted description may hold them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Nested(Exception):
    """A value that is a mapping or a list: an element of elements, not of text."""


def _text(value: object) -> str:
    """A scalar's element text, escaped. Most values are plain strings with nothing to
    escape, so the checks come first and the rewriting only when they find something."""
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    elif value is True:
        return "true"
    elif value is False:
        return "false"
    elif isinstance(value, Mapping | list):
        raise _Nested
    else:
        text = str(value)
    if not text.isprintable():  # control characters (and a few others, which survive)
        text = NOT_XML.sub("", text)
    if "&" in text or "<" in text or ">" in text:
        text = escape(text)
    return text


def _element(parts: list[str], name: str, value: object) -> None:
    """Append ``<name>value</name>`` to ``parts``: text escaped, mappings and lists nested."""
    if isinstance(value, Mapping):
        parts.append(f"<{name}>")
        for key, inner in value.items():
            _element(parts, key, inner)
        parts.append(f"</{name}>")
    elif isinstance(value, list):
        # A list inside an item repeats the singular of its name: attributes > attribute.
        singular = name[:-1] if name.endswith("s") else name
        parts.append(f"<{name}>")
        for inner in value:
            _element(parts, singular, inner)
        parts.append(f"</{name}>")
    else:
        parts.append(f"<{name}>{_text(value)}</{name}>")


def _items(parts: list[str], item: str, rows: Sequence[Mapping]) -> None:
    """Append one ``item`` element per row. Rows of one shape (every request of a list has
    the same fields, all text) share one template string filled by ``str.format``, which
    is what makes a thousand requests nearly as cheap as ``json.dumps``; any other row is
    written element by element, with the same text."""
    keys: tuple = ()
    template = ""
    for row in rows:
        if tuple(row) != keys:
            keys = tuple(row)
            # Braces cannot be in a field name (they are not XML name characters).
            template = f"<{item}>" + "".join(f"<{key}>{{}}</{key}>" for key in keys)
            template += f"</{item}>"
        try:
            parts.append(template.format(*map(_text, row.values())))
        except _Nested:
            _element(parts, item, row)


def xml_document(root: str, item: str | None, content: Sequence[Mapping] | Mapping) -> bytes:
    """An Open311 XML answer: ``root`` holding one ``item`` per mapping (or one mapping).

    Written as text rather than through an element tree: a list of a thousand requests is
    seventeen thousand elements, and filling a template per row is several times faster.
    """
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n']
    if isinstance(content, Mapping):
        _element(parts, root, content)
    else:
        parts.append(f"<{root}>")
        _items(parts, item or "item", content)
        parts.append(f"</{root}>")
    return "".join(parts).encode()


@dataclass(frozen=True)
class Open311Error:
    """One entry of the spec's error list."""

    code: int
    description: str


def errors_document(errors: Iterable[Open311Error]) -> list[dict]:
    """The spec's error list as rows (JSON: a bare array; XML: errors > error)."""
    return [{"code": error.code, "description": error.description} for error in errors]
