"""flowtui's own FlowsClient against the sandbox over loopback: a whole lifecycle, no mocks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from flowtui.api import AuthError, FlowsClient, FlowStatus, NotFoundError
from flowtui.api.errors import (
    FlowDeleteError,
    FlowDeprecateError,
    FlowMetricsThresholdError,
    FlowPublishError,
    FlowUpdateError,
)
from flowtui.sandbox.server import running_sandbox
from tests.sandbox.conftest import (
    OTHER_WABA,
    PHONE,
    PUBLISHED,
    PUBLISHED_IMMUTABLE,
    THROTTLED,
    WABA,
    Sandbox,
)
from tests.sandbox.test_create_update import VALID_FLOW_JSON


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[FlowsClient]:
    async with FlowsClient("EAAGclientToken", waba_id=WABA, base_url=sandbox.base_url) as client:
        yield client


async def test_full_lifecycle(client: FlowsClient) -> None:
    created = await client.create_flow("Client lifecycle", ["OTHER", "SURVEY"])
    flow_id = created.id

    upload = await client.update_flow_json(flow_id, VALID_FLOW_JSON)
    assert upload.success
    assert upload.validation_errors == ()

    await client.publish_flow(flow_id)
    assert (await client.get_flow(flow_id)).status is FlowStatus.PUBLISHED

    await client.update_flow_metadata(flow_id, name="Client lifecycle v2")
    edited = await client.get_flow(flow_id)
    assert (edited.status, edited.name) == (FlowStatus.DRAFT, "Client lifecycle v2")

    await client.publish_flow(flow_id)
    await client.deprecate_flow(flow_id)
    assert (await client.get_flow(flow_id)).status is FlowStatus.DEPRECATED

    with pytest.raises(FlowPublishError) as publish_refusal:
        await client.publish_flow(flow_id)
    assert publish_refusal.value.detail.code == 139002
    with pytest.raises(FlowDeprecateError):
        await client.deprecate_flow(flow_id)
    with pytest.raises(FlowDeleteError):
        await client.delete_flow(flow_id)
    with pytest.raises(FlowUpdateError):
        await client.update_flow_json(flow_id, VALID_FLOW_JSON)


async def test_draft_with_errors_cannot_be_published(client: FlowsClient) -> None:
    created = await client.create_flow("Broken", ["OTHER"], flow_json='{"screens": []}')
    assert created.validation_errors
    with pytest.raises(FlowPublishError):
        await client.publish_flow(created.id)
    await client.delete_flow(created.id)
    with pytest.raises(NotFoundError):
        await client.get_flow(created.id)


async def test_immutable_published_flow(client: FlowsClient) -> None:
    with pytest.raises(FlowUpdateError):
        await client.update_flow_metadata(PUBLISHED_IMMUTABLE, name="Renamed")


async def test_listing_assets_preview_health_and_metrics(client: FlowsClient) -> None:
    flows = [flow async for flow in client.list_flows(page_size=4)]
    assert len(flows) == 15
    assert len({flow.id for flow in flows}) == 15

    (asset,) = await client.get_flow_assets(PUBLISHED)
    content = await client.download_asset(asset)
    assert content.startswith(b"{")

    first = await client.generate_preview(PUBLISHED)
    assert (await client.generate_preview(PUBLISHED)).preview_url == first.preview_url
    assert (await client.generate_preview(PUBLISHED, invalidate=True)).preview_url != (
        first.preview_url
    )

    health = await client.get_health_status(THROTTLED, PHONE)
    assert [entity.entity_type for entity in health.entities][:2] == ["FLOW", "PHONE_NUMBER"]

    series = await client.get_flow_metrics(THROTTLED, "ENDPOINT_REQUEST_COUNT", "DAY")
    assert series.data_points
    with pytest.raises(FlowMetricsThresholdError):
        await client.get_flow_metrics(PUBLISHED, "ENDPOINT_REQUEST_COUNT", "DAY")


async def test_migration(client: FlowsClient) -> None:
    result = await client.migrate_flows(
        WABA, OTHER_WABA, ["Pick a gift", "Customer satisfaction survey"]
    )
    assert [item.source_name for item in result.migrated] == ["Pick a gift"]
    (failed,) = result.failed
    assert (failed.source_name, failed.error_code) == ("Customer satisfaction survey", "4233041")


@pytest.fixture
def guarded_base_url() -> Iterator[str]:
    with running_sandbox("empty", token="EAAGright") as base_url:
        yield base_url


async def test_wrong_token(guarded_base_url: str) -> None:
    async with FlowsClient("EAAGwrong", waba_id=WABA, base_url=guarded_base_url) as client:
        with pytest.raises(AuthError):
            await client.get_flows_page()
