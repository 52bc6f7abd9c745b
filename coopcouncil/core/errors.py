"""One error type for broken rules, mapped to HTTP, forms and the CLI in one place.

Services raise ``DomainError`` with a stable ``code``; the API handler turns it into
``{"detail": ..., "errors": {field: [...]}}`` with a 4xx status, forms show the same
message against the same field, and the CLI prints it and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """A request broke a council rule or named something that does not exist."""

    status = 400

    def __init__(
        self,
        code: str,
        message: str,
        field: str | None = None,
        *,
        errors: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.extra_errors = {k: list(v) for k, v in (errors or {}).items()}

    @property
    def errors(self) -> dict[str, list[str]]:
        """Field-level messages; the field ``__all__`` holds errors that name no field."""
        found = dict(self.extra_errors)
        if self.field:
            found.setdefault(self.field, []).insert(0, self.message)
        return found

    def as_body(self) -> dict:
        """The JSON body every API error shares."""
        return {"detail": self.message, "code": self.code, "errors": self.errors}


class NotAuthenticated(DomainError):
    """The caller did not say who they are, or said it with a key that does not work (HTTP 401)."""

    status = 401


class NotAllowed(DomainError):
    """The permission layer refused the action (HTTP 403)."""

    status = 403


class NotFound(DomainError):
    """The thing asked for does not exist or is not visible to the asker (HTTP 404)."""

    status = 404


class Conflict(DomainError):
    """The action clashes with the current state, e.g. a second signature (HTTP 409)."""

    status = 409


class RateLimited(DomainError):
    """Too many attempts at a public action from one account or address (HTTP 429).

    ``retry_after`` is the number of seconds until the window that refused it ends; pages
    and the API send it as the ``Retry-After`` header.
    """

    status = 429

    def __init__(self, code: str, message: str, *, retry_after: int) -> None:
        super().__init__(code, message)
        self.retry_after = retry_after


class RowErrors(DomainError):
    """A file import failed; nothing was written. ``rows`` lists (row number, field, message)."""

    def __init__(self, code: str, message: str, rows: Sequence[tuple[int, str, str]]) -> None:
        errors: dict[str, list[str]] = {}
        for row, field, text in rows:
            errors.setdefault(f"row {row}", []).append(f"{field}: {text}")
        super().__init__(code, message, errors=errors)
        self.rows = list(rows)
