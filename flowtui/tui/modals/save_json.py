"""Save a downloaded Flow JSON to a file: the path is prefilled, an existing file is only
replaced after a yes, and the path stays in the box when writing fails."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from flowtui.editing import write_new_file
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.path_prompt import PathPromptModal
from flowtui.tui.widgets.literal import literal


class SaveJsonModal(PathPromptModal[Path | None]):
    """Dismisses with the absolute path written, or None."""

    FIELD_LABEL = "Save to"
    SUBMIT_ID = "save"

    def __init__(self, flow_name: str, data: bytes, *, initial_path: str) -> None:
        super().__init__(f"Save the Flow JSON of “{flow_name}”", "Save", initial_path=initial_path)
        self.flow_name = flow_name
        self.data = data

    def problem(self, value: str) -> tuple[str, str]:
        path = self.path
        if not value:
            return "Give the path of the file to write.", ""
        try:
            return self._problem(path)
        except OSError as error:  # a name too long for the file system, ...
            return f"This path can't be used: {error.strerror or error}.", ""

    def _problem(self, path: Path) -> tuple[str, str]:
        if path.is_dir():
            return f"{str(path)!r} is a folder: add a file name.", ""
        if not path.parent.is_dir():
            return f"The folder {str(path.parent)!r} does not exist: create it or pick another.", ""
        if path.exists():
            return "", "This file exists: saving asks before replacing it."
        return "", ""

    def action_submit(self) -> None:
        if self.check_path():
            return
        path = self.path
        if not path.exists():
            self.write(path, overwrite=False)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.write(path, overwrite=True)

        self.app.push_screen(
            ConfirmModal(f"Replace {path.name}?", f"{path} exists.", danger=True), answered
        )

    def write(self, path: Path, *, overwrite: bool) -> None:
        try:
            saved = write_new_file(path, self.data, overwrite=overwrite)
        except OSError as error:
            self.query_one("#form-error", Static).update(
                literal(f"Not saved: {error.strerror or error} ({path}).")
            )
            return
        self.dismiss(saved)
