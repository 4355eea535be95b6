"""The player: a flow's state as the WhatsApp client keeps it, and its actions.

State is a stack of screens, each with its data (the navigate payload, the endpoint's reply,
``--data`` or the ``__example__`` values for the first) and its form (the user's input by
component name). Going back pops the stack, so the previous screen comes back as the user left
it; a screen with ``refresh_on_back`` asks the endpoint first (a ``BACK`` request).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from flowtui.endpoint.client import EndpointError
from flowtui.flowjson.components import OPEN_URL_6, UPDATE_DATA_6
from flowtui.player import inputs, media
from flowtui.player.document import EXPRESSIONS_SINCE, FlowDocument
from flowtui.player.log import LogEntry
from flowtui.player.values import Scope, json_safe, resolve
from flowtui.player.view import ScreenView, Shown, screen_view

# Actions newer than the base version, from the components table's own declarations.
ACTIONS_SINCE = {choice.name: choice.since for choice in (UPDATE_DATA_6, OPEN_URL_6)}
SUCCESS = "SUCCESS"  # the screen an endpoint names to end the flow
DEFAULT_FLOW_TOKEN = "flowtui-player"
PROTOCOL_VERSION = "3.0"


class PlayError(Exception):
    """A step the flow does not allow now (a disabled Footer, an unknown field), in words."""


class Endpoint(Protocol):
    """What the player needs from an endpoint client: a decrypted request in, a decrypted
    reply out (raising :class:`PlayError` with the cause and its fix when there is none)."""

    async def exchange(self, request: Mapping[str, Any]) -> tuple[int, Mapping[str, Any]]: ...


@dataclass
class ScreenState:
    id: str
    data: dict[str, Any]
    form: dict[str, Any] = field(default_factory=dict)
    seeded: set[str] = field(default_factory=set)  # inputs whose init-value was applied


@dataclass(frozen=True)
class Completion:
    """How the flow ended: the response message's payload the business receives."""

    screen: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class FooterState:
    enabled: bool
    reason: str | None  # why it is disabled


class Player:
    def __init__(
        self,
        document: FlowDocument,
        *,
        flow_token: str = DEFAULT_FLOW_TOKEN,
        endpoint: Endpoint | None = None,
        clock: Callable[[], float] = time.time,
        open_url: Callable[[str], None] | None = None,
    ) -> None:
        self.document = document
        self.flow_token = flow_token
        self.endpoint = endpoint
        self.clock = clock
        self.open_url = open_url
        self.stack: list[ScreenState] = []
        # The last state of every screen shown, popped ones too: ``${screen.ID.form.x}`` reads
        # a screen the user went back from (the client keeps it).
        self.screens: dict[str, ScreenState] = {}
        self.log: list[LogEntry] = []
        self.visited: list[str] = []
        self.completion: Completion | None = None
        self.notice: str | None = None  # the snackbar: an endpoint's error_message
        self.blocked: str | None = None  # the endpoint refused the flow token (HTTP 427)

    # --- starting ---------------------------------------------------------------------------

    async def start(
        self,
        screen: str | None = None,
        data: Mapping[str, Any] | None = None,
        *,
        init: bool = False,
    ) -> None:
        """Open the flow: on ``screen`` (default the entry screen) with ``data`` (default its
        ``__example__`` values), or, with ``init``, on what the endpoint answers to INIT."""
        if init:
            request = self._request("INIT", None, None)
            status, reply = await self._exchange(request)
            self._record("init", "", request.get("data") or {}, reply=reply, status=status)
            await self._apply_reply(reply, source=None)
            return
        first = screen or self.document.first_screen
        if first not in self.document.screens:
            known = ", ".join(self.document.screens)
            raise PlayError(f"This flow has no screen {first!r} (its screens: {known}).")
        start_data = dict(data) if data is not None else self.document.example_data(first)
        self._enter(first, start_data)
        self._record("init", first, start_data)

    # --- reading ----------------------------------------------------------------------------

    @property
    def current(self) -> ScreenState:
        if not self.stack:
            raise PlayError("The flow has not started.")
        return self.stack[-1]

    @property
    def finished(self) -> bool:
        return self.completion is not None

    def scope(self, state: ScreenState | None = None) -> Scope:
        state = state or self.current
        return Scope(
            data=state.data,
            form=state.form,
            screens={s.id: (s.data, s.form) for s in self.screens.values()},
            expressions=self.document.at_least(EXPRESSIONS_SINCE),
        )

    def view(self) -> ScreenView:
        return screen_view(self.document, self.current.id, self.scope())

    def problems(self, view: ScreenView | None = None) -> dict[str, str]:
        """Each visible input's problem now, by name."""
        view = view or self.view()
        form = self.current.form
        found: dict[str, str] = {}
        for name, component in view.inputs.items():
            problem = inputs.problem(component, form.get(name))
            if problem:
                found[name] = problem
        return found

    def footer_state(self, view: ScreenView | None = None) -> FooterState:
        view = view or self.view()
        footer = view.footer
        if footer is None:
            return FooterState(False, "This screen has no Footer.")
        if self.blocked is not None:
            return FooterState(False, self.blocked)
        if not footer.flag("enabled", True):
            return FooterState(False, "The flow disables this Footer.")
        problems = self.problems(view)
        if problems:
            return FooterState(False, next(iter(problems.values())) + ".")
        return FooterState(True, None)

    # --- the user's moves -------------------------------------------------------------------

    def fill(self, name: str, value: Any) -> None:
        """Put ``value`` in the input called ``name`` (no action fires); None empties it."""
        component = self._input(name)
        if value is None:
            self.current.form.pop(name, None)
            return
        why = inputs.accepted(component, value)
        if why:
            raise PlayError(f"{why}.")
        if component.kind in inputs.MEDIA_KINDS and all(isinstance(v, str) for v in value):
            value = media.picked(value)  # file paths, as --steps names them
        self.current.form[name] = value

    async def click_footer(self) -> None:
        view = self.view()
        state = self.footer_state(view)
        if not state.enabled:
            raise PlayError(f"The Footer cannot be pressed: {state.reason}")
        assert view.footer is not None
        await self.run_action(view.footer.raw.get("on-click-action"), view.footer)

    async def click(self, target: str) -> None:
        """Press an EmbeddedLink or an OptIn's "Read more" by its text, or a NavigationList
        item by its id."""
        view = self.view()
        for component in view.components:
            if component.kind == "EmbeddedLink" and component.text("text") == target:
                await self.run_action(component.raw.get("on-click-action"), component)
                return
            if component.kind == "OptIn" and component.text("label") == target:
                await self.run_action(component.raw.get("on-click-action"), component)
                return
            if component.kind == "NavigationList":
                item = _list_item(component, target)
                if item is not None:
                    action = item.get("on-click-action") or component.raw.get("on-click-action")
                    if component.name:
                        self.current.form[component.name] = target
                    await self.run_action(action, component)
                    return
        raise PlayError(f"Nothing on screen {self.current.id} can be clicked as {target!r}.")

    async def select(self, name: str, option: Any) -> None:
        """Choose an option as a user taps it: the value changes and on-select-action (or
        on-unselect-action, for a choice taken back) fires."""
        component = self._input(name)
        form = self.current.form
        before = form.get(name)
        if component.kind in inputs.MANY_OF_KINDS and isinstance(option, str):
            chosen = list(before) if isinstance(before, list) else []
            selected = option not in chosen
            value: Any = [*chosen, option] if selected else [c for c in chosen if c != option]
        elif component.kind == "OptIn":
            selected = option is not False
            value = selected
        else:
            selected, value = True, option
        why = inputs.accepted(component, value)
        if why:
            raise PlayError(f"{why}.")
        form[name] = value
        # One option of a radio or dropdown replaces another: the one let go runs its own
        # on-unselect-action first (an item's, 6.0+), as the client does.
        if component.kind in inputs.ONE_OF_KINDS and before not in (None, option):
            left = _source_item(component, before)
            if left is not None and left.get("on-unselect-action") is not None:
                await self.run_action(left["on-unselect-action"], component)
        item = _source_item(component, option)
        for owner in (item, component.raw):
            if owner is None:
                continue
            unselect = owner.get("on-unselect-action")
            action = owner.get("on-select-action") if selected or unselect is None else unselect
            if action is not None:
                await self.run_action(action, component)
                return

    async def back(self) -> None:
        if len(self.stack) < 2:
            raise PlayError("This is the first screen: back would close the flow.")
        leaving = self.stack[-1]
        screen = self.document.screens[leaving.id]
        self._record("back", leaving.id, {})
        if screen.get("refresh_on_back") is True and self.endpoint is not None:
            request = self._request("BACK", leaving.id, None)
            status, reply = await self._exchange(request)
            self.stack.pop()
            self.screens[self.current.id] = self.current
            self.visited.append(self.current.id)
            self.notice = None
            self._record("data_exchange", leaving.id, {}, reply=reply, status=status)
            await self._apply_reply(reply, source=self.current.id)
            return
        self.stack.pop()
        self.screens[self.current.id] = self.current
        self.visited.append(self.current.id)
        self.notice = None

    # --- actions ----------------------------------------------------------------------------

    async def run_action(self, action: Any, owner: Shown) -> None:
        if not isinstance(action, Mapping) or not isinstance(action.get("name"), str):
            raise PlayError(f"{owner.kind} has no action to run.")
        if self.finished:
            raise PlayError("The flow has ended.")
        name = action["name"]
        since = ACTIONS_SINCE.get(name)
        if since is not None and not self.document.at_least(since):
            raise PlayError(
                f"{name} needs Flow JSON {since}; this flow is {self.document.plays_as}, where "
                "the client does not run it."
            )
        here = self.current.id
        payload = json_safe(resolve(action.get("payload") or {}, self.scope()))
        # A reference to nothing (an optional input left empty) sends no key, not a null;
        # picked files go as the response message lists media (no local path).
        payload = (
            {k: media.sendable(v) for k, v in payload.items() if v is not None}
            if isinstance(payload, dict)
            else {}
        )
        if name == "navigate":
            target = _next_screen(action)
            if target not in self.document.screens:
                raise PlayError(
                    f"navigate leads to {target!r}, which is not a screen of this flow."
                )
            self._record("navigate", here, payload)
            self._enter(target, payload)
        elif name == "complete":
            self._record("complete", here, payload)
            self.completion = Completion(here, {**payload, "flow_token": self.flow_token})
        elif name == "update_data":
            self._record("update_data", here, payload)
            self.current.data.update(payload)
            self._seed(self.current)
        elif name == "open_url":
            url = action.get("url")
            url = url if isinstance(url, str) else ""
            if not url.lower().startswith(("https://", "http://")):
                raise PlayError(f"open_url opens web pages only, not {url!r}.")
            self._record("open_url", here, {}, detail=url)
            if self.open_url is not None and url:
                self.open_url(url)
        elif name == "data_exchange":
            request = self._request("data_exchange", here, payload)
            status, reply = await self._exchange(request)
            self._record("data_exchange", here, payload, reply=reply, status=status)
            await self._apply_reply(reply, source=here)
        else:
            raise PlayError(f"{owner.kind} runs {name!r}, which the client does not know.")

    # --- internals --------------------------------------------------------------------------

    def _input(self, name: str) -> Shown:
        component = self.view().inputs.get(name)
        if component is None:
            shown = ", ".join(self.view().inputs) or "none"
            raise PlayError(f"Screen {self.current.id} shows no input {name!r} (inputs: {shown}).")
        return component

    def _enter(self, screen_id: str, data: Mapping[str, Any]) -> None:
        self.notice = None  # a snackbar belongs to the screen it came with
        state = ScreenState(screen_id, dict(data))
        self.stack.append(state)
        self.screens[screen_id] = state
        self.visited.append(screen_id)
        self._seed(state)

    def _seed(self, state: ScreenState) -> None:
        """Put each input's init-value in the form once (the user's input is never replaced)."""
        view = screen_view(self.document, state.id, self.scope(state))
        for name, component in view.inputs.items():
            if name in state.seeded or "init-value" not in component.props:
                continue
            state.seeded.add(name)
            value = component.props["init-value"]
            if name not in state.form and value is not None:
                state.form[name] = value

    def _request(
        self, action: str, screen: str | None, data: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        request: dict[str, Any] = {"version": PROTOCOL_VERSION, "action": action}
        if screen:
            request["screen"] = screen
        if data is not None:
            request["data"] = dict(data)
        request["flow_token"] = self.flow_token
        return request

    async def _exchange(self, request: Mapping[str, Any]) -> tuple[int, Mapping[str, Any]]:
        if self.endpoint is None:
            raise PlayError(
                f"{request['action']} needs the flow's endpoint, and none is set: "
                "flowtui play FILE --endpoint URL --public-key PEM plays it against one."
            )
        if self.blocked is not None:
            raise PlayError(self.blocked)
        try:
            return await self.endpoint.exchange(request)
        except EndpointError as error:
            if error.kind == "flow-token-expired":  # the client disables the flow's buttons
                self.blocked = str(error)
            self._record(
                "data_exchange",
                self.current.id if self.stack else "",
                request.get("data") or {},
                status=error.status,
                detail=str(error),
            )
            raise PlayError(str(error)) from None

    async def _apply_reply(self, reply: Mapping[str, Any], *, source: str | None) -> None:
        """Show what the endpoint answered, after the client's checks (reference B4)."""
        screen = reply.get("screen")
        raw_data = reply.get("data", {})
        if not isinstance(raw_data, Mapping):
            raise PlayError("payload-schema-error: the reply's data is not an object.")
        data = dict(raw_data)
        if screen == SUCCESS:
            params = data.get("extension_message_response", {})
            params = params.get("params") if isinstance(params, Mapping) else None
            if not isinstance(params, Mapping) or "flow_token" not in params:
                raise PlayError(
                    "payload-schema-error: the SUCCESS reply has no "
                    "data.extension_message_response.params.flow_token."
                )
            self._record("complete", source or "", params)
            self.completion = Completion(source or SUCCESS, dict(params))
            return
        problem = screen_reply_problem(self.document, screen, data)
        if problem:
            raise PlayError(problem)
        assert isinstance(screen, str)  # (screen_reply_problem saw to it)
        if source is not None and screen != source and not self.document.allows(source, screen):
            raise PlayError(
                f"invalid-screen-transition: the routing model does not lead from {source} to "
                f"{screen}; add it to routing_model or answer another screen."
            )
        message = data.pop("error_message", None)
        self.notice = message if isinstance(message, str) else None
        if source is not None and screen == self.current.id:
            self.current.data.update(data)
            self._seed(self.current)
        else:
            self._enter(screen, data)

    def _record(
        self,
        kind: str,
        screen: str,
        payload: Mapping[str, Any],
        *,
        reply: Mapping[str, Any] | None = None,
        status: int | None = None,
        detail: str = "",
    ) -> None:
        at = datetime.fromtimestamp(self.clock(), tz=UTC)
        self.log.append(LogEntry(kind, screen, at, dict(payload), reply, status, detail))


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def screen_reply_problem(
    document: FlowDocument, screen: Any, data: Mapping[str, Any]
) -> str | None:
    """Why an endpoint's next-screen reply cannot be shown (reference B4): a screen the flow
    lacks, or data that does not fit the screen's declared ``data``; None when it can."""
    if not isinstance(screen, str) or screen not in document.screens:
        return (
            f"payload-schema-error: the endpoint answered screen {screen!r}, which this flow "
            "does not have."
        )
    problem = schema_problem(document.declared_data(screen), data)
    return f"payload-schema-error: screen {screen}'s data {problem}." if problem else None


def schema_problem(declared: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    """Whether ``data`` fits a screen's declared ``data`` (types of the fields present)."""
    for name, value in data.items():
        schema = declared.get(name)
        if not isinstance(schema, Mapping) or value is None:
            continue
        kind = schema.get("type")
        types = _JSON_TYPES.get(kind) if isinstance(kind, str) else None
        if types is None:
            continue
        wrong = not isinstance(value, types) or (kind != "boolean" and isinstance(value, bool))
        if wrong:
            return f"field {name!r} should be a {kind}, not {type(value).__name__}"
    return None


def _next_screen(action: Mapping[str, Any]) -> str:
    target = action.get("next")
    name = target.get("name") if isinstance(target, Mapping) else None
    if not isinstance(name, str):
        raise PlayError("navigate names no next screen.")
    return name


def _list_item(component: Shown, item_id: str) -> Mapping[str, Any] | None:
    items = component.props.get("list-items")
    raw_items = component.raw.get("list-items")
    for resolved_item, raw_item in zip(
        items if isinstance(items, list) else [],
        raw_items if isinstance(raw_items, list) else (items if isinstance(items, list) else []),
        strict=False,
    ):
        if isinstance(resolved_item, Mapping) and str(resolved_item.get("id")) == item_id:
            return raw_item if isinstance(raw_item, Mapping) else resolved_item
    return None


def _source_item(component: Shown, option: Any) -> Mapping[str, Any] | None:
    source = component.props.get("data-source")
    for item in source if isinstance(source, list) else []:
        if isinstance(item, Mapping) and item.get("id") == option:
            return item
    return None
