"""A Flow's image (base64 PNG, JPEG or WebP) drawn in half blocks: each cell is ``▀`` with the
upper pixel as its colour and the lower as its background, which every colour terminal shows.

Given a box of another shape (``aspect``), ``fit`` says what Flow JSON's ``scale-type`` says:
``contain`` (the default) shows the whole image inside the box, the rest of the box empty;
``cover`` fills the box and crops what overflows, keeping the middle.

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


FITS = frozenset({"contain", "cover"})


def picture(
    source: str, width: int, aspect: float | None = None, fit: str = "contain"
) -> Text | None:
    """``source`` (base64) drawn ``width`` cells wide, or None when it cannot be drawn.
    ``aspect`` (height / width) is the box's shape (``aspect-ratio``, or width and height),
    else the image's own; ``fit`` is ``contain`` or ``cover`` (anything else: contain)."""
    try:
        data = base64.b64decode(source, validate=False)
    except (binascii.Error, ValueError):
        return None
    if not data or len(data) > MAX_IMAGE_BYTES:
        return None
    return _drawn(
        hashlib.sha256(data).digest(), data, width, aspect, fit if fit in FITS else "contain"
    )


@lru_cache(maxsize=64)
def _drawn(digest: bytes, data: bytes, width: int, aspect: float | None, fit: str) -> Text | None:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS or not image.width or not image.height:
                return None
            shape = aspect if aspect and 0.01 < aspect < 100 else image.height / image.width
            rows = max(1, min(MAX_ROWS, round(width * shape / 2)))
            box = (width, rows * 2)
            rgb = image.convert("RGB")
            pixels = ImageOps.fit(rgb, box) if fit == "cover" else ImageOps.contain(rgb, box)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    left, top = (box[0] - pixels.width) // 2, (box[1] - pixels.height) // 2

    def pixel(column: int, row: int) -> object:
        x, y = column - left, row - top
        inside = 0 <= x < pixels.width and 0 <= y < pixels.height
        return pixels.getpixel((x, y)) if inside else None

    text = Text()
    for row in range(rows):
        for column in range(width):
            upper, lower = pixel(column, row * 2), pixel(column, row * 2 + 1)
            if upper is None and lower is None:  # the box around a contained image
                text.append(" ")
            elif lower is None:
                text.append("▀", Style(color=_hex(upper)))
            elif upper is None:
                text.append("▄", Style(color=_hex(lower)))
            else:
                text.append("▀", Style(color=_hex(upper), bgcolor=_hex(lower)))
        if row < rows - 1:
            text.append("\n")
    return text


def _hex(pixel: object) -> str:
    red, green, blue = pixel if isinstance(pixel, tuple) else (0, 0, 0)
    return f"#{red:02x}{green:02x}{blue:02x}"
