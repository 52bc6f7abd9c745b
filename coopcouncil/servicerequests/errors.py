"""The one error of this app that no core error fits."""

from coopcouncil.core.errors import DomainError


class RateLimited(DomainError):
    """An API key made more calls this minute than the council allows (HTTP 429)."""

    status = 429
