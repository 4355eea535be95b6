"""The player: a Flow on a phone-shaped column, as WhatsApp shows it, with the Actions log beside.

The engine (:mod:`flowtui.player`) holds the state and runs the actions; this screen draws
:meth:`Player.view` and hands it what the user does. A change of state redraws in place when the
screen's components are the same ones (a keystroke changes labels, errors and the Footer, not
the widgets), and builds the body again when they are not (another screen, an If that turned).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

import httpx
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, RichLog, Static

from flowtui.endpoint.client import EndpointClient
from flowtui.player.document import FlowDocument, FlowDocumentError
from flowtui.player.engine import Player, PlayError
from flowtui.player.log import LogEntry
from flowtui.player.summary import answers
from flowtui.player.view import ScreenView
from flowtui.text import printable
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.player_parts import Part, part_for

log = logging.getLogger("flowtui.player")
WIDE_ENOUGH_FOR_LOG = 100  # columns: below this the log is shown only when asked for


class PlayerScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="player-back", tooltip="The previous screen"),
        Binding("ctrl+l", "toggle_log", "Log", id="player-log", tooltip="Show or hide the log"),
        Binding("ctrl+r", "restart", "Restart", id="player-restart", tooltip="Play from the start"),
    ]

    def __init__(
        self,
        document: FlowDocument,
        *,
        title: str,
        screen: str | None = None,
        data: dict[str, Any] | None = None,
        flow_token: str | None = None,
        error_count: int = 0,
        clock: Callable[[], float] = time.time,
        log_folder: Path | None = None,
        endpoint: EndpointLink | None = None,
    ) -> None:
        """With ``endpoint``, data_exchange goes there (encrypted) and the flow opens with an
        INIT request unless ``screen`` or ``data`` is given."""
        super().__init__()
        self.endpoint = endpoint
        self._http: httpx.AsyncClient | None = None
        self.document = document
        self.flow_title = title
        self.start_screen = screen
        self.start_data = data
        self.flow_token = flow_token
        self.error_count = error_count
        self.clock = clock
        self.log_folder = log_folder
        self.player = self._new_player()
        self.touched: set[str] = set()  # inputs the user changed on this screen
        self._shape: tuple[tuple[str, str], ...] = ()
        self._frame: dict[str, tuple[str, str, bool]] = {}  # what each frame Static shows
        self._stepping = False  # an action is running
        self._logged = 0
        self._log_shown: bool | None = None  # None: as wide as the terminal allows

    def _new_player(self) -> Player:
        options: dict[str, Any] = {"clock": self.clock, "open_url": self.app_open_url}
        if self.flow_token:
            options["flow_token"] = self.flow_token
        if self.endpoint is not None:
            self._http = self._http or httpx.AsyncClient()
            options["endpoint"] = EndpointClient(
                self.endpoint.url,
                self.endpoint.key,
                self._http,
                app_secret=self.endpoint.app_secret,
            )
        return Player(self.document, **options)

    async def on_unmount(self) -> None:
        if self._http is not None:
            await self._http.aclose()

    def app_open_url(self, url: str) -> None:
        self.app.open_url(url)
        self.notify(url, title="Opened in the browser")

    def compose(self) -> ComposeResult:
        yield Static(literal(f"Playing {self.flow_title}"), id="player-heading")
        with Horizontal(id="player-body"):
            with Vertical(id="player-phone"):
                yield Static(id="player-phone-title")
                yield Static(id="player-phone-banner")
                yield VerticalScroll(id="player-phone-screen")
                yield Static(id="player-phone-notice")
                with Vertical(id="player-phone-footer"):
                    yield Button("", id="player-footer-button")
                    yield Static(id="player-footer-captions")
                    yield Static(id="player-footer-reason")
            with Vertical(id="player-log"):
                yield Static("Actions", id="player-log-title")
                yield ActionsLog(id="player-log-lines", wrap=True, markup=False, auto_scroll=True)
        yield KeysFooter(compact=True)

    async def on_mount(self) -> None:
        self.place_log()
        await self.start()

    def on_resize(self) -> None:
        self.place_log()

    def place_log(self) -> None:
        wide = self.size.width >= WIDE_ENOUGH_FOR_LOG
        self.query_one("#player-log").display = wide if self._log_shown is None else self._log_shown

    # --- playing ------------------------------------------------------------------------------

    async def start(self) -> None:
        self.start_worker()

    @work(exclusive=True, group="player-step", description="Opening the flow")
    async def start_worker(self) -> None:
        """Open the flow (with an endpoint, INIT asks it for the first screen: a worker)."""
        init = self.endpoint is not None and self.start_screen is None and self.start_data is None
        try:
            await self.player.start(self.start_screen, self.start_data, init=init)
        except PlayError as error:
            self.notify(str(error), title="The flow cannot start", severity="error")
        except Exception:
            self._unexpected("opening the flow")
        await self.redraw()

    async def redraw(self) -> None:
        """Show the player's state: in place when the same components are on screen. A bug
        in drawing a component is said, never the end of the app."""
        try:
            await self._redraw()
        except Exception:
            self._unexpected("drawing the screen")

    async def _redraw(self) -> None:
        self.write_log()
        if not self.player.stack:
            return
        view = self.player.view()
        problems = self.player.problems(view)
        today = date.fromtimestamp(self.clock())  # the phone's day, in its time zone
        shape = tuple((c.key, c.kind) for c in view.components)
        body = self.query_one("#player-phone-screen", VerticalScroll)
        if shape != self._shape:
            self._shape = shape
            await body.remove_children()
            parts = [
                part
                for component in view.components
                if (part := part_for(component, self._value(component.name), None, today=today))
                is not None
            ]
            await body.mount_all(parts)
            body.scroll_home(animate=False)
            self.focus_first(body)
        else:
            parts_by_key = {part.shown.key: part for part in body.query(Part).results(Part)}
            for component in view.components:
                part = parts_by_key.get(component.key)
                if part is None:
                    continue
                name = component.name
                shown_problem = problems.get(name) if name in self.touched else None
                if part.shows_in_place(component):
                    part.show(component, self._value(name), shown_problem)
                elif (
                    new := part_for(component, self._value(name), shown_problem, today=today)
                ) is not None:
                    await body.mount(new, before=part)  # new options: the part built again
                    await part.remove()
        self.show_frame(view)

    def focus_first(self, body: VerticalScroll) -> None:
        """A new screen starts with its first input (or list, or link) focused."""
        for widget in body.query("*"):
            if widget.focusable:
                widget.focus()
                return
        button = self.query_one("#player-footer-button", Button)
        if button.display:
            button.focus()

    def _value(self, name: str | None) -> Any:
        return self.player.current.form.get(name) if name else None

    def _put(self, selector: str, text: Text, *, shown: bool = True) -> None:
        """Update a Static of the frame only when what it says changed (an update lays the
        screen out again, and a keystroke changes little)."""
        static = self.query_one(selector, Static)
        key = (text.plain, str(text.style), shown)
        if self._frame.get(selector) != key:
            self._frame[selector] = key
            static.update(text)
            static.display = shown

    def show_frame(self, view: ScreenView) -> None:
        back = "← " if len(self.player.stack) > 1 else "✕ "
        self._put("#player-phone-title", literal(back + view.title, "bold"))
        warnings = list(view.problems)
        if self.error_count:
            plural = "s" if self.error_count != 1 else ""
            warnings.insert(
                0, f"{self.error_count} validation error{plural}: it plays as far as it can"
            )
        banner = "\n".join(f"⚠ {warning}" for warning in warnings)
        self._put("#player-phone-banner", literal(banner, lines=True), shown=bool(banner))
        completion = self.player.completion
        if completion is not None:
            payload = json.dumps(dict(completion.payload), ensure_ascii=False, indent=1)
            chat = "".join(f"\n  {name}: {value}" for name, value in answers(self.player))
            notice = literal(
                f"✓ Flow completed. The chat shows:{chat or ' (no answers)'}\n"
                f"The business receives:\n{payload}",
                lines=True,
            )
        else:
            notice = literal(self.player.notice or "")
        self._put("#player-phone-notice", notice, shown=bool(notice.plain))
        footer = view.footer
        self.query_one("#player-phone-footer").display = footer is not None
        if footer is None:
            return
        state = self.player.footer_state(view)
        button = self.query_one("#player-footer-button", Button)
        label = literal(footer.text("label"))
        if str(button.label) != label.plain:
            button.label = label
        button.disabled = not state.enabled or completion is not None
        waiting = not state.enabled and completion is None
        self._put("#player-footer-reason", literal(state.reason or ""), shown=waiting)
        left, right = footer.text("left-caption"), footer.text("right-caption")
        captions = footer.text("center-caption") or f"{left}   {right}".strip()
        self._put("#player-footer-captions", literal(captions), shown=bool(captions))

    def write_log(self) -> None:
        lines = self.query_one("#player-log-lines", RichLog)
        for entry in self.player.log[self._logged :]:
            lines.write(_log_line(entry))
        self._logged = len(self.player.log)

    # --- what the user does -------------------------------------------------------------------

    @on(Part.Changed)
    async def changed(self, event: Part.Changed) -> None:
        self.touched.add(event.name)
        if event.select:  # its on-select-action may ask the endpoint: in a worker
            self.act(lambda: self.player.select(event.name, event.value))
            return
        try:  # typing: no action runs, so no worker (a keystroke redraws at once)
            self.player.fill(event.name, event.value)
        except PlayError as error:
            self.notify(str(error), title="The flow says no", severity="warning")
        except Exception:
            self._unexpected("typing")
        await self.redraw()

    def _unexpected(self, doing: str) -> None:
        """A bug of the player: said in a sentence, its traceback in the log, the flow kept."""
        log.exception("The player failed while %s", doing)
        self.notify(
            f"The player hit a problem it did not expect while {doing}; the flow is as it was "
            "(the log file has the details: flowtui locate shows where).",
            title="Player problem",
            severity="error",
        )

    @on(Part.Clicked)
    def clicked(self, event: Part.Clicked) -> None:
        self.act(lambda: self.player.click(event.target))

    @on(Button.Pressed, "#player-footer-button")
    def footer_pressed(self) -> None:
        self.act(self.player.click_footer)

    def action_back(self) -> None:
        if len(self.player.stack) < 2:
            self.dismiss(None)
            return
        self.act(self.player.back)

    @work(group="player-step", description="Running the flow's action")
    async def act(self, step: Callable[[], Any]) -> None:
        """Take a step (an endpoint may be asked: a worker, so the screen never freezes);
        a step the flow refuses is said in a toast and the log. While one runs, another press
        does nothing (a second data_exchange would race the first)."""
        if self._stepping:
            return
        self._stepping = True
        before = self.player.current.id if self.player.stack else None
        try:
            result = step()
            if hasattr(result, "__await__"):
                await result
        except PlayError as error:
            self.notify(str(error), title="The flow says no", severity="warning")
        except Exception:
            self._unexpected("running the flow's action")
        finally:
            self._stepping = False
        if self.player.stack and self.player.current.id != before:
            self.touched = set()
        await self.redraw()

    async def action_restart(self) -> None:
        self.player = self._new_player()
        self._shape = ()
        self._logged = 0
        self.touched = set()
        self.query_one("#player-log-lines", RichLog).clear()
        await self.start()

    def action_toggle_log(self) -> None:
        log = self.query_one("#player-log")
        self._log_shown = not log.display
        self.place_log()

    def action_save_log(self) -> None:
        folder = self.log_folder or Path.cwd()
        stamp = datetime.fromtimestamp(self.clock(), tz=UTC).strftime("%Y%m%d-%H%M%S")
        path = folder / f"flowtui-play-{stamp}.json"
        entries = [entry.as_json() for entry in self.player.log]
        try:
            path.write_text(json.dumps({"flow": self.flow_title, "log": entries}, indent=2))
        except OSError as error:
            self.notify(f"Could not save the log: {error.strerror or error}", severity="error")
            return
        self.notify(str(path), title="Log saved")


@dataclass(frozen=True)
class EndpointLink:
    """Where a played flow's endpoint is, and how to read the key its requests are encrypted
    with (``again``: read it anew, after the endpoint could not decrypt)."""

    url: str
    key: Callable[[bool], Awaitable[RSAPublicKey]]
    app_secret: bytes | None = field(default=None, repr=False)  # signs requests, as WhatsApp


def play_screen(
    text: str,
    *,
    title: str,
    error_count: int,
    clock: Callable[[], float] = time.time,
    endpoint: Callable[[FlowDocument], EndpointLink | None] = lambda _: None,
) -> PlayerScreen | str:
    """The player for a Flow JSON text, or why it cannot be played (a sentence); ``endpoint``
    says where an endpoint flow's requests go."""
    try:
        document = FlowDocument.from_text(text)
    except FlowDocumentError as error:
        return str(error)
    link = endpoint(document) if document.has_endpoint else None
    return PlayerScreen(document, title=title, error_count=error_count, clock=clock, endpoint=link)


class ActionsLog(RichLog):
    """The Actions log; ``s`` here saves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save log", id="player-save", tooltip="Save the log as JSON"),
    ]

    def action_save(self) -> None:
        screen = self.screen
        if isinstance(screen, PlayerScreen):
            screen.action_save_log()


def _log_line(entry: LogEntry) -> Text:
    """One entry, literally (JSON in ASCII; the flow's own texts with no control character)."""
    when = entry.at.strftime("%H:%M:%S")
    text = Text(f"{when} ", style="dim")
    text.append(entry.type, style="bold")
    if entry.screen:
        text.append(f" on {printable(entry.screen)}")
    if entry.status is not None:
        text.append(f" · HTTP {entry.status}")
    if entry.payload:
        text.append("\n  " + json.dumps(dict(entry.payload), ensure_ascii=True))
    if entry.reply is not None:
        text.append("\n  → " + json.dumps(dict(entry.reply), ensure_ascii=True))
    if entry.detail:
        text.append("\n  " + printable(entry.detail))
    return text
