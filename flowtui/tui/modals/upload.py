"""Upload a Flow JSON file to a flow: the path is checked (exists, UTF-8, valid JSON, size)
before anything is sent, and the path stays in the box when the upload fails."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import work
from textual.widgets import Static

from flowtui.api import FlowsError
from flowtui.tui.modals.path_prompt import PathPromptModal
from flowtui.tui.widgets.literal import literal

Upload = Callable[[Path], Awaitable[str]]


class UploadModal(PathPromptModal[str | None]):
    SUBMIT_ID = "upload"

    def __init__(self, flow_name: str, upload: Upload, *, initial_path: str = "") -> None:
        super().__init__(f"Upload Flow JSON to “{flow_name}”", "Upload", initial_path=initial_path)
        self.flow_name = flow_name
        self._upload = upload

    def action_submit(self) -> None:
        if not self.check_path():
            self.send(self.path)

    @work(exclusive=True, group="upload", description="Uploading the Flow JSON")
    async def send(self, path: Path) -> None:
        banner = self.query_one("#form-error", Static)
        banner.update("Uploading…")
        try:
            outcome = await self._upload(path)
        except FlowsError as error:
            banner.update(literal(f"{error}\n{error.remedy}".strip(), lines=True))
            self.notify(str(error), title="Not uploaded", severity="error", timeout=8)
            return
        self.dismiss(outcome)
