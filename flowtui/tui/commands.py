"""The command palette (ctrl+p): every action of the current screen, by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from flowtui.text import printable
from flowtui.tui.reach import flows_app
from flowtui.tui.screens.flow_actions import NEEDS_FLOW, FlowActionsScreen
from flowtui.tui.widgets.literal import literal_content

if TYPE_CHECKING:
    pass


def highlighted(matcher: Matcher, name: str) -> Content:
    """``name`` with the typed letters marked, as Textual's ``Matcher.highlight`` does, but
    literal: that one reads the name as markup, and a name is a flow's (from Graph)."""
    content = literal_content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    if score:
        for offset in offsets:
            if not name[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class FlowCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        if not isinstance(screen, FlowActionsScreen):
            return []
        commands = []
        flow = screen.current_flow()
        for namespace, bindings in screen._binding_chain:
            if namespace is screen.app:
                continue  # the app's keys are the system commands (FlowtuiApp)
            for binding_list in bindings.key_to_bindings.values():
                for binding in binding_list:
                    if not binding.description or binding.action.startswith("app."):
                        continue
                    if screen.app._check_action_state(binding.action, screen) is False:
                        continue
                    target = f" “{flow.name}”" if flow and binding.action in NEEDS_FLOW else ""
                    name = f"{binding.description}{target}"
                    help_text = f"{screen.app.get_key_display(binding)}  {binding.tooltip}"
                    commands.append((name, binding.action, help_text.strip()))
        return commands

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(
                literal_content(name),
                partial(self._run, action),
                text=printable(name),
                help=help_text,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, name),
                    partial(self._run, action),
                    text=printable(name),
                    help=help_text,
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action, self.screen)


class ProfileCommands(Provider):
    """Switch to another saved profile, or log in to a new account."""

    async def _commands(self) -> list[tuple[str, str | None, str]]:
        app = flows_app(self)
        if app.accounts is None:
            return []
        import asyncio

        names = await asyncio.to_thread(app.accounts.profile_names)
        current = app.context.profile
        commands: list[tuple[str, str | None, str]] = [
            (f"Switch to profile {name}", name, "reload the flow list for that account")
            for name in names
            if name != current
        ]
        commands.append(("Log in to another account", None, "add a profile (token to keyring)"))
        return commands

    async def discover(self) -> Hits:
        for name, profile, help_text in await self._commands():
            yield DiscoveryHit(
                literal_content(name),
                partial(self._run, profile),
                text=printable(name),
                help=help_text,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, profile, help_text in await self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, name),
                    partial(self._run, profile),
                    text=printable(name),
                    help=help_text,
                )

    def _run(self, profile: str | None) -> None:
        from flowtui.tui.screens.login import LoginScreen, switch_profile

        if profile is None:
            self.app.push_screen(LoginScreen())
        else:
            switch_profile(flows_app(self), profile)
