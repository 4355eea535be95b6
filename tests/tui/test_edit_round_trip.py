"""``E``: the live Flow JSON in the user's editor, checked, diffed and uploaded on a yes; the
edit is never lost."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Input

from flowtui.api import FlowStatus
from flowtui.editing import EditOrigin, WorkingFiles
from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.tui.edit_round_trip import kept
from flowtui.tui.modals.edit_json import CloneOfferModal, EditUploadModal, ResumeEditModal
from flowtui.tui.modals.flow_form import FlowFormModal
from flowtui.tui.screens.flow_list import FlowListScreen

from .conftest import SIZE, flow_named, go_to, settle, text_of, until

NEWSLETTER = "1000000000000108"
ORDER_FEEDBACK = "1000000000000114"
SURVEY = "1000000000000101"

# A stand-in for $VISUAL: "valid" changes the first "title", "broken" leaves a syntax error,
# "same" saves the file untouched; the others fail the ways real editors do.
FAKE_EDITOR = """
import os, pathlib, signal, sys
mode, path = sys.argv[1], pathlib.Path(sys.argv[2])
if mode == "exit-1":  # vim's :cq
    sys.exit(1)
if mode in ("sigkill", "sigterm"):
    os.kill(os.getpid(), getattr(signal, mode.upper()))
if mode == "delete":
    path.unlink()
    sys.exit(0)
text = path.read_text()
if mode == "valid":
    text = text.replace('"title": "', '"title": "Edited ', 1)
elif mode == "broken":
    text = text.replace("{", "{,", 1)
path.write_text(text)
"""


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """Point $VISUAL at the fake editor; ``editor("valid")`` picks what it does, and
    ``editor("missing")`` names one that is not installed."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR)

    def use(mode: str) -> None:
        if mode == "missing":
            monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
        else:
            monkeypatch.setenv("VISUAL", f"{sys.executable} {script} {mode}")

    return use


@pytest.fixture(autouse=True)
def terminal(monkeypatch) -> list[str]:
    """The test driver made to hand the terminal over like a real one, so Textual's own
    ``App.suspend()`` runs around the editor; each suspend and resume is noted here. (Textual
    takes the terminal back only if the block inside ends without an exception.)"""
    calls: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda _: True))
    monkeypatch.setattr(
        HeadlessDriver, "suspend_application_mode", lambda _: calls.append("suspend")
    )
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode", lambda _: calls.append("resume"))
    return calls


def working_file(flow_id: str) -> Path:
    return WorkingFiles().path(PRIMARY_ACCOUNT.id, flow_id)


def toast(app, title: str) -> str:
    return next(t for t in reversed(app.toasts()) if t.startswith(f"{title}|"))


async def live_json(api, flow_id: str) -> str:
    asset = (await api.get_flow_assets(flow_id))[0]
    return (await api.download_asset(asset)).decode()


def on(pilot, screen_type: type) -> Callable[[], bool]:
    return lambda: isinstance(pilot.app.screen, screen_type)


def toasted(pilot, prefix: str) -> Callable[[], bool]:
    return lambda: any(t.startswith(prefix) for t in pilot.app.toasts())


async def press_e(pilot, name: str) -> None:
    await settle(pilot)
    await go_to(pilot, name)
    await pilot.press("E")


async def test_e_edits_checks_diffs_and_uploads(make_app, api, editor):
    editor("valid")
    before = await live_json(api, NEWSLETTER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, EditUploadModal))
        modal = app.screen
        assert "no validation errors" in text_of(app, "#local-errors")
        assert "+1 -1 lines" in text_of(app, "#diff-summary")
        assert not modal.query("#upload-warning")  # a draft: nothing to warn about
        await pilot.press("y")
        await until(pilot, toasted(pilot, "Uploaded|"))
        await settle(pilot)
    after = await live_json(api, NEWSLETTER)
    assert after != before and '"title": "Edited ' in after
    assert not working_file(NEWSLETTER).exists()  # deleted after the upload


async def test_a_failed_check_keeps_the_file_and_e_offers_to_resume(make_app, api, editor):
    editor("broken")
    before = await live_json(api, NEWSLETTER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, toasted(pilot, "Not uploaded|"))
        path = working_file(NEWSLETTER)
        assert path.read_text().startswith("{,")  # the edit is still on disk
        toast = next(t for t in app.toasts() if t.startswith("Not uploaded|"))
        assert "not valid JSON" in toast and str(path) in toast
        assert await live_json(api, NEWSLETTER) == before

        # The next E offers to resume; the fix then uploads.
        path.write_text(path.read_text().replace("{,", "{", 1))
        editor("valid")
        await pilot.press("E")
        await until(pilot, on(pilot, ResumeEditModal))
        assert app.screen.matched  # made on this flow as it is now: a plain resume
        assert "An earlier edit of “Newsletter sign-up” was not uploaded" in text_of(
            app, "#question"
        )
        facts = text_of(app, "#detail")  # what it was made on, when, and where it is
        assert "Made on     “Newsletter sign-up” (flow 1000000000000108)" in facts
        assert ", from the live Flow JSON with sha256 " in facts
        assert "Last saved  " in facts and " UTC" in facts and "Started     " in facts
        assert str(path) in facts.replace("\n", "")
        await pilot.press("d")  # no discard on a plain resume: "start fresh" replaces it
        await pilot.press("r")
        await until(pilot, on(pilot, EditUploadModal))
        await pilot.press("y")
        await until(pilot, toasted(pilot, "Uploaded|"))
        await settle(pilot)
    assert '"title": "Edited ' in await live_json(api, NEWSLETTER)
    assert not path.exists()


async def test_keep_for_later_uploads_nothing_and_start_fresh_drops_the_edit(make_app, api, editor):
    editor("valid")
    before = await live_json(api, NEWSLETTER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, EditUploadModal))
        await pilot.press("n")
        await until(pilot, toasted(pilot, "Not uploaded|"))
        path = working_file(NEWSLETTER)
        assert path.exists() and any(str(path) in t for t in app.toasts())
        assert await live_json(api, NEWSLETTER) == before
        editor("same")
        await pilot.press("E")
        await until(pilot, on(pilot, ResumeEditModal))
        await pilot.press("f")  # start fresh: the live JSON, untouched by the editor
        await until(pilot, toasted(pilot, "No changes|"))
        assert not path.exists()


async def test_an_unchanged_file_uploads_nothing(make_app, api, editor):
    editor("same")
    before = await api.get_flow(NEWSLETTER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, toasted(pilot, "No changes|"))
        assert any("unchanged: nothing was uploaded" in t for t in app.toasts())
        assert not isinstance(app.screen, EditUploadModal)
    assert (await api.get_flow(NEWSLETTER)).updated_at == before.updated_at
    assert not working_file(NEWSLETTER).exists()


async def test_a_published_flow_is_warned_about_from_the_detail(make_app, api, editor):
    editor("valid")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("E")
        await until(pilot, on(pilot, EditUploadModal))
        assert "PUBLISHED: an upload sends it back to DRAFT" in text_of(app, "#upload-warning")
        await pilot.press("y")
        await until(pilot, toasted(pilot, "Uploaded|"))
        await settle(pilot)
        assert "DRAFT" in text_of(app, "#detail-title")  # the detail shows the new status
    assert (await api.get_flow(ORDER_FEEDBACK)).status is FlowStatus.DRAFT


async def test_an_immutable_flow_keeps_the_edit_and_offers_the_clone(make_app, api, editor):
    editor("valid")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Customer satisfaction survey")
        await until(pilot, on(pilot, EditUploadModal))
        await pilot.press("y")
        await until(pilot, on(pilot, CloneOfferModal))
        assert "Graph error 139001" in app.screen.question
        path = working_file(SURVEY)
        assert str(path) in app.screen.detail and path.exists()
        await pilot.press("y")
        await until(pilot, on(pilot, FlowFormModal))  # the clone form, carrying the edit
        form = app.screen
        assert form.query_one("#name", Input).value == "Customer satisfaction survey (copy)"
        assert form.query_one("#json-path", Input).value == str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        clone = await flow_named(api, "Customer satisfaction survey (copy)")
        assert clone.status is FlowStatus.DRAFT
        assert '"title": "Edited ' in await live_json(api, clone.id)
    assert (await api.get_flow(SURVEY)).status is FlowStatus.PUBLISHED


async def test_e_is_refused_on_a_deprecated_flow(make_app, editor):
    editor("valid")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Book a table")
        await until(pilot, lambda: bool(app.toasts()))
        assert any("DEPRECATED flow can't be changed" in t for t in app.toasts())
        assert not working_file("1000000000000102").exists()


# --- whatever becomes of the editor, the app comes back and the draft is kept -----------------


@pytest.mark.parametrize(
    "mode, says",
    [
        ("exit-1", "exited with code 1, so nothing was uploaded."),
        ("sigkill", "was killed by SIGKILL, so nothing was uploaded."),
        ("sigterm", "was killed by SIGTERM, so nothing was uploaded."),
        ("delete", "deleted the working file, so nothing was uploaded; it is re-created as it"),
        ("missing", "could not be started (No such file or directory): set $VISUAL or $EDITOR"),
    ],
)
async def test_a_failing_editor_brings_the_app_back_with_the_draft_kept(
    make_app, api, editor, terminal, mode, says
):
    editor(mode)
    before = await live_json(api, NEWSLETTER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, toasted(pilot, "Not uploaded|"))
        assert terminal == ["suspend", "resume"]  # the app took the terminal back
        path = working_file(NEWSLETTER)
        message = toast(app, "Not uploaded")
        assert says in message and kept(path) in message
        assert path.read_text() == before  # the draft, as the live JSON it started from
        assert isinstance(app.screen, FlowListScreen)

        editor("valid")  # the app takes keys again, and E offers the kept draft
        await pilot.press("E")
        await until(pilot, on(pilot, ResumeEditModal))
        assert app.screen.matched
        await pilot.press("r")
        await until(pilot, on(pilot, EditUploadModal))
        assert terminal == ["suspend", "resume"] * 2
    assert await live_json(api, NEWSLETTER) == before


async def test_a_kept_edit_closed_unchanged_still_differs_from_live(make_app, api, editor):
    """Unchanged in the editor is not "nothing to upload" when the kept edit differs from live:
    only a draft equal to the live JSON is."""
    editor("valid")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, EditUploadModal))
        assert not app.screen.query("#edit-note")
        await pilot.press("n")
        await until(pilot, toasted(pilot, "Not uploaded|"))
        edit = working_file(NEWSLETTER).read_text()

        editor("same")
        await pilot.press("E")
        await until(pilot, on(pilot, ResumeEditModal))
        await pilot.press("r")
        await until(pilot, on(pilot, EditUploadModal))
        assert "without changing the kept edit" in text_of(app, "#edit-note")
        assert "+1 -1 lines" in text_of(app, "#diff-summary")
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, EditUploadModal))
        assert working_file(NEWSLETTER).read_text() == edit  # still kept
        assert not any(t.startswith("No changes|") for t in app.toasts())


# --- a kept edit comes back only on the flow it was made on -----------------------------------


def keep_from_an_earlier_run(text: str, *, name: str | None, base: bytes = b"") -> Path:
    """A draft for the Newsletter's id, as an earlier sandbox run (or an older flowtui, with
    ``name=None``) left it."""
    files = WorkingFiles()
    origin = EditOrigin.of(PRIMARY_ACCOUNT.id, NEWSLETTER, name, base) if name else None
    return files.save(PRIMARY_ACCOUNT.id, NEWSLETTER, text.encode(), origin)


def set_aside() -> list[Path]:
    folder = working_file(NEWSLETTER).parent / "set-aside"
    drafts = folder.glob("*.json") if folder.exists() else ()
    return sorted(p for p in drafts if not p.name.endswith(".origin.json"))


async def test_an_edit_of_another_flow_with_the_same_id_is_shown_and_set_aside(
    make_app, api, editor
):
    old = keep_from_an_earlier_run('{"from": "an earlier run"}', name="Pizza order")
    editor("same")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, ResumeEditModal))
        assert not app.screen.matched  # not offered as a plain resume
        assert "was made on something else" in text_of(app, "#question")
        facts = text_of(app, "#detail")
        assert "Made on     “Pizza order” (flow 1000000000000108)" in facts
        assert str(old) in facts.replace("\n", "")
        differences = text_of(app, "#kept-differences")
        assert "named “Pizza order”; this one is named “Newsletter sign-up”" in differences
        assert "The live Flow JSON changed since" in differences
        await pilot.press("f")  # start fresh, the old edit set aside
        await until(pilot, toasted(pilot, "No changes|"))
        (aside,) = set_aside()
        assert aside.read_text() == '{"from": "an earlier run"}'
        assert str(aside) in toast(app, "Kept")
        assert not old.exists()  # the fresh edit was the live JSON: dropped


async def test_a_kept_edit_whose_live_json_changed_can_be_resumed_onto_the_new_live(
    make_app, api, editor
):
    editor("valid")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, EditUploadModal))
        await pilot.press("n")
        await until(pilot, toasted(pilot, "Not uploaded|"))
        live = await live_json(api, NEWSLETTER)  # someone else changes the flow meanwhile
        await api.update_flow_json(NEWSLETTER, live.replace('"version": "5.1"', '"version": "5.0"'))

        editor("same")
        await pilot.press("E")
        await until(pilot, on(pilot, ResumeEditModal))
        assert not app.screen.matched
        assert "The live Flow JSON changed since" in text_of(app, "#kept-differences")
        assert "named" not in text_of(app, "#kept-differences")
        await pilot.press("r")  # resume anyway: compared with the live JSON of now
        await until(pilot, on(pilot, EditUploadModal))
        assert "+2 -2 lines" in text_of(app, "#diff-summary")
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, EditUploadModal))

        await pilot.press("E")  # resumed onto this live, it is now an edit of this flow
        await until(pilot, on(pilot, ResumeEditModal))
        assert app.screen.matched
        await pilot.press("escape")
    assert set_aside() == []


async def test_discarding_a_kept_edit_of_another_flow(make_app, editor):
    old = keep_from_an_earlier_run('{"from": "an earlier run"}', name="Pizza order")
    editor("same")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, ResumeEditModal))
        await pilot.press("d")
        await until(pilot, toasted(pilot, "No changes|"))
        assert str(old) in toast(app, "Discarded")
    assert not old.exists() and set_aside() == []


async def test_an_old_style_kept_edit_is_of_unknown_origin_and_never_dropped(make_app, editor):
    old = keep_from_an_earlier_run('{"from": "an older flowtui"}', name=None)
    editor("valid")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, ResumeEditModal))
        assert not app.screen.matched
        assert "An edit of unknown origin is kept" in text_of(app, "#question")
        assert "unknown: kept by an older flowtui" in text_of(app, "#detail")
        assert "older flowtui" in text_of(app, "#kept-differences")
        await pilot.press("escape")
        await settle(pilot)
        assert old.read_text() == '{"from": "an older flowtui"}'
        assert not WorkingFiles().origin_path(PRIMARY_ACCOUNT.id, NEWSLETTER).exists()

        await pilot.press("E")  # start fresh keeps it too, set aside
        await until(pilot, on(pilot, ResumeEditModal))
        await pilot.press("f")
        await until(pilot, on(pilot, EditUploadModal))
        (aside,) = set_aside()
        assert aside.read_text() == '{"from": "an older flowtui"}'


async def test_a_flow_edited_in_another_flowtui_is_left_alone(make_app, api, editor):
    editor("valid")
    files = WorkingFiles()
    draft = files.save(PRIMARY_ACCOUNT.id, NEWSLETTER, b'{"half": "finished"}')
    app = make_app()
    with files.editing(PRIMARY_ACCOUNT.id, NEWSLETTER):  # the other instance
        async with app.run_test(size=SIZE) as pilot:
            await press_e(pilot, "Newsletter sign-up")
            await until(pilot, toasted(pilot, "Not edited|"))
            message = toast(app, "Not edited")
            assert "“Newsletter sign-up” is being edited in another flowtui" in message
            assert "process " in message and "since " in message  # who holds it
            assert not isinstance(app.screen, ResumeEditModal)  # no resume, no fresh start
    assert draft.read_bytes() == b'{"half": "finished"}'  # the other's draft is untouched


def test_the_edit_lock_dies_with_its_process(tmp_path):
    import subprocess

    from flowtui.editing import EditInProgressError

    files = WorkingFiles(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pathlib\n"
            "from flowtui.editing import WorkingFiles\n"
            f"with WorkingFiles(pathlib.Path({str(tmp_path)!r})).editing('1', '2'):\n"
            "    print('held', flush=True)\n"
            "    sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        busy = pytest.raises(EditInProgressError, match=f"process {holder.pid}, since")
        with busy, files.editing("1", "2"):
            pass
    finally:
        holder.kill()  # no clean exit: the system releases the lock
        holder.wait()
    with files.editing("1", "2"):
        pass


async def test_e_on_a_full_disk_says_so_and_keeps_the_draft(make_app, api, editor, monkeypatch):
    import flowtui.editing.working_files as working

    editor("valid")
    files = WorkingFiles()
    draft = files.save(PRIMARY_ACCOUNT.id, NEWSLETTER, b'{"earlier": "draft"}')

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(working, "write_atomically", full)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, ResumeEditModal))
        await pilot.press("r")  # resume: noting what it is now made on fails
        await until(pilot, toasted(pilot, "Not edited|"))
        assert "can't be written (No space left on device)" in toast(app, "Not edited")
    assert draft.read_bytes() == b'{"earlier": "draft"}'


async def test_p_plays_the_edit_before_it_is_uploaded(make_app, api, editor):
    from flowtui.tui.screens.player import PlayerScreen

    editor("valid")
    before = await live_json(api, NEWSLETTER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_e(pilot, "Newsletter sign-up")
        await until(pilot, on(pilot, EditUploadModal))
        await pilot.press("P")
        # (No settle() while the question waits: the round trip's worker waits on it.)
        await until(pilot, on(pilot, PlayerScreen))
        await until(pilot, lambda: text_of(app, "#player-phone-title").startswith("✕ Edited "))
        await pilot.press("escape")  # the player closes: the question is still asked
        await until(pilot, on(pilot, EditUploadModal))
        await pilot.press("n")
        await settle(pilot)
    assert await live_json(api, NEWSLETTER) == before  # nothing was uploaded meanwhile
