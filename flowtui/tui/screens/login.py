"""The first-run login screen, and switching to a saved profile.

The token is typed into a masked field, checked with one Graph call on the account, then kept
in the OS keyring (never on disk); the profile goes to the config file. On failure the reason
is shown and everything typed stays.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from flowtui.accounts.config_file import ConfigFileError
from flowtui.accounts.profiles import DEFAULT_PROFILE_NAME, Profile, ProfileError
from flowtui.accounts.token_store import KeyringUnavailableError
from flowtui.api import DEFAULT_API_VERSION, DEFAULT_BASE_URL, Token
from flowtui.api.inputs import check_base_url
from flowtui.tui.account_source import AccountUnavailableError
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.literal import LiteralInput, literal

if TYPE_CHECKING:
    from flowtui.tui.app import FlowtuiApp

FIELDS: tuple[tuple[str, str, str], ...] = (
    # (id, label, default); the profile name's default only while no profile is saved
    ("profile", "Profile name", DEFAULT_PROFILE_NAME),
    ("waba", "WhatsApp Business account id", ""),
    ("phone", "Phone number id (optional, for health checks)", ""),
    ("base-url", "Graph base URL", DEFAULT_BASE_URL),
    ("api-version", "API version", DEFAULT_API_VERSION),
)


INSECURE_HTTP_HINT = (
    "log in from the command line with flowtui auth login --allow-insecure-http if you trust "
    "every network in between"
)

LOGIN_HINT = (
    "The token is checked on the account, then kept in your OS keyring, never in a file. Set "
    "FLOWTUI_TOKEN instead on machines without a keyring."
)


class LoginScreen(Screen[None]):
    """Log in to an account, saved as a profile. With profiles saved already (opened from the
    palette), the profile needs a name of its own: reusing one asks first, naming what it
    replaces."""

    AUTO_FOCUS = "#waba"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Verify and save", id="login"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="login"):
            yield Label("Log in to a WhatsApp Business account", id="form-title")
            yield Static(LOGIN_HINT, id="login-hint")
            yield Static("", id="form-error")
            for field_id, label, default in FIELDS:
                yield Label(label)
                yield LiteralInput(default, id=field_id, compact=True)
            yield Label("Access token")
            yield Input(password=True, placeholder="EAAG…", id="token", compact=True)
            with Horizontal(id="buttons"):
                yield Button("Verify and save (ctrl+s)", id="save", variant="primary")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.existing: dict[str, Profile] = {}
        self.load_existing()

    @work(exclusive=True, group="login-profiles", description="Reading the saved profiles")
    async def load_existing(self) -> None:
        accounts = flows_app(self).accounts
        if accounts is None:
            return
        try:
            profiles = await asyncio.to_thread(accounts.profiles)
        except (ConfigFileError, ProfileError) as error:
            self.query_one("#form-error", Static).update(literal(error))
            return
        self.existing = {profile.name: profile for profile in profiles}
        if self.existing:
            box = self.query_one("#profile", Input)
            if box.value == DEFAULT_PROFILE_NAME:
                box.value = ""
            box.placeholder = "a name for the new profile, e.g. europe"
            names = ", ".join(self.existing)
            self.query_one("#login-hint", Static).update(
                literal(f"{LOGIN_HINT} Saved profiles: {names}; a new one needs a new name.")
            )

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:  # opened from the palette: go back to the flows
            self.dismiss(None)

    def action_submit(self) -> None:
        banner = self.query_one("#form-error", Static)
        name = self._value("profile") or ("" if self.existing else DEFAULT_PROFILE_NAME)
        if not name:
            taken = ", ".join(self.existing)
            banner.update(literal(f"Name the new profile (saved already: {taken})."))
            self.query_one("#profile", Input).focus()
            return
        base_url = self._value("base-url") or DEFAULT_BASE_URL
        try:
            # The client's rule, said for this screen: it has no way to allow plain HTTP.
            check_base_url(base_url, how_to_allow=INSECURE_HTTP_HINT)
            profile = Profile(
                name=name,
                waba_id=self._value("waba"),
                phone_number_id=self._value("phone") or None,
                base_url=base_url,
                api_version=self._value("api-version") or DEFAULT_API_VERSION,
            )
            # Refuses a line break or other control character, in a sentence quoting none of it.
            token = Token(self.query_one("#token", Input).value)
        except (ProfileError, ValueError) as error:  # the input errors are ValueErrors
            banner.update(literal(str(error)))  # it quotes what was typed
            return
        replaced = self.existing.get(profile.name)
        if replaced is None:
            self._check(profile, token)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._check(profile, token)
            else:
                self.query_one("#profile", Input).focus()

        phone = f", phone number {replaced.phone_number_id}" if replaced.phone_number_id else ""
        self.app.push_screen(
            ConfirmModal(
                f"Replace profile “{profile.name}”?",
                f"It holds account {replaced.waba_id}{phone} at {replaced.base_url}. Saving "
                "replaces them, and its token in the OS keyring, with what you typed.",
                danger=True,
            ),
            answered,
        )

    def _check(self, profile: Profile, token: Token) -> None:
        self.query_one("#form-error", Static).update("Checking the token on the account…")
        self.log_in(profile, token)

    @work(exclusive=True, group="login", description="Logging in")
    async def log_in(self, profile: Profile, token: Token) -> None:
        banner = self.query_one("#form-error", Static)
        accounts = flows_app(self).accounts
        if accounts is None:
            banner.update("No config file to save a profile in.")
            return
        try:
            outcome = await accounts.login(profile, token)
        except (KeyringUnavailableError, ConfigFileError) as error:
            banner.update(literal(error))
            return
        if not outcome.ok:
            result = outcome.verification
            banner.update(literal(f"{result.message}\n{result.remedy}".strip(), lines=True))
            return
        context = accounts.context_for(profile, "OS keyring")
        await flows_app(self).open_account(context, token)


def switch_profile(app: FlowtuiApp, name: str) -> None:
    """Open saved profile ``name`` (the keyring is read in a thread)."""

    async def switch() -> None:
        assert app.accounts is not None
        try:
            token, context = await asyncio.to_thread(app.accounts.open_profile, name)
        except (AccountUnavailableError, KeyringUnavailableError, ProfileError) as error:
            app.notify(str(error), title="Can't switch profile", severity="error", timeout=10)
            return
        await app.open_account(context, token)

    app.run_worker(
        switch(), group="switch-profile", exclusive=True, description="Switching profiles"
    )
