"""Images in half blocks: the colours of the pixels, and no drawing for what is not an image."""

from __future__ import annotations

import base64
import io

from PIL import Image

from flowtui.tui.widgets import picture as module
from flowtui.tui.widgets.picture import picture


def png(width: int, height: int, colours: list[tuple[int, int, int]]) -> str:
    image = Image.new("RGB", (width, height))
    image.putdata(colours)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_each_cell_is_the_upper_pixel_on_the_lower_one() -> None:
    red, blue = (255, 0, 0), (0, 0, 255)
    drawn = picture(png(1, 2, [red, blue]), width=1)
    assert drawn is not None and drawn.plain == "▀"
    style = drawn.spans[0].style
    assert (str(style.color.triplet.hex), str(style.bgcolor.triplet.hex)) == ("#ff0000", "#0000ff")


def test_the_shape_follows_the_image_or_the_aspect_given() -> None:
    square = png(4, 4, [(0, 0, 0)] * 16)
    assert picture(square, width=8).plain.count("\n") + 1 == 4  # 8 wide, 8 pixels = 4 rows
    assert picture(square, width=8, aspect=0.5).plain.count("\n") + 1 == 2


def test_what_is_not_an_image_or_is_too_large_is_not_drawn(monkeypatch) -> None:
    assert picture("not base64 !!", width=10) is None
    assert picture(base64.b64encode(b"GIF89a nonsense").decode(), width=10) is None
    monkeypatch.setattr(module, "MAX_PIXELS", 10)
    assert picture(png(5, 5, [(9, 9, 9)] * 25), width=8) is None  # (not one drawn before)


def test_contain_shows_all_of_the_image_in_its_box_and_cover_fills_the_box() -> None:
    red, blue = (255, 0, 0), (0, 0, 255)
    wide = png(4, 2, [red, red, blue, blue] * 2)  # red left half, blue right half, 2:1
    contained = picture(wide, width=4, aspect=1.0)  # a square box: 4 cells by 2 rows (4x4 px)
    assert contained is not None
    assert contained.plain == "▄▄▄▄\n▀▀▀▀"  # the image in the middle two pixel rows
    assert contained.spans[0].style.bgcolor is None  # (the box around it is left empty)
    covered = picture(wide, width=4, aspect=1.0, fit="cover")
    assert covered is not None and covered.plain == "▀▀▀▀\n▀▀▀▀"  # every pixel drawn
    left, right = (covered.spans[n].style.color.triplet for n in (0, 3))
    assert left.red > left.blue and right.blue > right.red  # the middle: both halves, cropped
    assert picture(wide, width=4, aspect=1.0, fit="stretch") == contained  # unknown: contain
