"""Proposal photos: the shared photo check (``core.photos``) with PB's error codes."""

from __future__ import annotations

from typing import Any

from coopcouncil.core import photos
from coopcouncil.core.photos import EXTENSIONS, MAX_PHOTO_BYTES, file_image_type, image_type

__all__ = ["EXTENSIONS", "MAX_PHOTO_BYTES", "file_image_type", "image_type", "photo_check"]


def photo_check(upload: Any) -> str:
    """The upload's content type; DomainError on the `photo` field if it is not a small image."""
    return photos.photo_check(upload, code_prefix="pb")
