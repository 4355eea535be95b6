"""One widget per Flow JSON component, for the player's phone column.

Each part is built from a :class:`~flowtui.player.view.Shown` and updated in place with
:meth:`Part.show` when the screen's state changes (a keystroke re-renders labels, errors and
the Footer, not the widgets). What the user does is posted as :class:`Part.Changed` (a value:
typed, or chosen with its on-select-action) or :class:`Part.Clicked` (a link, an OptIn's
"Read more", a NavigationList item). Every text from the flow goes through :func:`literal`.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from rich.markdown import Markdown
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from flowtui.flowjson.expressions import as_text
from flowtui.player.inputs import MANY_OF_KINDS, ONE_OF_KINDS, day_rule, parse_day
from flowtui.player.media import picked
from flowtui.player.view import PLACEHOLDER, Shown
from flowtui.text import printable_lines
from flowtui.tui.widgets.literal import LiteralInput, literal
from flowtui.tui.widgets.month_grid import MonthGrid, next_range
from flowtui.tui.widgets.picture import picture

TEXT_STYLES = {"TextHeading": "heading", "TextSubheading": "subheading", "TextCaption": "caption"}
WEIGHTS = {"bold": "bold", "italic": "italic", "bold_italic": "bold italic"}
SECRET_INPUTS = frozenset({"password", "passcode"})


class Part(Vertical):
    """A component on the phone; ``key`` is its place in the layout."""

    class Changed(Message):
        def __init__(self, name: str, value: Any, *, select: bool = False) -> None:
            super().__init__()
            self.name = name
            self.value = value
            self.select = select  # fire the component's on-select-action

    class Clicked(Message):
        def __init__(self, target: str) -> None:
            super().__init__()
            self.target = target

    def __init__(
        self,
        shown: Shown,
        value: Any = None,
        problem: str | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(classes=f"part part-{shown.kind.lower()}")
        self.shown = shown
        self.value = value
        self.problem = problem
        self.today = today or date.today()  # the phone's day (a calendar opens on its month)

    def show(self, shown: Shown, value: Any, problem: str | None) -> None:
        """The component again, after a change of state: labels, values, errors. Nothing is
        redrawn when nothing it shows changed (most parts, on most keystrokes: an update
        would lay the whole screen out again)."""
        if shown == self.shown and problem == self.problem:
            self.value = value
            return
        self.shown, self.value, self.problem = shown, value, problem
        if shown.name and not isinstance(self, OptInPart):  # (an OptIn's label is its box's)
            required = " *" if shown.flag("required", False) else ""
            for label in self.query(".part-label").results(Static):
                label.update(literal(shown.text("label") + required))
                break
        message = _error_text(shown, problem)
        for error in self.query(".part-error").results(Static):
            error.update(literal(message))
            error.display = bool(message)
        for helper in self.query(".part-helper").results(Static):  # an error in its words
            helper.display = message != shown.text("helper-text")
        self.refresh_props()

    def refresh_props(self) -> None:
        """Subclasses update what the props show (a label from ``${data...}``, say)."""

    def shows_in_place(self, shown: Shown) -> bool:
        """Whether :meth:`show` can show ``shown`` (texts changed), or the part must be built
        again (options, limits, modes changed: an update_data, an endpoint's reply)."""
        if isinstance(self, TextPart):
            return True
        return _structure(self.shown.props) == _structure(shown.props)

    def label_and_error(self) -> tuple[Static, Static]:
        required = " *" if self.shown.flag("required", False) else ""
        label = Static(literal(self.shown.text("label") + required), classes="part-label")
        message = _error_text(self.shown, self.problem)
        error = Static(literal(message), classes="part-error")
        error.display = bool(message)
        return label, error


IN_PLACE_PROPS = frozenset({"label", "helper-text", "description", "error-message", "init-value"})


def _structure(props: Any) -> dict[str, Any]:
    return {key: value for key, value in props.items() if key not in IN_PLACE_PROPS}


def _error_text(shown: Shown, problem: str | None) -> str:
    """The client's own check first, else the flow's ``error-message`` (set by an endpoint)."""
    return problem or shown.text("error-message")


class TextPart(Part):
    def compose(self) -> ComposeResult:
        yield Static(self.render_text(), classes=TEXT_STYLES.get(self.shown.kind, "body"))

    def render_text(self) -> Text | Markdown:
        shown = self.shown
        text = shown.text("text")
        if shown.flag("markdown", False):
            return Markdown(printable_lines(text))
        style = WEIGHTS.get(shown.text("font-weight"), "")
        if shown.flag("strikethrough", False):
            style += " strike"
        return literal(text, style.strip(), lines=True)

    def refresh_props(self) -> None:
        self.query_one(Static).update(self.render_text())


class RichTextPart(TextPart):
    def render_text(self) -> Text | Markdown:
        return Markdown(printable_lines(self.shown.text("text")))


class TextInputPart(Part):
    def compose(self) -> ComposeResult:
        label, error = self.label_and_error()
        yield label
        kind = self.shown.text("input-type", "text")
        box = LiteralInput(
            value=as_text(self.value),
            password=kind in SECRET_INPUTS,
            placeholder="" if kind == "text" else kind,  # "email", "phone": what to type
            classes="part-control",
        )
        box.disabled = not self.shown.flag("enabled", True)
        yield box
        if self.shown.text("helper-text"):
            yield Static(literal(self.shown.text("helper-text")), classes="part-helper")
        yield error

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.shown.name and event.value != as_text(self.value):  # (not the box's first fill)
            self.value = event.value
            self.post_message(Part.Changed(self.shown.name, event.value))


class TextAreaPart(Part):
    def compose(self) -> ComposeResult:
        label, error = self.label_and_error()
        yield label
        area = TextArea(printable_lines(as_text(self.value)), classes="part-control part-area")
        area.disabled = not self.shown.flag("enabled", True)
        yield area
        if self.shown.text("helper-text"):
            yield Static(literal(self.shown.text("helper-text")), classes="part-helper")
        yield error

    @on(TextArea.Changed)
    def typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.shown.name:
            self.post_message(Part.Changed(self.shown.name, event.text_area.text))


def _options(shown: Shown) -> list[tuple[str, str, bool]]:
    """(id, title with description, enabled) of a choice component's data-source."""
    source = shown.props.get("data-source")
    found: list[tuple[str, str, bool]] = []
    for item in source if isinstance(source, list) else []:
        if not isinstance(item, dict) or "id" not in item:
            continue
        title = as_text(item.get("title"))
        extra = " · ".join(as_text(item[k]) for k in ("description", "metadata") if item.get(k))
        found.append(
            (
                str(item["id"]),
                f"{title} — {extra}" if extra else title,
                item.get("enabled", True) is not False,
            )
        )
    return found


class ChoicePart(Part):
    """RadioButtonsGroup, Dropdown, CheckboxGroup and ChipsSelector."""

    def compose(self) -> ComposeResult:
        label, error = self.label_and_error()
        yield label
        if self.shown.text("description"):
            yield Static(literal(self.shown.text("description")), classes="part-helper")
        options = _options(self.shown)
        kind = self.shown.kind
        enabled = self.shown.flag("enabled", True)
        if kind == "Dropdown":
            offered = [(literal(title), option) for option, title, on in options if on]
            known = {option for _, option in offered}
            choice = Select(
                offered,
                value=self.value if self.value in known else Select.NULL,
                prompt="Choose…",
                classes="part-control",
            )
            choice.disabled = not enabled
            yield choice
        elif kind == "RadioButtonsGroup":
            with RadioSet(classes="part-control", disabled=not enabled):
                for option, title, on in options:
                    button = RadioButton(literal(title), value=self.value == option, name=option)
                    button.disabled = not on
                    yield button
        else:
            chosen = self.value if isinstance(self.value, list) else []
            yield SelectionList[str](
                *[(literal(title), option, option in chosen) for option, title, _ in options],
                classes="part-control",
                disabled=not enabled,
            )
        yield error

    @on(Select.Changed)
    def dropped(self, event: Select.Changed) -> None:
        event.stop()
        if self.shown.name and isinstance(event.value, str) and event.value != self.value:
            self.post_message(Part.Changed(self.shown.name, event.value, select=True))

    @on(RadioSet.Changed)
    def pressed(self, event: RadioSet.Changed) -> None:
        event.stop()
        option = event.pressed.name
        if self.shown.name and option and option != self.value:
            self.post_message(Part.Changed(self.shown.name, option, select=True))

    @on(SelectionList.SelectionToggled)
    def toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        if self.shown.name:
            self.post_message(Part.Changed(self.shown.name, event.selection.value, select=True))


class OptInPart(Part):
    def compose(self) -> ComposeResult:
        required = " *" if self.shown.flag("required", False) else ""
        with Horizontal(classes="part-row"):
            yield Checkbox(literal(self.shown.text("label") + required), value=self.value is True)
            if self.shown.raw.get("on-click-action"):
                yield Button("Read more", classes="link", id=None)
        _, error = self.label_and_error()
        yield error

    @on(Checkbox.Changed)
    def ticked(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.shown.name and event.value != (self.value is True):
            self.post_message(Part.Changed(self.shown.name, event.value, select=True))

    @on(Button.Pressed)
    def read_more(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Part.Clicked(self.shown.text("label")))


class DatePart(Part):
    """DatePicker and CalendarPicker: typed as YYYY-MM-DD (a range: two boxes); a
    CalendarPicker also shows its month, where a day is picked with the keys or a click."""

    def compose(self) -> ComposeResult:
        label, error = self.label_and_error()
        for heading, kind in (("title", "part-label"), ("description", "part-helper")):
            if self.shown.text(heading):
                yield Static(literal(self.shown.text(heading)), classes=kind)
        yield label
        if self.range:
            value = self.value if isinstance(self.value, dict) else {}
            with Horizontal(classes="part-row"):
                yield LiteralInput(
                    as_text(value.get("start-date")),
                    placeholder="first day YYYY-MM-DD",
                    id=None,
                    classes="date-start",
                )
                yield LiteralInput(
                    as_text(value.get("end-date")),
                    placeholder="last day YYYY-MM-DD",
                    classes="date-end",
                )
        else:
            yield LiteralInput(
                as_text(self.value), placeholder="YYYY-MM-DD", classes="part-control"
            )
        if self.shown.kind == "CalendarPicker":
            refusal = day_rule(self.shown)
            start, end = self.chosen_days()
            earliest = parse_day(self.shown.props.get("min-date"))
            opens_on = start or (earliest if earliest and earliest > self.today else self.today)
            yield MonthGrid(cursor=opens_on, today=self.today, refusal=refusal, chosen=(start, end))
        if self.shown.text("helper-text"):
            yield Static(literal(self.shown.text("helper-text")), classes="part-helper")
        yield error

    @property
    def range(self) -> bool:
        return self.shown.kind == "CalendarPicker" and self.shown.text("mode") == "range"

    def chosen_days(self) -> tuple[date | None, date | None]:
        """The answer's days: (the day, None), or a range's first and last."""
        if isinstance(self.value, dict):
            return parse_day(self.value.get("start-date")), parse_day(self.value.get("end-date"))
        return parse_day(self.value), None

    def refresh_props(self) -> None:
        for grid in self.query(MonthGrid).results(MonthGrid):
            grid.choose(*self.chosen_days())

    @on(MonthGrid.Picked)
    def picked(self, event: MonthGrid.Picked) -> None:
        """A day picked in the month goes in the box (or boxes), as if typed."""
        event.stop()
        if not self.range:
            self.query_one(".part-control", Input).value = event.day.isoformat()
            return
        start, end = next_range(*self.chosen_days(), event.day)
        self.query_one(".date-end", Input).value = end.isoformat() if end else ""
        self.query_one(".date-start", Input).value = start.isoformat()

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        """A date counts once it is typed out (a half-typed one is not an answer yet); it
        then fires the picker's on-select-action, as choosing a day does."""
        event.stop()
        if not self.shown.name:
            return
        value: Any
        if self.range:
            start = self.query_one(".date-start", Input).value.strip()
            end = self.query_one(".date-end", Input).value.strip()
            if not start and not end:
                value = None
            elif _typed_out(start) and (not end or _typed_out(end)):
                value = {"start-date": start, "end-date": end} if end else {"start-date": start}
            else:
                return
            complete = bool(end)
        else:
            text = event.value.strip()
            if text and not _typed_out(text):
                return
            value, complete = (text or None), bool(text)
        if value == self.value:  # the box filled on mount, or nothing new: no answer, no action
            return
        self.value = value
        self.refresh_props()
        has_action = self.shown.raw.get("on-select-action") is not None
        self.post_message(Part.Changed(self.shown.name, value, select=complete and has_action))


def _typed_out(text: str) -> bool:
    """YYYY-MM-DD, or (DatePicker before 5.0) milliseconds: ten digits or more."""
    return len(text) == 10 or (text.isdigit() and len(text) >= 10)


class LinkPart(Part):
    def compose(self) -> ComposeResult:
        yield Button(literal(self.shown.text("text")), classes="link")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Part.Clicked(self.shown.text("text")))


class NavigationListPart(Part):
    def compose(self) -> ComposeResult:
        if self.shown.text("label"):
            yield Static(literal(self.shown.text("label")), classes="part-label")
        if self.shown.text("description"):
            yield Static(literal(self.shown.text("description")), classes="part-helper")
        items = self.shown.props.get("list-items")
        options: list[Option] = []
        seen: set[str] = set()
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or "id" not in item or str(item["id"]) in seen:
                continue  # (a second item with the same id could not be told apart)
            seen.add(str(item["id"]))
            main_raw, end_raw = item.get("main-content"), item.get("end")
            main = main_raw if isinstance(main_raw, dict) else {}
            end = end_raw if isinstance(end_raw, dict) else {}
            text = Text(printable_lines(as_text(main.get("title"))), style="bold")
            for extra in (main.get("description"), main.get("metadata")):
                if extra:
                    text.append("\n" + printable_lines(as_text(extra)), style="")
            if end.get("title"):
                text.append(f"  ({printable_lines(as_text(end['title']))})", style="dim")
            if item.get("badge"):
                text.append(f"  [{printable_lines(as_text(item['badge']))}]", style="reverse")
            options.append(Option(text, id=str(item["id"])))
        yield OptionList(*options, classes="part-control")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(Part.Clicked(event.option.id))


PICTURE_WIDTH = 40  # cells: the phone's column, less its padding
PIXELS_PER_CELL = 6  # an image's ``width`` (in the phone's points) to cells
CAROUSEL_WIDTH = 28
ASPECT_RATIOS = {"4:3": 0.75, "16:9": 9 / 16}


def drawn(
    props: Any, aspect: float | None = None, cells: int = PICTURE_WIDTH, fit: str = "contain"
) -> Text:
    """An image in half blocks, or (not decodable, too large) a box with its alt text."""
    source = props.get("src")
    width, height = props.get("width"), props.get("height")
    if _size(width):
        cells = max(8, min(cells, round(width / PIXELS_PER_CELL)))
        if aspect is None and _size(height):
            aspect = height / width
    fit = as_text(props.get("scale-type")) or fit
    shown = picture(source, cells, aspect, fit) if isinstance(source, str) else None
    return shown if shown is not None else ImagePart.describe(props)


def _size(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1e6


class ImagePart(Part):
    """An image drawn in half blocks, its alt text under it."""

    def compose(self) -> ComposeResult:
        yield Static(drawn(self.shown.props), classes="image")
        if self.shown.text("alt-text"):
            yield Static(literal(self.shown.text("alt-text")), classes="part-helper")

    @staticmethod
    def describe(props: Any) -> Text:
        alt = as_text(props.get("alt-text")) or "an image"
        size = ""
        source = props.get("src")
        if isinstance(source, str):
            try:
                size = f", {len(base64.b64decode(source, validate=False)):,} bytes"
            except ValueError:
                size = ", not base64"
        width, height = props.get("width"), props.get("height")
        shape = f", {width}x{height}" if width and height else ""
        return literal(f"▣ {alt}{shape}{size}")


class CarouselPart(Part):
    """ImageCarousel: its images one under another (a terminal does not swipe)."""

    def compose(self) -> ComposeResult:
        images = self.shown.props.get("images")
        aspect = ASPECT_RATIOS.get(self.shown.text("aspect-ratio"), 0.75)
        fit = self.shown.text("scale-type") or "contain"
        for image in images if isinstance(images, list) else []:
            if isinstance(image, dict):
                yield Static(drawn(image, aspect, CAROUSEL_WIDTH, fit), classes="image")
                if image.get("alt-text"):
                    yield Static(literal(as_text(image["alt-text"])), classes="part-helper")


class MediaPart(Part):
    """PhotoPicker and DocumentPicker: the files named in a box, one path per comma."""

    def compose(self) -> ComposeResult:
        label, error = self.label_and_error()
        yield label
        if self.shown.text("description"):
            yield Static(literal(self.shown.text("description")), classes="part-helper")
        files = self.value if isinstance(self.value, list) else []
        paths = ", ".join(
            f["path"] for f in files if isinstance(f, dict) and isinstance(f.get("path"), str)
        )
        yield LiteralInput(
            paths, placeholder="file paths, commas between; enter", classes="part-control"
        )
        yield error

    @on(Input.Submitted)
    def chosen(self, event: Input.Submitted) -> None:
        """The files are read when the paths are entered (enter), not at every keystroke."""
        event.stop()
        if self.shown.name:
            files = picked(p.strip() for p in event.value.split(",") if p.strip())
            self.post_message(Part.Changed(self.shown.name, files))


class PlaceholderPart(Part):
    def compose(self) -> ComposeResult:
        kind = as_text(self.shown.props.get("type")) or "?"
        yield Static(
            literal(f"⚠ {kind}: {self.shown.problem or 'cannot be shown'}"), classes="placeholder"
        )


PARTS: dict[str, type[Part]] = {
    "TextHeading": TextPart,
    "TextSubheading": TextPart,
    "TextBody": TextPart,
    "TextCaption": TextPart,
    "RichText": RichTextPart,
    "TextInput": TextInputPart,
    "TextArea": TextAreaPart,
    **{kind: ChoicePart for kind in ONE_OF_KINDS | MANY_OF_KINDS},
    "OptIn": OptInPart,
    "DatePicker": DatePart,
    "CalendarPicker": DatePart,
    "EmbeddedLink": LinkPart,
    "NavigationList": NavigationListPart,
    "Image": ImagePart,
    "ImageCarousel": CarouselPart,
    "PhotoPicker": MediaPart,
    "DocumentPicker": MediaPart,
    PLACEHOLDER: PlaceholderPart,
}


def part_for(
    shown: Shown, value: Any, problem: str | None, *, today: date | None = None
) -> Part | None:
    """The widget of a component (None for the Footer, which the screen draws itself);
    ``today`` is the phone's day (the player's clock)."""
    if shown.kind == "Footer":
        return None
    kind = PARTS.get(shown.kind)
    if kind is None:
        unknown = Shown(
            PLACEHOLDER,
            shown.key,
            {"type": shown.kind},
            shown.raw,
            problem="the player cannot show this component yet",
        )
        return PlaceholderPart(unknown)
    return kind(shown, value, problem, today=today)
