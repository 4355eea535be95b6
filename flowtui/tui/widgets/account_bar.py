"""The header line: which profile and account, the API version, where the token came from,
how close the account is to Graph's rate limit, and how old the flow list is once it is stale.
Never the token."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from flowtui.api import RateLimitUsage
from flowtui.text import printable
from flowtui.tui.context import AccountContext


class AccountBar(Static):
    usage: reactive[RateLimitUsage | None] = reactive(None, layout=False)
    stale_minutes: reactive[int | None] = reactive(None, layout=False)  # the list's age

    def __init__(self, context: AccountContext, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.context = context

    def render(self) -> Text:
        c = self.context
        text = Text("flowtui", "bold")
        if c.read_only:  # first: the one safety indicator must fit however narrow the terminal
            text.append("  ")
            text.append(" READ-ONLY ", "bold reverse")
        if self.stale_minutes is not None:  # early too: an old list must be seen to be old
            text.append("  ")
            text.append(f" read {self.stale_minutes} min ago: ctrl+r ", "bold reverse yellow")
        for label, value in (
            ("profile", c.profile),
            ("account", c.waba_id),
            ("API", c.api_version),
            ("token from", c.token_source),
        ):
            text.append(f"  {label} ")
            text.append(printable(value), "bold")  # from the config file and the environment
        percent = self.usage.percent if self.usage else None
        if percent is not None:
            style = "bold red" if percent >= 90 else "bold yellow" if percent >= 75 else "bold"
            text.append("  rate limit ")
            text.append(f"{percent:.0f}%", style=style)
        return text
