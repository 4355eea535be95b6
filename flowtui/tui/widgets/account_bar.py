"""The header line: which profile and account, the API version, where the token came from,
and how close the account is to Graph's rate limit. Never the token."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from flowtui.api import RateLimitUsage
from flowtui.tui.context import AccountContext


class AccountBar(Static):
    usage: reactive[RateLimitUsage | None] = reactive(None, layout=False)

    def __init__(self, context: AccountContext, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.context = context

    def render(self) -> Text:
        c = self.context
        text = Text.assemble(
            ("flowtui", "bold"),
            "  profile ",
            (c.profile, "bold"),
            "  account ",
            (c.waba_id, "bold"),
            "  API ",
            (c.api_version, "bold"),
            "  token from ",
            (c.token_source, "bold"),
        )
        if c.read_only:
            text.append("  READ-ONLY", style="bold reverse")
        percent = self.usage.percent if self.usage else None
        if percent is not None:
            style = "bold red" if percent >= 90 else "bold yellow" if percent >= 75 else "bold"
            text.append("  rate limit ")
            text.append(f"{percent:.0f}%", style=style)
        return text
