"""Ask for a local Flow JSON file, checked as typed with the service layer's file checks."""

from __future__ import annotations

from pathlib import Path

from flowtui.tui.modals.path_prompt import PathPromptModal


class FlowJsonPathModal(PathPromptModal[Path | None]):
    """Dismisses with the path of a readable, valid Flow JSON file, or None."""

    HAS_BANNER = False

    def __init__(self, title: str, button: str, *, initial_path: str = "") -> None:
        super().__init__(title, button, initial_path=initial_path)

    def action_submit(self) -> None:
        if not self.check_path():
            self.dismiss(self.path)
