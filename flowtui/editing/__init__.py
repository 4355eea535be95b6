"""Editing Flow JSON outside the app: working files, the user's editor, diffs, local checks.

Headless: nothing here imports ``textual`` or ``rich``; the TUI puts faces on these parts.
"""

from flowtui.editing.diff import DiffKind, DiffLine, count_changes, unified_diff_lines
from flowtui.editing.editor import (
    EditorFailedError,
    EditorOutcome,
    EditorResult,
    editor_command,
    run_editor,
)
from flowtui.editing.live import FLOW_JSON_ASSET, download_flow_json
from flowtui.editing.local_check import LocalCheck, check_flow_json_file, check_flow_json_text
from flowtui.editing.save import suggested_file_name, write_new_file
from flowtui.editing.working_files import (
    EditInProgressError,
    EditOrigin,
    KeptEdit,
    WorkingFiles,
    base_digest,
    default_root,
)

__all__ = [
    "FLOW_JSON_ASSET",
    "DiffKind",
    "DiffLine",
    "EditInProgressError",
    "EditOrigin",
    "EditorFailedError",
    "EditorOutcome",
    "EditorResult",
    "KeptEdit",
    "LocalCheck",
    "WorkingFiles",
    "base_digest",
    "check_flow_json_file",
    "check_flow_json_text",
    "count_changes",
    "default_root",
    "download_flow_json",
    "editor_command",
    "run_editor",
    "suggested_file_name",
    "unified_diff_lines",
    "write_new_file",
]
