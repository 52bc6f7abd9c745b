"""Photos residents upload: only JPEG, PNG or WebP images under 5 MB, known by their bytes.

The file's own first bytes decide its type, not its name or the browser's claim, so a
renamed document is refused and a photo view can send the right content type. Shared by
every app that takes photos (PB proposals, service requests), so each refuses the same files.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.errors import DomainError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def image_type(head: bytes) -> str | None:
    """The content type of a JPEG, PNG or WebP file from its first 12 bytes, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def file_image_type(file: Any) -> str | None:
    """`image_type` of an open file (upload or stored), leaving its position at the start."""
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    return image_type(head)


def photo_check(upload: Any, *, code_prefix: str) -> str:
    """The upload's content type; DomainError on the `photo` field if it is not a small image.

    The error codes are ``<code_prefix>_photo_too_large`` and ``<code_prefix>_photo_not_image``.
    """
    if upload.size > MAX_PHOTO_BYTES:
        raise DomainError(
            f"{code_prefix}_photo_too_large",
            gettext("The photo is %(size).1f MB; it must be under 5 MB.")
            % {"size": upload.size / 1024 / 1024},
            "photo",
        )
    content_type = file_image_type(upload)
    if content_type is None:
        raise DomainError(
            f"{code_prefix}_photo_not_image",
            gettext("The photo must be a JPEG, PNG or WebP image."),
            "photo",
        )
    return content_type
