"""Flow JSON upload (multipart) and the assets edge with its token-free download URL."""

from __future__ import annotations

import httpx

from tests.sandbox.conftest import DRAFT_NO_JSON, DRAFT_PUBLISHABLE, VERSION, Sandbox, graph_error
from tests.sandbox.test_create_update import VALID_FLOW_JSON

UPLOAD_FORM = {"name": "flow.json", "asset_type": "FLOW_JSON"}


def _upload(sandbox: Sandbox, flow_id: str, content: str | bytes, **form: str) -> httpx.Response:
    return sandbox.client.post(
        f"/{VERSION}/{flow_id}/assets",
        files={"file": ("flow.json", content, "application/json")},
        data={**UPLOAD_FORM, **form},
    )


def test_upload_answers_success_and_validation_errors(sandbox: Sandbox) -> None:
    response = _upload(sandbox, DRAFT_NO_JSON, '{"version": "7.3", "screens": []}')
    body = response.json()
    assert list(body) == ["success", "validation_errors"]
    assert body["success"] is True
    assert body["validation_errors"]
    stored = sandbox.client.get(f"/{VERSION}/{DRAFT_NO_JSON}").json()
    assert stored["validation_errors"] == body["validation_errors"]


def test_pywa_style_upload_with_messaging_product(sandbox: Sandbox) -> None:
    response = _upload(sandbox, DRAFT_NO_JSON, VALID_FLOW_JSON, messaging_product="whatsapp")
    assert response.json() == {"success": True, "validation_errors": []}


def test_upload_then_download_returns_the_same_bytes(sandbox: Sandbox) -> None:
    content = VALID_FLOW_JSON.encode()
    _upload(sandbox, DRAFT_NO_JSON, content)
    body = sandbox.client.get(
        f"/{VERSION}/{DRAFT_NO_JSON}/assets", params={"fields": "name,asset_type,download_url"}
    ).json()
    (asset,) = body["data"]
    assert asset["name"] == "flow.json"
    assert asset["asset_type"] == "FLOW_JSON"
    assert asset["download_url"].startswith(f"{sandbox.base_url}/cdn/")
    assert set(body["paging"]["cursors"]) == {"before", "after"}
    download = httpx.get(asset["download_url"])  # no token: the CDN is "another host"
    assert download.status_code == 200
    assert download.content == content


def test_a_new_upload_retires_the_old_download_url(sandbox: Sandbox) -> None:
    old_url = sandbox.client.get(f"/{VERSION}/{DRAFT_PUBLISHABLE}/assets").json()["data"][0][
        "download_url"
    ]
    _upload(sandbox, DRAFT_PUBLISHABLE, VALID_FLOW_JSON)
    assert httpx.get(old_url).status_code == 403


def test_a_flow_without_json_has_no_assets(sandbox: Sandbox) -> None:
    response = sandbox.client.get(f"/{VERSION}/{DRAFT_NO_JSON}/assets")
    assert response.content == b'{"data":[]}'


def test_upload_needs_the_file(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{DRAFT_NO_JSON}/assets", data=UPLOAD_FORM)
    assert graph_error(response)["message"] == "(#100) The parameter file is required"


def test_upload_checks_asset_type_and_name(sandbox: Sandbox) -> None:
    wrong_type = _upload(sandbox, DRAFT_NO_JSON, VALID_FLOW_JSON, asset_type="IMAGE")
    assert graph_error(wrong_type)["message"] == (
        '(#100) Param asset_type must be one of {FLOW_JSON} - got "IMAGE".'
    )
    wrong_name = _upload(sandbox, DRAFT_NO_JSON, VALID_FLOW_JSON, name="other.json")
    assert graph_error(wrong_name)["code"] == 100


def test_unparseable_json_is_saved_with_errors(sandbox: Sandbox) -> None:
    body = _upload(sandbox, DRAFT_NO_JSON, "{not json").json()
    assert body["success"] is True
    assert body["validation_errors"]
    fields = sandbox.client.get(
        f"/{VERSION}/{DRAFT_NO_JSON}", params={"fields": "json_version,status"}
    ).json()
    assert fields == {"status": "DRAFT", "id": DRAFT_NO_JSON}
