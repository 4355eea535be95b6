"""The migration wizard's first step: a saved profile (with its account id), or a typed id.

The profiles come from the config file, read in a thread; opening one (its token is in the
keyring) is the wizard's business, also off the UI thread.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from flowtui.accounts.config_file import ConfigFileError
from flowtui.accounts.profiles import Profile, ProfileError
from flowtui.accounts.token_store import KeyringUnavailableError
from flowtui.tui.account_source import AccountUnavailableError
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.literal import LiteralInput, literal

# Why a saved profile can't be opened now (the message says what to do).
PROFILE_ERRORS = (AccountUnavailableError, KeyringUnavailableError, ProfileError, ConfigFileError)


def profile_prompt(profile: Profile) -> Text:
    return literal(f"profile {profile.name} · account {profile.waba_id}")


class SourcePicker(Vertical):
    """Posts :class:`SourcePicker.Chosen` when a profile or an id is chosen."""

    class Chosen(Message):
        def __init__(self, *, profile: str | None = None, waba_id: str = "") -> None:
            super().__init__()
            self.profile = profile
            self.waba_id = waba_id

    def compose(self) -> ComposeResult:
        yield Label("Where do the flows come from?", classes="step-title")
        yield Label("A saved profile (enter chooses it), or type an id below:", id="profiles-label")
        yield OptionList(id="source-profiles")
        yield Label("The account (WABA) id, read with the current token:")
        yield LiteralInput(placeholder="e.g. 100000000000002", id="source-id", compact=True)
        yield Static("", classes="step-error", id="source-error")

    def on_mount(self) -> None:
        self._show_profiles(False)
        if flows_app(self).accounts is not None:
            self.load_profiles()

    @property
    def typed(self) -> str:
        return self.query_one("#source-id", Input).value

    def choice(self) -> Chosen:
        """What ``ctrl+n`` chooses: the highlighted profile when the list has the focus."""
        options = self.query_one("#source-profiles", OptionList)
        if options.has_focus and options.highlighted_option is not None:
            return self.Chosen(profile=options.highlighted_option.id)
        return self.Chosen(waba_id=self.typed)

    def focus_first(self) -> None:
        options = self.query_one("#source-profiles", OptionList)
        (options if options.display else self.query_one("#source-id")).focus()

    def show_error(self, text: str) -> None:
        self.query_one("#source-error", Static).update(literal(text, lines=True))

    def _show_profiles(self, shown: bool) -> None:
        self.query_one("#source-profiles").display = shown
        self.query_one("#profiles-label").display = shown

    @work(exclusive=True, group="migration-profiles", exit_on_error=False)
    async def load_profiles(self) -> None:
        app = flows_app(self)
        assert app.accounts is not None
        try:
            profiles = await asyncio.to_thread(app.accounts.profiles)
        except PROFILE_ERRORS as error:
            self.show_error(f"Saved profiles unavailable: {error}")
            return
        # The profile on screen is the default destination: offer the others as sources.
        offered = [p for p in profiles if p.name != app.context.profile]
        options = self.query_one("#source-profiles", OptionList)
        options.clear_options()
        options.add_options([Option(profile_prompt(p), id=p.name) for p in offered])
        self._show_profiles(bool(offered))
        if offered:
            options.highlighted = 0
            if self.display:  # still the step on screen
                options.focus()

    @on(OptionList.OptionSelected, "#source-profiles")
    def _profile_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(profile=event.option.id))

    @on(Input.Submitted, "#source-id")
    def _source_typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Chosen(waba_id=event.value))
