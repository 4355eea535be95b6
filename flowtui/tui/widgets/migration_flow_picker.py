"""The migration wizard's second step: the source's flows, a filter, and ticks.

The list has the focus, so ``space`` ticks at once; ``/`` goes to the filter (as in the flow
list), and so does any other character typed on the list, which starts the filter with it.
``enter`` in the filter comes back to the list. Ticks survive filtering: the choice is kept by
flow id, whatever is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from flowtui.api import Flow
from flowtui.catalog.sorting import name_key
from flowtui.tui.widgets.filter_input import FilterInput
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.status import status_badge

HINT = (
    "space ticks · / or typing filters (enter comes back to the list) · ctrl+t ticks every "
    "shown flow, ctrl+o clears them"
)
# Keys the list keeps for itself: space ticks, / is the screen's "Filter" key.
LIST_KEYS = frozenset({" ", "/"})


class FlowChoices(SelectionList[str]):
    """The ticks; a character typed here is handed to ``on_typed`` (the filter)."""

    def __init__(self, on_typed: Callable[[str], None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._on_typed = on_typed

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character not in LIST_KEYS:
            event.stop()
            event.prevent_default()
            self._on_typed(event.character)


class FlowPicker(Vertical):
    """The source's flows to choose from; :attr:`chosen` holds the ticked flow ids."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.flows: list[Flow] = []
        self.chosen: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", classes="step-title", id="flows-title")
        yield Static(HINT, id="flows-hint")
        # Not selected on focus: a character typed on the list, then the next ones, all add up.
        yield FilterInput(
            placeholder="Filter by name, status or id", id="flow-filter", select_on_focus=False
        )
        yield FlowChoices(self.focus_filter, id="flow-choices")
        yield Static("", id="flows-count")

    @property
    def choices(self) -> FlowChoices:
        return self.query_one(FlowChoices)

    def show_flows(self, title: str, flows: Iterable[Flow], *, keep_choices: bool) -> None:
        """The flows of a source (sorted by name); ``keep_choices`` when it is the same one."""
        self.flows = sorted(flows, key=name_key)
        if not keep_choices:
            self.chosen.clear()
        self.query_one("#flows-title", Static).update(literal(title))
        self.show_choices()

    def chosen_flows(self) -> list[Flow]:
        return [flow for flow in self.flows if flow.id in self.chosen]

    def focus_list(self) -> None:
        self.choices.focus()

    def focus_filter(self, typed: str = "") -> None:
        box = self.query_one("#flow-filter", Input)
        box.focus()
        if typed:
            box.cursor_position = len(box.value)
            box.insert_text_at_cursor(typed)

    def select_all(self) -> None:
        self.choices.select_all()

    def select_none(self) -> None:
        self.choices.deselect_all()

    # --- showing ----------------------------------------------------------------------------------

    def shown_flows(self) -> list[Flow]:
        words = self.query_one("#flow-filter", Input).value.casefold().split()
        return [
            flow
            for flow in self.flows
            if all(
                w in f"{flow.name or ''} {flow.status or ''} {flow.id}".casefold() for w in words
            )
        ]

    def show_choices(self) -> None:
        choices = self.choices
        cursor = choices.highlighted_option
        shown = self.shown_flows()
        choices.clear_options()
        choices.add_options(
            [
                (
                    Text.assemble(
                        literal(flow.name or "(no name)"),
                        "  ",
                        status_badge(flow.status),
                        literal(f"  {flow.id}"),
                    ),
                    flow.id,
                    flow.id in self.chosen,
                )
                for flow in shown
            ]
        )
        ids = [flow.id for flow in shown]
        if ids:  # the cursor stays on its flow when still shown, else goes to the top
            kept = cursor.value if isinstance(cursor, Selection) else None
            choices.highlighted = ids.index(kept) if kept in ids else 0
        self._count()

    def _count(self) -> None:
        shown = self.choices.option_count
        text = f"{len(self.chosen)} of {len(self.flows)} flows chosen"
        if shown != len(self.flows):
            text += f" · {shown} shown by the filter"
        self.query_one("#flows-count", Static).update(Text(text))

    @on(Input.Changed, "#flow-filter")
    def _filter_changed(self) -> None:
        self.show_choices()

    @on(Input.Submitted, "#flow-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_list()

    @on(SelectionList.SelectedChanged, "#flow-choices")
    def _choices_changed(self) -> None:
        choices = self.choices
        shown = {str(choices.get_option_at_index(i).value) for i in range(choices.option_count)}
        self.chosen = (self.chosen - shown) | set(choices.selected)
        self._count()
