"""The migration run, without any UI: a fake Graph for every branch, then the real sandbox.

The fake copies flows the way Graph does (a name the destination already has is refused with
4233041) and can be told, call by call, to refuse a request whole or to lose its answer
before or after it took effect.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence

import pytest

from flowtui.api import Flow, FlowsClient, FlowsError, MigrationResult, OutcomeUnknownError
from flowtui.api.errors import ConnectionFailedError, TransportError
from flowtui.api.models import FailedMigration, MigratedFlow
from flowtui.migration import (
    BatchFinished,
    BatchOutcome,
    DestinationListed,
    MigrationRun,
    RunEvent,
    RunSummary,
    already_there,
    named_few,
    names_in_destination,
)
from flowtui.migration.report import Outcome
from flowtui.sandbox.demo import PRIMARY_ACCOUNT, SECONDARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox

SRC, DST = "100", "200"
CLASH = "4233041"

# What the fake does with one migrate request.
COPY = "copy"  # answers like Graph
REFUSE = "refuse"  # refused whole before anything happened (it never left)
ARRIVED = "arrived"  # copies, then the answer is lost: outcome unknown
LOST = "lost"  # the answer is lost and nothing was copied: outcome unknown


def unknown() -> OutcomeUnknownError:
    return OutcomeUnknownError(
        "migrate_flows may or may not have taken effect (HTTP 500).",
        operation="migrate_flows",
        how_to_check="List the destination.",
    )


class FakeGraph:
    """Two accounts' flow names; ``script`` says what each migrate request does in turn."""

    def __init__(
        self, source: Iterable[str], destination: Iterable[str] = (), script: Sequence[str] = ()
    ) -> None:
        self.ids = itertools.count(1000)
        self.source = {name: f"s{index}" for index, name in enumerate(source)}
        self.destination = [Flow(f"d{next(self.ids)}", name) for name in destination]
        self.script = list(script)
        self.log: list[str] = []  # "list", or "migrate:<number of names>", in order
        self.sent: list[tuple[str, ...]] = []
        self.list_error: FlowsError | None = None
        self.hang = False

    async def migrate_flows(
        self,
        destination_waba_id: str,
        source_waba_id: str,
        source_flow_names: Iterable[str] | None = None,
    ) -> MigrationResult:
        assert (destination_waba_id, source_waba_id) == (DST, SRC)
        names = tuple(source_flow_names or ())
        self.log.append(f"migrate:{len(names)}")
        self.sent.append(names)
        if self.hang:
            await asyncio.Event().wait()
        what = self.script.pop(0) if self.script else COPY
        if what == REFUSE:
            raise ConnectionFailedError("migrate_flows failed: the server could not be reached.")
        if what == LOST:
            raise unknown()
        result = self._copy(names)
        if what == ARRIVED:
            raise unknown()
        return result

    def _copy(self, names: tuple[str, ...]) -> MigrationResult:
        migrated, failed = [], []
        for name in names:
            if any(flow.name == name for flow in self.destination):
                failed.append(FailedMigration(name, CLASH, "Flow with the same name exists."))
            else:
                copy = Flow(f"d{next(self.ids)}", name)
                self.destination.append(copy)
                migrated.append(MigratedFlow(name, self.source[name], copy.id))
        return MigrationResult(tuple(migrated), tuple(failed))

    async def list_flows(
        self, *, fields: Sequence[str] | None = None, waba_id: str | None = None
    ) -> AsyncIterator[Flow]:
        assert waba_id == DST
        self.log.append("list")
        if self.list_error is not None:
            raise self.list_error
        for flow in list(self.destination):
            yield flow

    def names_in_destination(self) -> list[str]:
        return [flow.name or "" for flow in self.destination]


def names(count: int, prefix: str = "flow") -> list[str]:
    return [f"{prefix} {n:03}" for n in range(count)]


def run_on(graph: FakeGraph, events: list[RunEvent] | None = None, **options) -> MigrationRun:
    return MigrationRun(
        graph,
        SRC,
        DST,
        source_ids=graph.source,
        on_event=events.append if events is not None else None,
        **options,
    )


# --- the first send ---------------------------------------------------------------------------


async def test_the_destination_is_listed_first_then_batches_of_at_most_100_go_out():
    graph = FakeGraph(names(205))
    events: list[RunEvent] = []
    run = run_on(graph, events)

    summary = await run.send(names(205))

    assert graph.log == ["list", "migrate:100", "migrate:100", "migrate:5"]
    assert [n for batch in graph.sent for n in batch] == names(205)
    assert events[0] == DestinationListed(0)
    assert [(type(e).__name__, e.number, e.total) for e in events[1:]] == [
        (kind, number, 3) for number in (1, 2, 3) for kind in ("BatchStarted", "BatchFinished")
    ]
    assert events[-1] == BatchFinished(3, 3, tuple(names(205)[200:]), BatchOutcome.ANSWERED, 5)
    assert run.report.counts()[Outcome.MIGRATED] == 205 and not run.report.has_failures
    assert run.requests_sent == 3 and summary.requests == 3
    assert summary.sentence() == "Sent 205 flows in 3 requests: 205 copied."


async def test_a_name_the_destination_has_is_refused_for_that_flow_only():
    graph = FakeGraph(["Survey", "Gift"], destination=["Survey"])
    summary = await run_on(graph).send(["Survey", "Gift"])
    assert [m.source_name for m in summary.copied] == ["Gift"]
    assert summary.refused == (FailedMigration("Survey", CLASH, "Flow with the same name exists."),)
    assert summary.sentence() == (
        "Sent 2 flows: 1 copied, 1 refused: “Survey” (4233041: Flow with the same name exists)."
    )


async def test_a_refused_batch_is_recorded_and_the_next_batch_still_goes():
    graph = FakeGraph(names(150), script=[REFUSE, COPY])
    events: list[RunEvent] = []
    run = run_on(graph, events)

    summary = await run.send(names(150))

    assert graph.log == ["list", "migrate:100", "migrate:50"]  # nothing resent by itself
    [refused] = run.report.failed_batches
    assert refused.names == tuple(names(100)) and not refused.outcome_unknown
    assert "could not be reached" in refused.message
    assert run.report.counts() == {Outcome.MIGRATED: 50, Outcome.FAILED: 100, Outcome.UNKNOWN: 0}
    finished = [e for e in events if isinstance(e, BatchFinished)]
    assert [e.outcome for e in finished] == [BatchOutcome.REFUSED, BatchOutcome.ANSWERED]
    assert "could not be reached" in finished[0].message
    assert len(summary.refused) == 100 and len(summary.copied) == 50
    assert summary.sentence() == (
        "Sent 150 flows in 2 requests: 50 copied, 100 refused: “flow 000”, “flow 001”, "
        "“flow 002” and 97 more (migrate_flows failed: the server could not be reached)."
    )


async def test_an_unknown_outcome_is_recorded_as_unknown_not_as_failed():
    graph = FakeGraph(names(3), script=[ARRIVED])
    run = run_on(graph)
    summary = await run.send(names(3))
    assert graph.log == ["list", "migrate:3"]
    assert run.report.counts() == {Outcome.MIGRATED: 0, Outcome.FAILED: 0, Outcome.UNKNOWN: 3}
    assert run.report.needs_destination_check
    assert summary.unknown == tuple(names(3))
    assert summary.sentence() == "Sent 3 flows: 0 copied, 3 with an unknown outcome."


# --- retries ----------------------------------------------------------------------------------


async def test_retry_counts_an_unknown_batch_that_arrived_as_copied_and_resends_nothing():
    graph = FakeGraph(names(3), script=[ARRIVED])
    events: list[RunEvent] = []
    run = run_on(graph, events)
    await run.send(names(3))
    events.clear()

    summary = await run.retry()

    assert graph.log == ["list", "migrate:3", "list"]  # listed, and nothing sent again
    assert events == [DestinationListed(3, arrived=3)]
    assert not run.report.has_failures
    copied = {m.source_name: m for m in run.report.migrated}
    landed = {flow.name: flow.id for flow in graph.destination}
    assert {name: (m.source_id, m.migrated_id) for name, m in copied.items()} == {
        name: (graph.source[name], landed[name]) for name in names(3)
    }
    assert summary.sent == () and len(summary.arrived) == 3
    assert summary.sentence() == (
        "3 flows of a batch with an unknown outcome had arrived after all: counted as copied, "
        "not resent. Nothing resent: no flow was left to send."
    )


async def test_retry_resends_an_unknown_batch_that_did_not_arrive():
    graph = FakeGraph(names(3), script=[LOST])
    run = run_on(graph)
    await run.send(names(3))

    summary = await run.retry()

    assert graph.log == ["list", "migrate:3", "list", "migrate:3"]
    assert graph.names_in_destination() == names(3)
    assert run.report.counts()[Outcome.MIGRATED] == 3 and not run.report.has_failures
    assert summary.sentence() == "Resent 3 flows: 3 copied."


async def test_retry_after_an_arrived_a_lost_and_a_refused_batch_resends_only_the_missing():
    # batch 1 arrives unseen, batch 2 is lost, batch 3 is refused whole, batch 4 has a clash
    graph = FakeGraph(
        [*names(7), "Survey"], destination=["Survey"], script=[ARRIVED, LOST, REFUSE, COPY]
    )
    run = run_on(graph, batch_size=2)
    await run.send([*names(7), "Survey"])
    counts = run.report.counts()
    assert counts == {Outcome.MIGRATED: 1, Outcome.FAILED: 3, Outcome.UNKNOWN: 4}

    summary = await run.retry()

    # the clash first (refused one by one), then the lost batch and the refused one
    assert graph.sent[4:] == [("Survey", names(7)[2]), (names(7)[3], names(7)[4]), (names(7)[5],)]
    assert [m.source_name for m in summary.arrived] == names(2)
    assert summary.sentence() == (
        "2 flows of a batch with an unknown outcome had arrived after all: counted as copied, "
        "not resent. Resent 5 flows in 3 requests: 4 copied, 1 refused: “Survey” (4233041: "
        "Flow with the same name exists)."
    )
    assert sorted(graph.names_in_destination()) == sorted(["Survey", *names(7)])  # once each
    assert run.report.counts() == {Outcome.MIGRATED: 7, Outcome.FAILED: 1, Outcome.UNKNOWN: 0}
    assert run.requests_sent == 7


async def test_a_flow_already_there_before_the_send_has_not_arrived_and_is_resent():
    # "Survey" was in the destination before: its batch was lost, so the copy is still owed
    # (and refused again, which is what Graph would say)
    graph = FakeGraph(["Survey", "Gift"], destination=["Survey"], script=[LOST])
    run = run_on(graph)
    await run.send(["Survey", "Gift"])

    summary = await run.retry()

    assert summary.arrived == ()
    assert graph.sent[-1] == ("Survey", "Gift")
    assert [f.source_name for f in summary.refused] == ["Survey"]


async def test_an_unknown_outcome_again_on_retry_is_checked_again_on_the_next_retry():
    graph = FakeGraph(names(2), script=[LOST, ARRIVED])
    run = run_on(graph)
    await run.send(names(2))
    again = await run.retry()
    assert again.unknown == tuple(names(2)) and run.report.needs_destination_check
    assert again.sentence() == "Resent 2 flows: 0 copied, 2 with an unknown outcome again."

    last = await run.retry()

    assert graph.log == ["list", "migrate:2", "list", "migrate:2", "list"]
    assert len(last.arrived) == 2 and last.sent == ()
    assert graph.names_in_destination() == names(2)


# --- nothing is sent without a listing --------------------------------------------------------


async def test_nothing_is_sent_when_the_destination_does_not_list():
    graph = FakeGraph(names(3))
    graph.list_error = TransportError("list_flows failed: no answer in time.")
    run = run_on(graph)
    with pytest.raises(TransportError):
        await run.send(names(3))
    assert graph.log == ["list"] and run.requests_sent == 0 and run.last is None


async def test_a_retry_whose_listing_fails_keeps_every_failure_for_the_next_try():
    graph = FakeGraph(names(3), script=[ARRIVED])
    run = run_on(graph)
    await run.send(names(3))
    graph.list_error = TransportError("list_flows failed: no answer in time.")

    with pytest.raises(TransportError):
        await run.retry()

    assert graph.log == ["list", "migrate:3", "list"]
    assert run.report.unknown_names == tuple(names(3)) and run.can_retry
    graph.list_error = None
    assert len((await run.retry()).arrived) == 3


async def test_a_run_cancelled_mid_request_records_the_batch_as_unknown():
    graph = FakeGraph(names(3))
    graph.hang = True
    run = run_on(graph)
    task = asyncio.create_task(run.send(names(3)))
    while not graph.sent:
        await asyncio.sleep(0)
    assert not run.can_retry  # busy
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert run.report.unknown_names == tuple(names(3)) and run.can_retry


async def test_one_send_at_a_time():
    graph = FakeGraph(names(1))
    graph.hang = True
    run = run_on(graph)
    task = asyncio.create_task(run.send(names(1)))
    while not graph.sent:
        await asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="one send at a time"):
        await run.retry()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert graph.log == ["list", "migrate:1"]


# --- the review step's check ------------------------------------------------------------------


async def test_names_the_destination_already_has_in_the_chosen_order():
    graph = FakeGraph([], destination=["Gift", "Survey", "Other"])
    found = await names_in_destination(graph, DST, ["Survey", "New", "Gift", "Survey"])
    assert found == ("Survey", "Gift")
    assert already_there(["a", "b"], [None, "b"]) == ("b",)


def test_named_few_names_the_first_three_and_counts_the_rest():
    assert named_few(["A"]) == "“A”"
    assert named_few(["A", "B"]) == "“A” and “B”"
    assert named_few(["A", "B", "C"]) == "“A”, “B” and “C”"
    assert named_few(["A", "B", "C", "D", "E"]) == "“A”, “B”, “C” and 2 more"


def test_refusals_are_grouped_by_reason_two_reasons_at_most():
    def refusal(name: str, code: str | None, message: str) -> FailedMigration:
        return FailedMigration(name, code, message)

    summary = RunSummary(
        retry=True,
        sent=("A", "B", "C", "D", "E"),
        requests=2,
        refused=(
            refusal("A", CLASH, "Same name."),
            refusal("B", None, "Permission denied."),
            refusal("C", CLASH, "Same name."),
            refusal("D", "131000", "Something else."),
            refusal("E", None, ""),
        ),
    )
    assert summary.sentence() == (
        "Resent 5 flows in 2 requests: 0 copied, 5 refused: “A” and “C” (4233041: Same name); "
        "“B” (Permission denied); 2 flows for other reasons."
    )


# --- against the real sandbox over loopback ---------------------------------------------------

TOKEN = "migration-run-test-token"
SOURCE, DESTINATION = SECONDARY_ACCOUNT.id, PRIMARY_ACCOUNT.id
SURVEY = "Customer satisfaction survey"  # in both demo accounts: refused with 4233041
DEMO = [SURVEY, "Damage photos", "Pick a gift", "Warranty registration"]


@pytest.fixture
def sandbox_faults(request) -> Iterator[str]:
    with running_sandbox(faults=request.param) as url:
        yield url


async def destination_names(client: FlowsClient) -> list[str]:
    return sorted([f.name or "" async for f in client.list_flows(waba_id=DESTINATION)])


@pytest.mark.parametrize(
    "sandbox_faults", ["malformed:path=*/migrate_flows,times=1"], indirect=True
)
async def test_sandbox_a_batch_that_took_effect_but_lost_its_answer_is_not_resent(
    sandbox_faults,
):
    # the first request is carried out, but its answer arrives cut in half
    async with FlowsClient(TOKEN, base_url=sandbox_faults) as client:
        before = await destination_names(client)
        run = MigrationRun(client, SOURCE, DESTINATION, batch_size=2)
        first = await run.send(DEMO)
        assert first.unknown == (SURVEY, "Damage photos")
        assert [m.source_name for m in first.copied] == ["Pick a gift", "Warranty registration"]

        retry = await run.retry()

        # photos arrived (counted, not resent); the survey clashed all along: resent, refused
        assert [m.source_name for m in retry.arrived] == ["Damage photos"]
        assert retry.sent == (SURVEY,)
        assert [(f.source_name, f.error_code) for f in retry.refused] == [(SURVEY, CLASH)]
        assert run.requests_sent == 3
        assert await destination_names(client) == sorted([*before, *DEMO[1:]])  # no duplicate


@pytest.mark.parametrize(
    "sandbox_faults", ["error:path=*/migrate_flows,status=503,times=1"], indirect=True
)
async def test_sandbox_a_batch_lost_before_it_did_anything_is_resent_whole(sandbox_faults):
    async with FlowsClient(TOKEN, base_url=sandbox_faults) as client:
        before = await destination_names(client)
        run = MigrationRun(client, SOURCE, DESTINATION, batch_size=2)
        first = await run.send(DEMO)
        assert first.unknown == (SURVEY, "Damage photos") and len(first.copied) == 2
        assert run.report.needs_destination_check

        retry = await run.retry()

        assert retry.arrived == () and retry.sent == (SURVEY, "Damage photos")
        assert retry.sentence() == (
            f"Resent 2 flows: 1 copied, 1 refused: “{SURVEY}” (4233041: Flows Migration Error: "
            "Flow with the same name exists in destination WABA)."
        )
        assert await destination_names(client) == sorted([*before, *DEMO[1:]])
        copied = {m.source_name for m in run.report.migrated}
        assert copied == set(DEMO[1:]) and run.report.counts()[Outcome.FAILED] == 1


@pytest.mark.parametrize("sandbox_faults", [""], indirect=True)
async def test_sandbox_the_review_check_names_the_clash(sandbox_faults):
    async with FlowsClient(TOKEN, base_url=sandbox_faults) as client:
        assert await names_in_destination(client, DESTINATION, DEMO) == (SURVEY,)
