"""Running a migration: batches sent one by one, every outcome kept, retries that check first.

A :class:`MigrationRun` is one wizard's copy from a source account to a destination: the first
send (:meth:`MigrationRun.send`) and any number of retries (:meth:`MigrationRun.retry`), all
recorded in one :class:`~flowtui.migration.report.MigrationReport`.

Migration is not idempotent, so the rules are:

* the destination is listed before anything is sent; if that listing fails, nothing is sent
  (its :class:`~flowtui.api.FlowsError` propagates);
* a failed batch never stops the others, and is never resent by itself;
* a retry lists the destination again: the flows of an outcome-unknown batch that are there
  now (a name from that batch, an id the destination did not have before) count as copied,
  and only the rest is resent.

Progress goes to an ``on_event`` callback (:class:`DestinationListed`, :class:`BatchStarted`,
:class:`BatchFinished`); each send or retry returns a :class:`RunSummary` of what it did.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from flowtui.api.errors import FlowsError, OutcomeUnknownError
from flowtui.api.inputs import MAX_MIGRATION_NAMES
from flowtui.api.models import FailedMigration, Flow, MigratedFlow, MigrationResult
from flowtui.migration.batches import batched_names
from flowtui.migration.report import MigrationReport

# What a listing of the destination asks for: only what the checks read.
LISTED_FIELDS = ("id", "name")
SHOWN_REASONS = 3  # refusals or names named in a sentence; the results table has them all
CANCELLED = "Cancelled while waiting for Graph's answer: the request may have taken effect."


class MigrationClient(Protocol):
    """What a run needs of :class:`~flowtui.api.FlowsClient` (a fake in tests)."""

    async def migrate_flows(
        self,
        destination_waba_id: str,
        source_waba_id: str,
        source_flow_names: Iterable[str] | None = None,
    ) -> MigrationResult: ...

    def list_flows(
        self, *, fields: Sequence[str] | None = None, waba_id: str | None = None
    ) -> AsyncIterator[Flow]: ...


# --- progress events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DestinationListed:
    """The destination was listed (before any batch); ``arrived``: flows of outcome-unknown
    batches found there, counted as copied (a retry only)."""

    flow_count: int
    arrived: int = 0


@dataclass(frozen=True)
class BatchStarted:
    number: int  # 1-based
    total: int
    names: tuple[str, ...]


class BatchOutcome(StrEnum):
    ANSWERED = "answered"  # Graph answered: some flows copied, some maybe refused one by one
    REFUSED = "refused"  # the whole request was refused (or never left): nothing copied
    UNKNOWN = "unknown"  # the request may or may not have taken effect


@dataclass(frozen=True)
class BatchFinished:
    number: int
    total: int
    names: tuple[str, ...]
    outcome: BatchOutcome
    copied: int = 0
    refused: int = 0
    message: str = ""  # why the whole batch failed (REFUSED or UNKNOWN)


RunEvent = DestinationListed | BatchStarted | BatchFinished


# --- what one send or retry did -------------------------------------------------------------------


@dataclass(frozen=True)
class RunSummary:
    """One send or retry: what was sent and what came back (the report holds the total)."""

    retry: bool
    sent: tuple[str, ...] = ()
    requests: int = 0
    copied: tuple[MigratedFlow, ...] = ()
    refused: tuple[FailedMigration, ...] = ()  # one by one, or a whole refused batch's flows
    unknown: tuple[str, ...] = ()  # in a batch whose outcome is unknown
    arrived: tuple[MigratedFlow, ...] = ()  # a retry: found in the destination, not resent

    def sentence(self) -> str:
        """E.g. "Resent 3 flows: 2 copied, 1 refused: “Survey” (4233041: Flow with the same
        name exists in destination WABA)." """
        verb = "Resent" if self.retry else "Sent"
        found = ""
        if self.arrived:
            found = (
                f"{_flows(len(self.arrived))} of a batch with an unknown outcome had arrived "
                "after all: counted as copied, not resent. "
            )
        if not self.sent:
            nothing = "Nothing resent" if self.retry else "Nothing sent"
            return f"{found}{nothing}: no flow was left to send."
        requests = "" if self.requests == 1 else f" in {self.requests} requests"
        parts = [f"{len(self.copied)} copied"]
        if self.unknown:
            again = " again" if self.retry else ""
            parts.append(f"{len(self.unknown)} with an unknown outcome{again}")
        if self.refused:
            parts.append(f"{len(self.refused)} refused: {_reasons(self.refused)}")
        return f"{found}{verb} {_flows(len(self.sent))}{requests}: {', '.join(parts)}."


def _flows(count: int) -> str:
    return f"{count} flow" if count == 1 else f"{count} flows"


def _reasons(refused: Sequence[FailedMigration]) -> str:
    """The refused flows grouped by reason: “A”, “B” (4233041: Graph's message); ..."""
    groups: dict[str, list[str]] = {}
    for flow in refused:
        message = flow.error_message.rstrip(". ") or "no message"
        reason = f"{flow.error_code}: {message}" if flow.error_code else message
        groups.setdefault(reason, []).append(flow.source_name)
    shown = [f"{named_few(names)} ({reason})" for reason, names in list(groups.items())[:2]]
    others = sum(len(names) for names in list(groups.values())[2:])
    if others:
        shown.append(f"{_flows(others)} for other reasons")
    return "; ".join(shown)


# --- the run --------------------------------------------------------------------------------------


@dataclass
class _Tally:
    """What the batches of one send or retry brought back."""

    requests: int = 0
    copied: list[MigratedFlow] = field(default_factory=list)
    refused: list[FailedMigration] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


class MigrationRun:
    """Copies flows from ``source_waba_id`` to ``destination_waba_id``, batch by batch.

    ``source_ids`` (source flow name -> id) fills in the source id of flows found to have
    arrived, which Graph's answer would have given. ``batch_size``: names per request (Graph
    takes at most 100).
    """

    def __init__(
        self,
        client: MigrationClient,
        source_waba_id: str,
        destination_waba_id: str,
        *,
        source_ids: Mapping[str, str] | None = None,
        on_event: Callable[[RunEvent], None] | None = None,
        batch_size: int = MAX_MIGRATION_NAMES,
    ) -> None:
        self.client = client
        self.batch_size = batch_size
        self.report = MigrationReport(source_waba_id, destination_waba_id)
        self.source_ids = dict(source_ids or {})
        self.on_event = on_event
        self.requests_sent = 0
        self.last: RunSummary | None = None  # the latest send or retry
        self._before_ids: set[str] = set()  # destination flow ids before the latest send
        self._busy = False

    @property
    def can_retry(self) -> bool:
        return self.report.has_failures and not self._busy

    async def send(self, names: Iterable[str]) -> RunSummary:
        """List the destination, then send ``names`` in batches of at most 100."""
        return await self._run(list(names))

    async def retry(self) -> RunSummary:
        """List the destination, count what arrived of unknown batches, resend the rest."""
        return await self._run(None)

    async def _run(self, names: list[str] | None) -> RunSummary:
        """Send ``names``; ``None`` retries what the report says did not arrive."""
        if self._busy:
            raise RuntimeError("a migration request is in flight: one send at a time")
        self._busy, retry = True, names is None
        try:
            present = await self._list_destination()  # a failure here: nothing was sent
            arrived: tuple[MigratedFlow, ...] = ()
            if names is None:
                arrived = tuple({f.source_name: f for f in self._arrived(present)}.values())
                names = self.report.start_retry(arrived)
            self._emit(DestinationListed(len(present), len(arrived)))
            self._before_ids = {flow.id for flow in present}
            tally = await self._send_batches(names)
        finally:
            self._busy = False
        self.last = RunSummary(
            retry=retry,
            sent=tuple(dict.fromkeys(names)),
            requests=tally.requests,
            copied=tuple(tally.copied),
            refused=tuple(tally.refused),
            unknown=tuple(tally.unknown),
            arrived=arrived,
        )
        return self.last

    async def _list_destination(self) -> list[Flow]:
        destination = self.report.destination_waba_id
        return [
            flow async for flow in self.client.list_flows(fields=LISTED_FIELDS, waba_id=destination)
        ]

    def _arrived(self, present: list[Flow]) -> list[MigratedFlow]:
        """Flows of outcome-unknown batches in the destination now: a name from those batches
        and an id it did not have before they were sent."""
        unknown = set(self.report.unknown_names)
        return [
            MigratedFlow(flow.name, self.source_ids.get(flow.name), flow.id)
            for flow in present
            if flow.name in unknown and flow.id not in self._before_ids
        ]

    async def _send_batches(self, names: list[str]) -> _Tally:
        """One request per batch, each outcome recorded; a failed batch never stops the rest
        and is never resent here."""
        report, tally = self.report, _Tally()
        batches = batched_names(names, self.batch_size)
        for number, batch in enumerate(batches, start=1):
            self._emit(BatchStarted(number, len(batches), batch))
            self.requests_sent += 1
            tally.requests += 1
            try:
                result = await self.client.migrate_flows(
                    report.destination_waba_id, report.source_waba_id, batch
                )
            except asyncio.CancelledError:  # the request may have gone out: say so, then stop
                report.add_failed_batch(batch, CANCELLED, outcome_unknown=True)
                raise
            except FlowsError as error:
                unknown = isinstance(error, OutcomeUnknownError)
                report.add_failed_batch(batch, str(error), outcome_unknown=unknown)
                if unknown:
                    tally.unknown += batch
                else:
                    tally.refused += [FailedMigration(n, None, str(error)) for n in batch]
                outcome = BatchOutcome.UNKNOWN if unknown else BatchOutcome.REFUSED
                self._emit(BatchFinished(number, len(batches), batch, outcome, message=str(error)))
            else:
                report.add_result(result)
                tally.copied += result.migrated
                tally.refused += result.failed
                self._emit(
                    BatchFinished(
                        number,
                        len(batches),
                        batch,
                        BatchOutcome.ANSWERED,
                        copied=len(result.migrated),
                        refused=len(result.failed),
                    )
                )
        return tally

    def _emit(self, event: RunEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)


# --- the review step ------------------------------------------------------------------------------


async def names_in_destination(
    client: MigrationClient, destination_waba_id: str, names: Iterable[str]
) -> tuple[str, ...]:
    """Which of ``names`` the destination already has (Graph refuses those with 4233041),
    in the order given."""
    present = {
        flow.name
        async for flow in client.list_flows(fields=LISTED_FIELDS, waba_id=destination_waba_id)
    }
    return already_there(names, present)


def already_there(names: Iterable[str], present: Iterable[str | None]) -> tuple[str, ...]:
    """``names`` (in order, once each) that are among the ``present`` names."""
    found = set(present)
    return tuple(name for name in dict.fromkeys(names) if name in found)


def named_few(names: Sequence[str], shown: int = SHOWN_REASONS) -> str:
    """ "A, B, C and 4 more": the first few names and a count of the rest."""
    quoted = [f"“{name}”" for name in names[:shown]]
    rest = len(names) - len(quoted)
    if rest:
        return f"{', '.join(quoted)} and {rest} more"
    if len(quoted) > 1:
        return f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    return "".join(quoted)
