"""The lifecycle keys, declared once and shared by the flow list and the flow detail.

A subclass says which flow is current (:meth:`current_flow`) and how to show the app's flow
catalog once it changed (:meth:`catalog_changed`). An action that changes one flow reads that
flow again (one request) and puts it into the catalog; nothing reloads the account for it. An
action the flow's status does not allow is shown greyed out in the footer, and pressing its key
says why, without a Graph round trip.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from flowtui.api import Flow, FlowsError, FlowStatus, NotFoundError, Preview
from flowtui.api.fields import LIST_FIELDS
from flowtui.api.lifecycle import FlowAction, refusal
from flowtui.tui.modals.checked_upload import CheckedUploadModal, back_to_draft_warning
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.flow_form import FlowForm, FlowFormModal
from flowtui.tui.reach import flows_app

log = logging.getLogger("flowtui.app")

if TYPE_CHECKING:
    from flowtui.sending.defaults import PreviewDefaults
    from flowtui.tui.screens.player import EndpointLink

# Actions that change something: all refused in read-only mode.
MUTATING: frozenset[str] = frozenset(
    {
        "new_flow",
        "edit_metadata",
        "upload_json",
        "publish",
        "deprecate",
        "delete",
        "clone",
        "migrate",
        "edit_json",
    }
)
# Actions that need a selected flow, and the lifecycle rule each one obeys.
NEEDS_FLOW: dict[str, FlowAction | None] = {
    "edit_metadata": FlowAction.EDIT,
    "upload_json": FlowAction.EDIT,
    "publish": FlowAction.PUBLISH,
    "deprecate": FlowAction.DEPRECATE,
    "delete": FlowAction.DELETE,
    "clone": None,
    "preview": None,
    "preview_fresh": None,
    "preview_interactive": None,
    "assets": None,
    "edit_json": FlowAction.EDIT,
    "diff_json": None,
    "play": None,
    "check_endpoint": None,
    "test_send": None,
}


def clone_form(flow: Flow, *, flow_json_path: Path | None = None) -> FlowForm:
    """What a copy of ``flow`` starts as, whichever way it is cloned: its categories, its
    Flow JSON (Graph copies it with clone_flow_id; an edit Graph refused brings its own file)
    and its endpoint URI, which Graph's clone does not copy and so is sent with the request
    (shown in the form, where it can be changed or cleared)."""
    return FlowForm(
        name=f"{flow.name or flow.id} (copy)",
        categories=tuple(map(str, flow.categories)),
        flow_json_path=str(flow_json_path) if flow_json_path is not None else "",
        clone_flow_id="" if flow_json_path is not None else flow.id,
        endpoint_uri=flow.endpoint_uri or "",
    )


async def endpoint_link(screen: Screen[None], flow: Flow) -> EndpointLink | None:
    """Where the player sends an endpoint flow's requests: the flow's own ``endpoint_uri``,
    else (in the embedded sandbox) the flow's demo endpoint; encrypted with the public key of
    the account's phone number read from Graph, and signed with the profile's app secret when
    one is kept in the OS keyring (``flowtui auth app-secret``). None when there is nowhere
    to send them (data_exchange then says what is missing)."""
    from flowtui.endpoint.client import EndpointError
    from flowtui.endpoint.crypto import KeyFormatError, load_public_key
    from flowtui.tui.screens.player import EndpointLink

    app = flows_app(screen)
    context = app.context
    demo = f"{context.demo_endpoint_base}/{flow.id}" if context.demo_endpoint_base else None
    url = flow.endpoint_uri or demo
    phone = context.phone_number_id
    if not url or not phone:
        return None
    known: list[Any] = []

    async def key(again: bool) -> Any:
        if again or not known:
            try:
                known[:] = [load_public_key(await app.client.get_business_public_key(phone))]
            except (FlowsError, KeyFormatError) as error:
                raise EndpointError(
                    "public-key-missing",
                    f"The phone number's public key could not be read: {error}",
                ) from None
        return known[0]

    secret = await _app_secret(app) if flow.endpoint_uri else None
    return EndpointLink(url, key, app_secret=secret)


async def endpoint_target(screen: Screen[None], flow: Flow) -> Any:
    """What ``C`` checks: the flow's endpoint (as P would call it), the phone number's key, the
    live Flow JSON and the app secret; or why it cannot be checked (a sentence)."""
    from flowtui.editing.live import download_flow_json
    from flowtui.endpoint.client import EndpointError
    from flowtui.endpoint.doctor import Target
    from flowtui.player.document import FlowDocument, FlowDocumentError

    link = await endpoint_link(screen, flow)
    if link is None:
        return (
            f"“{flow.name or flow.id}” has no endpoint_uri (e sets one), or the profile has no "
            "phone number id for the key."
        )
    app = flows_app(screen)
    try:
        key = await link.key(False)
        data = await download_flow_json(app.client, flow.id)
    except EndpointError as error:
        return str(error)
    except FlowsError as error:
        return f"Could not read the flow's JSON: {error}"
    document = None
    if data:
        try:
            document = FlowDocument.from_text(data.decode("utf-8", "replace"))
        except FlowDocumentError:
            document = None  # (the INIT check says there is no Flow JSON to check against)
    return Target(
        link.url,
        key,
        app_secret=link.app_secret,
        document=document,
        data_api_version=flow.data_api_version,
    )


async def _app_secret(app: Any) -> bytes | None:
    """The profile's app secret from the OS keyring (in a thread: the keyring blocks), or
    None: no profile, none kept, or a keyring that cannot be reached (said in a toast)."""
    import asyncio

    from flowtui.accounts.app_secret import profile_app_secret
    from flowtui.accounts.token_store import KeyringUnavailableError
    from flowtui.api.errors import InvalidTokenError

    accounts = app.accounts
    if accounts is None:
        return None
    try:
        return await asyncio.to_thread(
            profile_app_secret, accounts.config_path, app.context.profile
        )
    except (KeyringUnavailableError, InvalidTokenError) as error:
        app.notify(f"Endpoint requests go unsigned: {error}", severity="warning")
        return None


class FlowActionsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_flow", "New", id="new-flow", tooltip="Create a flow"),
        Binding("e", "edit_metadata", "Edit", id="edit", tooltip="Name, categories, endpoint"),
        Binding("u", "upload_json", "Upload", id="upload", tooltip="Upload a Flow JSON file"),
        Binding("p", "publish", "Publish", id="publish", tooltip="Publish a DRAFT flow"),
        Binding("x", "deprecate", "Deprecate", id="deprecate"),
        Binding("ctrl+d", "delete", "Delete", id="delete", tooltip="Delete a DRAFT flow"),
        # Not in the footer, so that ? (every key) fits at 120 columns.
        Binding(
            "c", "clone", "Clone", id="clone", show=False, tooltip="Copy this flow into a new DRAFT"
        ),
        Binding("o", "preview", "Preview", id="preview", tooltip="Open the preview link"),
        Binding("O", "preview_fresh", "Fresh preview", id="preview-fresh", show=False),
        Binding(
            "I",
            "preview_interactive",
            "Interactive preview",
            id="preview-interactive",
            show=False,
            tooltip="Run the preview interactively",
        ),
        Binding("a", "assets", "Assets", id="assets", show=False, tooltip="Assets and Flow JSON"),
        Binding(
            "E",
            "edit_json",
            "Edit JSON",
            id="edit-json",
            show=False,
            tooltip="Edit the JSON in $EDITOR",
        ),
        Binding(
            "D",
            "diff_json",
            "Diff",
            id="diff-json",
            show=False,
            tooltip="Diff live JSON with a file",
        ),
        Binding("m", "migrate", "Migrate", id="migrate", show=False),
        Binding(
            "P", "play", "Play", id="play", show=False, tooltip="Play the flow as WhatsApp does"
        ),
        Binding(
            "t",
            "test_send",
            "Test send",
            id="test-send",
            show=False,
            tooltip="Send the flow to a test phone",
        ),
        Binding(
            "C",
            "check_endpoint",
            "Check endpoint",
            id="check-endpoint",
            show=False,
            tooltip="Check the flow's endpoint",
        ),
    ]

    # --- what subclasses provide ---------------------------------------------------------------

    def current_flow(self) -> Flow | None:
        raise NotImplementedError

    def catalog_changed(self, select: str | None = None) -> None:
        """Show the catalog as it is now, with the cursor on flow ``select`` if given."""
        raise NotImplementedError

    # --- after a change ------------------------------------------------------------------------

    def flow_changed(self, flow_id: str, *, select: bool = False) -> None:
        """One flow changed (or was created): read it again, alone, into the catalog."""
        self.refresh_flow(flow_id, select)

    def flow_deleted(self, flow_id: str) -> None:
        flows_app(self).catalog.remove(flow_id)
        self.catalog_changed()

    def account_changed(self) -> None:
        """Many flows may have changed (a migration): the list reads the account again."""
        flows_app(self).catalog.outdated = True
        self.catalog_changed()

    @work(group="refresh-flow", description="Reading the flow again")
    async def refresh_flow(self, flow_id: str, select: bool) -> None:
        app = flows_app(self)
        try:
            flow = await app.client.get_flow(flow_id, fields=LIST_FIELDS)
        except NotFoundError:  # gone meanwhile (deleted elsewhere): so it goes here too
            app.catalog.remove(flow_id)
            self.catalog_changed()
            return
        except FlowsError as error:
            app.report_error(error, "Could not read the flow again: the list may show it stale")
            return
        app.catalog.put([flow])
        self.catalog_changed(select=flow_id if select else None)

    def show_preview(self, flow: Flow, preview: Preview) -> None:
        """A new preview link was made for ``flow``: screens that show the link show it."""

    # --- availability --------------------------------------------------------------------------

    def refusal_for(self, action: str) -> str | None:
        """Why ``action`` can't run now, or None."""
        if action in MUTATING and flows_app(self).context.read_only:
            return "flowtui runs read-only (--read-only): changes are disabled"
        if action in NEEDS_FLOW:
            flow = self.current_flow()
            if flow is None:
                return "select a flow first"
            rule = NEEDS_FLOW[action]
            if rule is not None:
                return refusal(rule, flow)
        return None

    def update_key_states(self) -> None:
        """Grey out or restore the footer's keys, only when the current flow's rules change.

        (Refreshing bindings recomposes the footer: too dear to do on every keystroke.)
        """
        flow = self.current_flow()
        state = (
            None if flow is None else (str(flow.status), bool(flow.validation_errors)),
            flows_app(self).context.read_only,
        )
        if state != getattr(self, "_key_state", ()):
            self._key_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTATING and flows_app(self).context.read_only:
            return False  # read-only: the keys are not even offered
        if action in NEEDS_FLOW and self.refusal_for(action):
            return None  # shown greyed out; pressing the key says why (on_key)
        return True

    def on_key(self, event: events.Key) -> None:
        """A key whose action is unavailable lands here: say why instead of doing nothing."""
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            reason = self.refusal_for(binding.action)
            if reason:
                event.stop()
                flow = self.current_flow()
                name = f"“{flow.name}”: " if flow and flow.name else ""
                self.notify(f"{name}{reason[:1].upper()}{reason[1:]}.", severity="warning")
                return

    # --- the actions ---------------------------------------------------------------------------

    def action_assets(self) -> None:
        from flowtui.tui.screens.assets import AssetBrowserScreen

        flow = self.current_flow()
        assert flow is not None

        def closed(uploaded: bool | None) -> None:
            if uploaded:
                self.flow_changed(flow.id)

        self.app.push_screen(AssetBrowserScreen(flow), closed)

    def action_edit_json(self) -> None:
        from flowtui.tui.edit_round_trip import edit_round_trip

        flow = self.current_flow()
        assert flow is not None
        self.run_worker(
            edit_round_trip(self, flow),
            group="edit-json",
            exclusive=True,
            description="Editing the Flow JSON",
        )

    @work(group="play", exclusive=True, description="Reading the Flow JSON to play")
    async def action_play(self) -> None:
        from flowtui.editing.live import download_flow_json
        from flowtui.tui.screens.player import play_screen

        flow = self.current_flow()
        assert flow is not None
        app = flows_app(self)
        try:
            data = await download_flow_json(app.client, flow.id)
        except FlowsError as error:
            app.report_error(error, "Could not read the Flow JSON to play")
            return
        if data is None:
            self.notify(f"“{flow.name}” has no Flow JSON yet: upload one (u) to play it.")
            return
        link = await endpoint_link(self, flow)
        screen = play_screen(
            data.decode("utf-8", "replace"),
            title=flow.name or flow.id,
            error_count=len(flow.validation_errors),
            clock=app.clock,
            endpoint=lambda document: link,
        )
        if isinstance(screen, str):
            self.notify(screen, title="Cannot play this flow", severity="error")
        else:
            self.app.push_screen(screen)

    def action_test_send(self) -> None:
        from flowtui.api.flow_message import FlowMessage
        from flowtui.sending.defaults import SendDefaults, remembered_sends
        from flowtui.tui.modals.test_send import SendToPhoneModal

        flow = self.current_flow()
        assert flow is not None
        app = flows_app(self)
        phone = app.context.phone_number_id
        if not phone:
            self.notify(
                "The profile has no phone number to send from: log in with --phone-number-id "
                "(or start with it on the command line).",
                severity="warning",
            )
            return
        remembered = remembered_sends()
        initial = remembered.get(flow.id) or SendDefaults(body=flow.name or "")
        mode = "draft" if flow.status is FlowStatus.DRAFT else "published"

        async def send(message: FlowMessage, typed: SendDefaults) -> str:
            message_id = await app.client.send_flow_message(phone, message)
            try:
                remembered.remember(flow.id, typed)
            except OSError as error:  # the send happened: only the defaults are lost
                log.warning("test-send defaults not kept: %s", error)
            return f"Sent “{flow.name or flow.id}” to {typed.to} (message {message_id})."

        def sent(outcome: str | None) -> None:
            if outcome:
                self.notify(outcome, title="Test send")

        title = f"Send “{flow.name or flow.id}” to a test phone"
        self.app.push_screen(SendToPhoneModal(flow.id, title, mode, initial, send), sent)

    def action_check_endpoint(self) -> None:
        from flowtui.tui.modals.endpoint_check import EndpointCheckModal

        flow = self.current_flow()
        assert flow is not None
        title = f"Endpoint check: {flow.name or flow.id}"
        self.app.push_screen(EndpointCheckModal(title, lambda: endpoint_target(self, flow)))

    def action_diff_json(self) -> None:
        from flowtui.tui.modals.flow_json_path import FlowJsonPathModal
        from flowtui.tui.screens.diff import DiffScreen

        flow = self.current_flow()
        assert flow is not None

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.push_screen(DiffScreen(flow, path))

        self.app.push_screen(
            FlowJsonPathModal(f"Compare “{flow.name}” with a file", "Compare"), chosen
        )

    def action_migrate(self) -> None:
        from flowtui.tui.screens.migration import MigrationWizardScreen

        def closed(sent: bool | None) -> None:
            if sent:
                self.account_changed()  # the copies usually land in the account on screen

        self.app.push_screen(MigrationWizardScreen(), closed)

    def action_new_flow(self) -> None:
        self.app.push_screen(FlowFormModal("new", self._create), self._created)

    def action_clone(self) -> None:
        flow = self.current_flow()
        assert flow is not None
        self._open_clone_form(clone_form(flow))

    def clone_with_flow_json(self, flow: Flow, path: Path) -> None:
        """The clone form carrying a local Flow JSON (an edit Graph refused because the
        published flow is immutable) instead of the flow's own."""
        self._open_clone_form(clone_form(flow, flow_json_path=path))

    def _open_clone_form(self, initial: FlowForm) -> None:
        modal = FlowFormModal("clone", self._create, initial=initial)
        self.app.push_screen(modal, self._created)

    def action_edit_metadata(self) -> None:
        flow = self.current_flow()
        assert flow is not None
        initial = FlowForm(
            name=flow.name or "",
            categories=tuple(map(str, flow.categories)),
            endpoint_uri=flow.endpoint_uri or "",
        )

        async def save(form: FlowForm) -> str:
            client = flows_app(self).client
            cleared = bool(initial.endpoint_uri) and not form.endpoint_uri
            await client.update_flow_metadata(
                flow.id,
                name=form.name if form.name != (flow.name or "") else None,
                categories=list(form.categories)
                if set(form.categories) != set(initial.categories)
                else None,
                endpoint_uri=form.endpoint_uri
                if form.endpoint_uri != initial.endpoint_uri
                else None,
            )
            if cleared:
                kept = (await client.get_flow(flow.id, fields=["endpoint_uri"])).endpoint_uri
                if kept:
                    return (
                        f"Saved “{form.name}”, but Graph kept its endpoint URI ({kept}): it "
                        "can't be cleared through the API; change it in WhatsApp Manager."
                    )
                return f"Saved “{form.name}”: its endpoint URI is cleared."
            return f"Saved “{form.name}”."

        self.app.push_screen(
            FlowFormModal("edit", save, initial=initial, title=f"Edit “{flow.name}”"),
            lambda outcome: self._changed(outcome, flow.id),
        )

    def action_upload_json(self) -> None:
        flow = self.current_flow()
        assert flow is not None

        async def upload(path: Path) -> str:
            result = await flows_app(self).client.update_flow_json(flow.id, path)
            count = len(result.validation_errors)
            if count:
                return f"Uploaded to “{flow.name}” with {count} validation error(s) to fix."
            return f"Uploaded to “{flow.name}”: no validation errors."

        self.app.push_screen(
            CheckedUploadModal(flow.name or flow.id, upload, warning=back_to_draft_warning(flow)),
            lambda outcome: self._changed(outcome, flow.id),
        )

    def action_publish(self) -> None:
        self._confirm_then("publish", "Publish", "Anyone can then be sent this flow.", danger=False)

    def action_deprecate(self) -> None:
        self._confirm_then(
            "deprecate",
            "Deprecate",
            "It can no longer be sent or opened; this is final.",
            danger=True,
        )

    def action_delete(self) -> None:
        self._confirm_then("delete", "Delete", "The draft is removed for good.", danger=True)

    def action_preview(self) -> None:
        self.open_preview(invalidate=False)

    def action_preview_fresh(self) -> None:
        self.open_preview(invalidate=True)

    def action_preview_interactive(self) -> None:
        from flowtui.sending.defaults import PreviewDefaults, remembered_previews
        from flowtui.tui.modals.interactive_preview import InteractivePreviewModal

        flow = self.current_flow()
        assert flow is not None
        remembered = remembered_previews()
        initial = remembered.get(flow.id) or PreviewDefaults()

        def chosen(values: PreviewDefaults | None) -> None:
            if values is None:
                return
            try:
                remembered.remember(flow.id, values)
            except OSError as error:
                log.warning("interactive-preview defaults not kept: %s", error)
            self.open_preview(invalidate=False, interactive=values)

        title = f"Interactive preview of “{flow.name or flow.id}”"
        self.app.push_screen(InteractivePreviewModal(title, initial), chosen)

    # --- helpers -------------------------------------------------------------------------------

    def _confirm_then(self, verb: str, title: str, detail: str, *, danger: bool) -> None:
        flow = self.current_flow()
        assert flow is not None

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.run_lifecycle(verb, flow)

        self.app.push_screen(
            ConfirmModal(f"{title} flow “{flow.name}” ({flow.id})?", detail, danger=danger),
            answered,
        )

    @work(group="lifecycle", description="Changing the flow's status")
    async def run_lifecycle(self, verb: str, flow: Flow) -> None:
        client = flows_app(self).client
        operation = {
            "publish": client.publish_flow,
            "deprecate": client.deprecate_flow,
            "delete": client.delete_flow,
        }[verb]
        past = {"publish": "Published", "deprecate": "Deprecated", "delete": "Deleted"}[verb]
        try:
            await operation(flow.id)
        except FlowsError as error:
            flows_app(self).report_error(error, f"Could not {verb} “{flow.name}”")
            return
        self.notify(f"{past} “{flow.name}”.", title=past)
        if verb == "delete":
            self.flow_deleted(flow.id)
        else:
            self.flow_changed(flow.id)

    @work(group="preview", exclusive=True, description="Making the preview link")
    async def open_preview(
        self, *, invalidate: bool, interactive: PreviewDefaults | None = None
    ) -> None:
        """The preview link, opened; with ``interactive``, Meta's interactive preview of it."""
        import json

        from flowtui.api.preview_link import interactive_preview_url

        flow = self.current_flow()
        assert flow is not None
        try:
            preview = await flows_app(self).client.generate_preview(flow.id, invalidate=invalidate)
        except FlowsError as error:
            flows_app(self).report_error(error, "No preview")
            return
        self.show_preview(flow, preview)
        url = preview.preview_url
        if interactive is not None:
            url = interactive_preview_url(
                url,
                flow_token=interactive.flow_token,
                data_exchange=interactive.data_exchange,
                screen="" if interactive.data_exchange else interactive.screen,
                data=None
                if interactive.data_exchange or not interactive.data
                else json.loads(interactive.data),
                phone_number=interactive.phone_number,
            )
        self.app.open_url(url)
        fresh = "New preview link" if invalidate else "Preview link"
        kind = "Interactive preview" if interactive is not None else fresh
        self.notify(url, title=f"{kind} for “{flow.name}” (opened)", timeout=15)

    async def _create(self, form: FlowForm) -> str:
        client = flows_app(self).client
        created = await client.create_flow(
            form.name,
            form.categories,
            flow_json=Path(form.flow_json_path).expanduser() if form.flow_json_path else None,
            publish=form.publish,
            clone_flow_id=form.clone_flow_id or None,
            endpoint_uri=form.endpoint_uri or None,
        )
        self._last_created = created.id
        count = len(created.validation_errors)
        errors = f"{count} validation error{'s' if count != 1 else ''}"
        # The new flow, as the list shows it (one read): into the catalog, and it says whether
        # a publish now took (Graph creates the flow either way).
        flow = await client.get_flow(created.id, fields=LIST_FIELDS)
        flows_app(self).catalog.put([flow])
        self.catalog_changed()  # now: the list shows behind the form, drawn from the catalog
        if form.publish:
            if flow.status == FlowStatus.PUBLISHED:
                return f"Created and published “{form.name}” ({created.id})."
            why = (
                f"its Flow JSON has {errors} (fix them, then publish with p)"
                if count
                else "Graph did not publish it (open it to see what publishing needs)"
            )
            return f"Created “{form.name}” ({created.id}) as a DRAFT, not published: {why}."
        extra = f" with {errors}" if count else ""
        return f"Created “{form.name}” ({created.id}){extra}."

    def _created(self, outcome: str | None) -> None:
        if outcome:  # the new flow is in the catalog already
            self.notify(outcome, title="Done")
            self.catalog_changed(select=getattr(self, "_last_created", None))

    def _changed(self, outcome: str | None, flow_id: str | None) -> None:
        if outcome:
            self.notify(outcome, title="Done")
            if flow_id is not None:
                self.flow_changed(flow_id, select=True)
