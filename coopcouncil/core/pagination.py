"""API pagination with bounded numbers, so a huge ``limit`` is a 400, not a database error."""

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 500


class BoundedLimitOffsetPagination(PaginationBase):
    """``?limit=&offset=`` with ``limit`` 1–500 (default 100) and a sane ``offset``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=2_000_000_000)

    class Output(Schema):
        items: list[Any]
        count: int

    def paginate_queryset(self, queryset: QuerySet | list, pagination: Input, **params) -> dict:
        offset, limit = pagination.offset, pagination.limit
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        return {"items": queryset[offset : offset + limit], "count": count}
