"""The live Flow JSON of a flow, as Graph serves it."""

from __future__ import annotations

from flowtui.api import FlowsClient

FLOW_JSON_ASSET = "FLOW_JSON"


async def download_flow_json(client: FlowsClient, flow_id: str) -> bytes | None:
    """The flow's ``flow.json`` bytes, or None when the flow has none yet."""
    assets = await client.get_flow_assets(flow_id)
    asset = next((a for a in assets if a.asset_type == FLOW_JSON_ASSET and a.download_url), None)
    return None if asset is None else await client.download_asset(asset)
