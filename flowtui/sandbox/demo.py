"""Deterministic seed data: the demo accounts and Flows, and ``--flows N`` generated Flows.

Ids and dates are fixed (dates are offsets from :data:`~flowtui.sandbox.graph_time.REFERENCE_TIME`)
so tests and screenshots are stable. Flow JSON comes from package data in ``demo_flows/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from flowtui.sandbox import flow_json
from flowtui.sandbox.demo_ids import (
    PRIMARY_PHONE_NUMBER_ID,
    PRIMARY_WABA_ID,
    SECONDARY_PHONE_NUMBER_ID,
    SECONDARY_WABA_ID,
)
from flowtui.sandbox.graph_time import REFERENCE_TIME
from flowtui.sandbox.model import Account, EditRule, Flow, FlowStatus
from flowtui.sandbox.store import SANDBOX_APPLICATION, Clock, SandboxStore, apply_flow_json

DataSet = Literal["demo", "empty"]

PRIMARY_ACCOUNT = Account(
    id=PRIMARY_WABA_ID,
    name="Acme Retail",
    phone_number_id=PRIMARY_PHONE_NUMBER_ID,
    message_template_namespace="acme_retail_ns",
)
SECONDARY_ACCOUNT = Account(
    id=SECONDARY_WABA_ID,
    name="Acme Retail Europe",
    phone_number_id=SECONDARY_PHONE_NUMBER_ID,
    timezone_id="42",
    message_template_namespace="acme_europe_ns",
)
ACCOUNTS: tuple[Account, ...] = (PRIMARY_ACCOUNT, SECONDARY_ACCOUNT)

HOUR = 3600
DAY = 24 * HOUR
GENERATED_FIRST_ID = 1_000_000_001_000_001


@dataclass(frozen=True)
class DemoFlow:
    """One demo Flow; ``created_days`` is its age in days before the reference time."""

    id: str
    account: Account
    name: str
    categories: tuple[str, ...]
    status: FlowStatus
    json_file: str | None
    created_days: float
    edited_hours: float = 2
    endpoint_uri: str | None = None
    edit_rule: EditRule = EditRule.BACK_TO_DRAFT
    endpoint_request_count: int = 0


DEMO_FLOWS: tuple[DemoFlow, ...] = (
    DemoFlow(
        "1000000000000101", PRIMARY_ACCOUNT, "Customer satisfaction survey", ("SURVEY",),
        FlowStatus.PUBLISHED, "survey.json", 420, edit_rule=EditRule.IMMUTABLE,
    ),
    DemoFlow(
        "1000000000000102", PRIMARY_ACCOUNT, "Book a table", ("APPOINTMENT_BOOKING",),
        FlowStatus.DEPRECATED, "book_a_table.json", 400, edited_hours=30,
    ),
    DemoFlow(
        "1000000000000103", PRIMARY_ACCOUNT, "Member sign in", ("SIGN_IN",),
        FlowStatus.THROTTLED, "sign_in.json", 380, endpoint_request_count=18_400,
    ),
    DemoFlow(
        "1000000000000104", PRIMARY_ACCOUNT, "Talk to an agent", ("CUSTOMER_SUPPORT", "CONTACT_US"),
        FlowStatus.PUBLISHED, "agent_connect.json", 300,
    ),
    DemoFlow(
        "1000000000000105", PRIMARY_ACCOUNT, "Ferry ticket booking", ("APPOINTMENT_BOOKING",),
        FlowStatus.BLOCKED, "ferry_booking.json", 240,
    ),
    DemoFlow(
        "1000000000000106", PRIMARY_ACCOUNT, "Claim documents", ("CUSTOMER_SUPPORT",),
        FlowStatus.DRAFT, "doc_picker.json", 200,
    ),
    DemoFlow(
        "1000000000000107", PRIMARY_ACCOUNT, "Interest picker", ("LEAD_GENERATION",),
        FlowStatus.PUBLISHED, "chips_selector.json", 120,
    ),
    DemoFlow(
        "1000000000000108", PRIMARY_ACCOUNT, "Newsletter sign-up", ("SIGN_UP",),
        FlowStatus.DRAFT, "rich_text.json", 60,
    ),
    DemoFlow(
        "1000000000000109", PRIMARY_ACCOUNT, "Delivery address", ("OTHER",),
        FlowStatus.DRAFT, "update_data.json", 45,
    ),
    DemoFlow(
        "1000000000000110", PRIMARY_ACCOUNT, "Appointment dates", ("APPOINTMENT_BOOKING",),
        FlowStatus.DRAFT, "calendar_range.json", 30,
    ),
    DemoFlow(
        "1000000000000111", PRIMARY_ACCOUNT, "Product gallery", ("OTHER",),
        FlowStatus.PUBLISHED, "image_carousel.json", 21,
    ),
    DemoFlow(
        "1000000000000112", PRIMARY_ACCOUNT, "Contact us", ("CONTACT_US",),
        FlowStatus.DRAFT, "kitchen_sink.json", 14,
    ),
    DemoFlow(
        "1000000000000113", PRIMARY_ACCOUNT, "Lead capture", ("LEAD_GENERATION",),
        FlowStatus.DRAFT, "missing_version.json", 7,
    ),
    DemoFlow(
        "1000000000000114", PRIMARY_ACCOUNT, "Order feedback", ("SURVEY",),
        FlowStatus.PUBLISHED, "order_feedback.json", 3,
    ),
    DemoFlow(
        "1000000000000115", PRIMARY_ACCOUNT, "Untitled sign-up", ("SIGN_UP",),
        FlowStatus.DRAFT, None, 1, edited_hours=0,
    ),
    DemoFlow(
        "1000000000000201", SECONDARY_ACCOUNT, "Customer satisfaction survey", ("SURVEY",),
        FlowStatus.PUBLISHED, "survey.json", 350,
    ),
    DemoFlow(
        "1000000000000202", SECONDARY_ACCOUNT, "Pick a gift", ("OTHER",),
        FlowStatus.PUBLISHED, "radio_pics.json", 90,
    ),
    DemoFlow(
        "1000000000000203", SECONDARY_ACCOUNT, "Damage photos", ("CUSTOMER_SUPPORT",),
        FlowStatus.DRAFT, "photo_picker.json", 40,
    ),
    DemoFlow(
        "1000000000000204", SECONDARY_ACCOUNT, "Warranty registration", ("SIGN_UP",),
        FlowStatus.DRAFT, "forward_refs.json", 10,
    ),
)  # fmt: skip

GENERATED_CATEGORIES: tuple[str, ...] = (
    "OTHER",
    "SURVEY",
    "LEAD_GENERATION",
    "CONTACT_US",
    "SIGN_UP",
)

GENERATED_FLOW_JSON = json.dumps(
    {
        "version": "7.3",
        "screens": [
            {
                "id": "WELCOME",
                "title": "Welcome",
                "terminal": True,
                "success": True,
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "TextBody", "text": "Thanks for stopping by."},
                        {
                            "type": "Footer",
                            "label": "Done",
                            "on-click-action": {"name": "complete", "payload": {}},
                        },
                    ],
                },
            }
        ],
    },
    indent=2,
)


def demo_flow_json(file_name: str) -> str:
    return (
        resources.files("flowtui.sandbox")
        .joinpath("demo_flows")
        .joinpath(file_name)
        .read_text("utf-8")
    )


def build_store(data: DataSet, extra_flows: int, clock: Clock) -> SandboxStore:
    """A fresh store holding the chosen data set plus ``extra_flows`` generated Flows."""
    store = SandboxStore(accounts={account.id: account for account in ACCOUNTS}, clock=clock)
    if data == "demo":
        for demo in sorted(DEMO_FLOWS, key=lambda item: -item.created_days):
            store.add_flow(_demo_flow(demo))
    add_generated_flows(store, extra_flows)
    return store


def _demo_flow(demo: DemoFlow) -> Flow:
    created = REFERENCE_TIME - demo.created_days * DAY
    flow = Flow(
        id=demo.id,
        waba_id=demo.account.id,
        name=demo.name,
        categories=list(demo.categories),
        status=demo.status,
        created_at=created,
        updated_at=created + demo.edited_hours * HOUR,
        endpoint_uri=demo.endpoint_uri,
        application_id=SANDBOX_APPLICATION.id,
        edit_rule=demo.edit_rule,
        endpoint_request_count=demo.endpoint_request_count,
    )
    if demo.json_file is not None:
        apply_flow_json(flow, demo_flow_json(demo.json_file))
    return flow


def add_generated_flows(store: SandboxStore, count: int) -> None:
    """``count`` small DRAFT Flows in the first account, sharing one validated Flow JSON."""
    if count <= 0:
        return
    errors = flow_json.validation_errors(GENERATED_FLOW_JSON)
    first_id = max(store.next_flow_id, GENERATED_FIRST_ID)
    for index in range(count):
        created = REFERENCE_TIME + index
        flow = Flow(
            id=str(first_id + index),
            waba_id=PRIMARY_ACCOUNT.id,
            name=f"Generated flow {index + 1:05d}",
            categories=[GENERATED_CATEGORIES[index % len(GENERATED_CATEGORIES)]],
            status=FlowStatus.DRAFT,
            created_at=created,
            updated_at=created,
            flow_json=GENERATED_FLOW_JSON,
            validation_errors=[dict(item) for item in errors],
            json_version="7.3",
            asset_revision=1,
            application_id=SANDBOX_APPLICATION.id,
        )
        store.add_flow(flow)
