"""A Flow's image (base64 PNG, JPEG or WebP) drawn in half blocks: each cell is ``▀`` with the
upper pixel as its colour and the lower as its background, which every colour terminal shows.

Decoding is bounded (images past :data:`MAX_IMAGE_BYTES`, or past Pillow's decompression-bomb
limit, are not drawn) and cached by content, so a redraw never decodes again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
from functools import lru_cache

from rich.style import Style
from rich.text import Text

MAX_IMAGE_BYTES = 2 << 20  # decoded; Meta's own limits for Flow images are far below this
MAX_PIXELS = 4_000_000
MAX_ROWS = 12


def picture(source: str, width: int, aspect: float | None = None) -> Text | None:
    """``source`` (base64) drawn ``width`` cells wide, or None when it cannot be drawn.
    ``aspect`` (height / width) overrides the image's own shape (``aspect-ratio``)."""
    try:
        data = base64.b64decode(source, validate=False)
    except (binascii.Error, ValueError):
        return None
    if not data or len(data) > MAX_IMAGE_BYTES:
        return None
    return _drawn(hashlib.sha256(data).digest(), data, width, aspect)


@lru_cache(maxsize=64)
def _drawn(digest: bytes, data: bytes, width: int, aspect: float | None) -> Text | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS or not image.width or not image.height:
                return None
            shape = aspect if aspect and 0.01 < aspect < 100 else image.height / image.width
            rows = max(1, min(MAX_ROWS, round(width * shape / 2)))
            pixels = image.convert("RGB").resize((width, rows * 2))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    text = Text()
    for row in range(rows):
        for column in range(width):
            top = pixels.getpixel((column, row * 2))
            bottom = pixels.getpixel((column, row * 2 + 1))
            text.append("▀", Style(color=_hex(top), bgcolor=_hex(bottom)))
        if row < rows - 1:
            text.append("\n")
    return text


def _hex(pixel: object) -> str:
    red, green, blue = pixel if isinstance(pixel, tuple) else (0, 0, 0)
    return f"#{red:02x}{green:02x}{blue:02x}"
