"""``E``: edit a flow's live Flow JSON in the user's editor and upload it, never losing the edit.

The live JSON goes to a working file, the editor opens it with the app suspended, and when it
closes the file is checked locally and shown as a diff against the live version; it is uploaded
only on a yes. Until an upload succeeds the working file stays on disk (its path is said),
whatever becomes of the editor, and the next ``E`` on the flow offers to resume it: as a plain
resume if it was made on this flow as it is now (same name, same live JSON), otherwise showing
what it was made on and letting the user resume it anyway, set it aside or discard it.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported

from flowtui.api import Flow, FlowsError, FlowStatus, GraphError, InputError
from flowtui.editing import (
    EditInProgressError,
    EditOrigin,
    EditorOutcome,
    EditorResult,
    KeptEdit,
    WorkingFiles,
    check_flow_json_text,
    download_flow_json,
    run_editor,
    unified_diff_lines,
)
from flowtui.flowjson import versions
from flowtui.tui.modals.checked_upload import back_to_draft_warning
from flowtui.tui.modals.edit_json import CloneOfferModal, EditUploadModal, ResumeEditModal
from flowtui.tui.reach import flows_app

if TYPE_CHECKING:
    from flowtui.tui.app import FlowtuiApp
    from flowtui.tui.screens.flow_actions import FlowActionsScreen

FLOW_CANT_BE_UPDATED = 139001
# What a flow without a Flow JSON starts from.
STARTER = f'{{\n  "version": "{versions.LATEST_VERSION}",\n  "screens": []\n}}\n'.encode()
RESUMED_UNCHANGED = (
    "You closed the editor without changing the kept edit; it still differs from the live Flow "
    "JSON, so here it is."
)
# A ctrl+c that reached the app itself while the terminal was handed over.
INTERRUPTED = EditorOutcome(
    EditorResult.INTERRUPTED, "The edit was stopped by ctrl+c, so nothing was uploaded."
)


def open_in_editor(app: FlowtuiApp, path: Path) -> EditorOutcome:
    """Hand the terminal to the editor until it closes, and always take it back.

    Textual's ``App.suspend()`` resumes the app only when its block ends without an exception
    (there is no try/finally around its ``yield``): one raised inside leaves the terminal blank
    and the keys echoing for good. So nothing may raise in there: :func:`run_editor` returns what
    became of the editor as a value, a ctrl+c that slips past it is made into one too, and
    anything else is held until the app is back. (Headless test drivers can't suspend.)
    """
    outcome: EditorOutcome | None = None
    unforeseen: BaseException | None = None
    try:
        with app.suspend():
            try:
                outcome = run_editor(path)
            except KeyboardInterrupt:
                outcome = INTERRUPTED
            except BaseException as error:
                unforeseen = error
    except SuspendNotSupported:
        outcome = run_editor(path)
    if unforeseen is not None:
        raise unforeseen
    assert outcome is not None  # run_editor returned, or was made into an outcome
    return outcome


def kept(path: Path) -> str:
    return f"Your edit is kept at {path}: press E on the flow to resume it."


def say(app: FlowtuiApp, message: str, title: str, **options: Any) -> None:
    """A toast of plain text: flow names and paths are never read as markup."""
    app.notify(message, title=title, markup=False, **options)


async def choose_working_file(
    app: FlowtuiApp,
    files: WorkingFiles,
    current: EditOrigin,
    baseline: bytes,
    name: str,
) -> Path | None:
    """The working file to open; None if the user cancelled.

    A kept edit made on this flow as it is now is offered as a resume. One made on something
    else (another name, a live JSON that changed since, an unknown origin) is shown for what it
    is, and is resumed (and relabelled onto the live JSON of now), set aside or discarded only as
    the user says."""
    waba_id, flow_id = current.waba_id, current.flow_id
    earlier: KeptEdit | None = files.kept(waba_id, flow_id)
    if earlier is None:
        return files.save(waba_id, flow_id, baseline, current)
    choice = await app.push_screen_wait(ResumeEditModal(name, earlier, current))
    if choice is None:
        return None
    if choice == "resume":
        if not earlier.matches(current):
            started = earlier.origin.rebased(current) if earlier.origin else current
            files.label(waba_id, flow_id, started)
        return earlier.path
    if choice == "discard":
        files.discard(waba_id, flow_id)
        say(app, f"The earlier edit kept at {earlier.path} is deleted.", "Discarded")
    elif not earlier.matches(current):  # "fresh" on an edit of something else: keep it
        aside = files.set_aside(waba_id, flow_id)
        say(app, f"The earlier edit is set aside at {aside}.", "Kept", timeout=15)
    return files.save(waba_id, flow_id, baseline, current)


async def edit_round_trip(
    screen: FlowActionsScreen, flow: Flow, files: WorkingFiles | None = None
) -> None:
    """Run in a worker: it waits on modals."""
    app = flows_app(screen)
    files = files or WorkingFiles()
    waba_id = app.context.waba_id
    name = flow.name or flow.id

    try:
        live = await download_flow_json(app.client, flow.id)
    except FlowsError as error:
        app.report_error(error, f"Could not download the Flow JSON of “{name}”")
        if (earlier := files.existing(waba_id, flow.id)) is not None:
            say(app, kept(earlier), "Not resumed", severity="warning", timeout=15)
        return
    baseline = live if live is not None else STARTER
    current = EditOrigin.of(waba_id, flow.id, flow.name or "", baseline)
    held = ExitStack()
    try:
        held.enter_context(files.editing(waba_id, flow.id))
    except EditInProgressError as busy:
        say(
            app,
            f"“{name}” is being edited in another flowtui ({busy.holder}): finish or close "
            "that edit first. Its draft stays as it is.",
            "Not edited",
            severity="warning",
            timeout=15,
        )
        return
    except OSError as error:
        say(app, cant_write(files, error), "Not edited", severity="error")
        return
    with held:
        await edit_held(screen, files, flow, live, current)


def cant_write(files: WorkingFiles, error: OSError) -> str:
    return (
        f"The working files under {files.root} can't be written ({error.strerror or error}): "
        "the editor was not opened, and any earlier draft there is left as it was."
    )


async def edit_held(
    screen: FlowActionsScreen,
    files: WorkingFiles,
    flow: Flow,
    live: bytes | None,
    current: EditOrigin,
) -> None:
    """The round trip, once this flow's edit is held by this process."""
    app = flows_app(screen)
    waba_id = current.waba_id
    name = flow.name or flow.id
    baseline = live if live is not None else STARTER
    try:
        path = await choose_working_file(app, files, current, baseline, name)
    except OSError as error:
        say(app, cant_write(files, error), "Not edited", severity="error")
        return
    if path is None:
        return

    while True:
        outcome = open_in_editor(app, path)
        if not outcome.ok:
            say(
                app,
                f"{outcome.message}\n{kept(path)}",
                "Not uploaded",
                severity="error",
                timeout=15,
            )
            return
        try:
            edited = path.read_bytes()
        except OSError as error:
            say(
                app,
                f"The working file {path} can't be read ({error.strerror or error}).",
                "Not uploaded",
                severity="error",
            )
            return
        if edited == baseline:
            # The draft is the live JSON: nothing to upload, and nothing lost by dropping it.
            files.discard(waba_id, flow.id)
            say(app, f"“{name}” is unchanged: nothing was uploaded.", "No changes")
            return
        try:
            checked = check_flow_json_text(edited)
        except InputError as error:
            say(app, f"{error}\n{kept(path)}", "Not uploaded", severity="error", timeout=15)
            return
        diff = unified_diff_lines(
            (live or b"").decode("utf-8", "replace"),
            checked.text,
            old_label="live flow.json",
            new_label="your edit",
        )
        # Unchanged in the editor, yet not the live JSON: a kept edit, resumed or edited again.
        note = RESUMED_UNCHANGED if outcome.result is EditorResult.UNCHANGED else ""
        answer = await app.push_screen_wait(
            EditUploadModal(
                name,
                diff,
                checked.errors,
                warning=back_to_draft_warning(flow),
                note=note,
                draft=checked.text,
            )
        )
        if answer == "edit":
            continue
        if answer is None:
            say(app, kept(path), "Not uploaded")
            return
        break

    try:
        # The bytes that were checked and shown in the diff, whatever the file holds now.
        result = await app.client.update_flow_json(flow.id, checked.data)
    except GraphError as error:
        if not is_immutable_refusal(error, flow):
            report_upload_failure(app, error, path, name)
            return
        clone = await app.push_screen_wait(
            CloneOfferModal(
                f"“{name}” can't be updated (Graph error {FLOW_CANT_BE_UPDATED})",
                f"{error}\nThis published flow follows the older rule: once published it is "
                f"immutable.\n{kept(path)}\nClone it into a new DRAFT that carries your edit?",
            )
        )
        if clone:
            screen.clone_with_flow_json(flow, path)
        return
    except FlowsError as error:
        report_upload_failure(app, error, path, name)
        return
    files.discard(waba_id, flow.id)
    count = len(result.validation_errors)
    errors = f", with {count} validation error(s) to fix" if count else ": no validation errors"
    say(app, f"Uploaded your edit of “{name}”{errors}.", "Uploaded")
    screen.flow_changed(flow.id)


def is_immutable_refusal(error: GraphError, flow: Flow) -> bool:
    """139001 on a published flow: it follows the older rule. (Graph also uses 139001 for a
    Flow JSON it could not process, or a missing endpoint: those are reported as they are.)"""
    return error.code == FLOW_CANT_BE_UPDATED and flow.status == FlowStatus.PUBLISHED


def report_upload_failure(app: FlowtuiApp, error: FlowsError, path: Path, name: str) -> None:
    app.report_error(error, f"Could not upload to “{name}”")
    say(app, kept(path), "Not uploaded", severity="warning", timeout=15)
