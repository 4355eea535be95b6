"""Flow JSON written for flowtui (``flows/``), validated with the outcome each file is for.

These files cover every component, version and rule the shared corpus tests exercise, so the
validator is tested on a clone with nothing beside it; ``test_corpus.py`` adds other projects'
files where they are available (CI).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from flowtui.flowjson import components, validate_flow_json
from tests.flow_data import OWN_FLOWS

from .builders import assert_only_frozen_versions_flagged_for_publishing, assert_points_at, codes

EXAMPLES = [
    "v2_1_court_booking.json",
    "v2_1_library_sign_in.json",
    "v3_1_workshop_feedback.json",
    "v3_1_callback_request.json",
    "v4_0_plan_summary.json",
    "v4_0_receipt_upload.json",
    "v4_0_meter_photo.json",
    "v5_0_paint_colour.json",
    "v5_1_house_rules.json",
    "v6_0_pickup_point.json",
    "v6_1_leave_request.json",
    "v6_2_help_topics.json",
    "v6_3_reading_interests.json",
    "v7_1_holiday_cottage.json",
    "v7_3_boiler_service.json",
]

# file -> (the named failure, the token it must point at, the other failures the file has)
INVALID: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "invalid_missing_version.json": ("MISSING_FLOW_JSON_VERSION", "{", ()),
    "invalid_version_format.json": ("INVALID_FLOW_JSON_VERSION", '"v7.3"', ()),
    "invalid_empty_screens.json": ("MIN_ITEMS_REQUIRED", "[]", ()),
    "invalid_screen_id_success.json": (
        "SCREEN_ID_IS_RESERVED_KEYWORD",
        '"SUCCESS",',  # the screen's id, not the navigate target before it
        ("MISSING_TERMINAL_SCREEN",),  # the author took the name for the end of the flow
    ),
    "invalid_action_name.json": ("INVALID_ENUM_VALUE", '"submit"', ()),
    "invalid_footer_label_too_long.json": (
        "INVALID_PROPERTY_VALUE",
        '"Send my answers',
        ("INVALID_PROPERTY_TYPE",),  # "enabled": "yes"
    ),
    "invalid_data_source_missing_id.json": (
        "MISSING_REQUIRED_PROPERTY",
        '{ "title": "Evening" }',
        (),
    ),
}

SUSPECT = [
    "suspect_short_global_references.json",
    "suspect_undeclared_navigate_payload.json",
    "suspect_crowded_screens.json",
    "suspect_three_footers.json",
]


def flow_text(name: str) -> str:
    return (OWN_FLOWS / name).read_text(encoding="utf-8")


def component_types(value: object) -> set[str]:
    """Every component ``type`` in a document (screens, forms, If/Switch branches)."""
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"] in components.COMPONENTS:
            found.add(value["type"])
        for child in value.values():
            found |= component_types(child)
    elif isinstance(value, list):
        for child in value:
            found |= component_types(child)
    return found


def test_every_file_is_accounted_for() -> None:
    assert {path.name for path in OWN_FLOWS.glob("*.json")} == {*EXAMPLES, *INVALID, *SUSPECT}


def test_the_examples_cover_every_component_and_both_kinds_of_version() -> None:
    documents = [json.loads(flow_text(name)) for name in EXAMPLES]
    used = set().union(*(component_types(document) for document in documents))
    assert used == set(components.COMPONENTS)
    found = {document["version"] for document in documents}
    assert found >= {"2.1", "3.1", "4.0", "5.0", "5.1", "6.0", "6.1", "6.2", "6.3", "7.1", "7.3"}
    assert any("data_api_version" in document for document in documents)  # endpoint flows
    assert any("data_api_version" not in document for document in documents)  # static flows


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_are_clean(name: str) -> None:
    assert validate_flow_json(flow_text(name)) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_for_publishing_only_flag_frozen_versions(name: str) -> None:
    assert_only_frozen_versions_flagged_for_publishing(flow_text(name))


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_files_fail_as_named_and_for_nothing_else(name: str) -> None:
    code, token, also = INVALID[name]
    text = flow_text(name)
    items = validate_flow_json(text)
    assert Counter(codes(items)) == Counter([code, *also])
    assert_points_at(next(item for item in items if item["error"] == code), text, token)


def test_invalid_file_details() -> None:
    footer = validate_flow_json(flow_text("invalid_footer_label_too_long.json"))
    assert "At most 35 characters are allowed, but found 36." in " ".join(
        item["message"] for item in footer
    )
    # The CheckboxGroup has no label: 2.1 allows that (only the missing item id is reported);
    # from 4.0 the label is required.
    missing_id = flow_text("invalid_data_source_missing_id.json")
    assert codes(validate_flow_json(missing_id)) == ["MISSING_REQUIRED_PROPERTY"]
    in_4_0 = validate_flow_json(missing_id.replace('"version": "2.1"', '"version": "4.0"'))
    assert sorted(item["message"] for item in in_4_0) == [
        "Required property 'id' is missing.",
        "Required property 'label' is missing.",
    ]
    success = validate_flow_json(flow_text("invalid_screen_id_success.json"))
    assert "Screen id 'success' is a reserved keyword" in " ".join(
        item["message"] for item in success
    )


def test_short_global_references_are_reported_with_the_corrected_spelling() -> None:
    """Section 14.4 defines global references only as ``${screen.ID.form.field}`` or
    ``${screen.ID.data.field}``; each short one is reported with the right spelling as a hint,
    and spelling them right leaves nothing to report."""
    text = flow_text("suspect_short_global_references.json")
    items = validate_flow_json(text)
    assert Counter(codes(items)) == {"INVALID_PROPERTY_VALUE": 5}
    assert [item["message"].rsplit("Did you mean ", 1)[1] for item in items] == [
        "'${screen.RIDER.form.rider_name}'?",
        "'${screen.RIDER.form.rider_name}'?",
        "'${screen.RIDER.form.rider_phone}'?",
        "'${screen.BIKE.form.bike}'?",
        "'${screen.BIKE.form.pickup_day}'?",
    ]
    assert_points_at(items[0], text, '"${screen.RIDER.rider_name}"')
    fixed = text.replace("${screen.RIDER.", "${screen.RIDER.form.").replace(
        "${screen.BIKE.", "${screen.BIKE.form."
    )
    assert validate_flow_json(fixed) == []


def test_undeclared_navigate_payloads_and_other_screens_form_fields_are_reported() -> None:
    """Navigate payloads carry fields the next screens never declare (their data models are
    empty), and the last screen's ``complete`` reads ``${form.*}`` fields of earlier screens."""
    items = validate_flow_json(flow_text("suspect_undeclared_navigate_payload.json"))
    assert Counter(codes(items)) == {
        "INVALID_NAVIGATE_ACTION_PAYLOAD": 4,
        "INVALID_PROPERTY_VALUE": 4,
    }
    navigate = [item["message"] for item in items if item["error"] != "INVALID_PROPERTY_VALUE"]
    assert navigate == [
        "Property 'owner_name' of the navigate payload is not declared in the data of screen "
        "'ITEM'.",
        "Property 'owner_email' of the navigate payload is not declared in the data of screen "
        "'ITEM'.",
        "Property 'item_kind' of the navigate payload is not declared in the data of screen "
        "'WHERE'.",
        "Property 'item_colour' of the navigate payload is not declared in the data of screen "
        "'WHERE'.",
    ]
    assert all(
        "does not name an input component on screen 'WHERE'" in item["message"]
        for item in items
        if item["error"] == "INVALID_PROPERTY_VALUE"
    )


def test_crowded_screens_are_reported() -> None:
    """RichText and NavigationList share their screens, PhotoPicker and DocumentPicker share
    one, a TextInput ``pattern`` lacks ``helper-text``, and an ``update_data`` key is not in the
    screen's data. A ``complete`` without payload is not an error: section 14.5 does not make
    ``payload`` required."""
    items = validate_flow_json(flow_text("suspect_crowded_screens.json"))
    messages = [item["message"] for item in items]
    assert Counter(codes(items)) == {
        "INVALID_PROPERTY_VALUE": 3,
        "INVALID_DEPENDENCIES": 1,
        "INVALID_ACTION_PAYLOAD_PROPERTY": 1,
    }
    assert any("PhotoPicker and DocumentPicker cannot be used" in m for m in messages)
    assert any("RichText must be alone" in m for m in messages)
    assert any("NavigationList cannot be combined" in m for m in messages)
    assert any("'pattern' needs 'helper-text'" in m for m in messages)
    assert any("'night_bonus' of the update_data payload" in m for m in messages)
    assert not any("payload" in m and "complete" in m for m in messages)


def test_three_footers_and_the_rest_are_reported() -> None:
    """Three Footers on SEND, PhotoPicker with DocumentPicker on DAMAGE, ``data_channel_uri``
    in 6.3, and a navigate payload key SEND does not declare."""
    text = flow_text("suspect_three_footers.json")
    items = validate_flow_json(text)
    assert Counter(codes(items)) == {
        "INVALID_PROPERTY_KEY": 1,
        "INVALID_PROPERTY_VALUE": 1,
        "INVALID_NAVIGATE_ACTION_PAYLOAD": 1,
        "MAX_FOOTER_PER_SCREEN": 1,
    }
    by_code = {item["error"]: item for item in items}
    assert "data_channel_uri" in by_code["INVALID_PROPERTY_KEY"]["message"]
    assert_points_at(by_code["INVALID_PROPERTY_KEY"], text, '"data_channel_uri"')
    assert "PhotoPicker and DocumentPicker" in by_code["INVALID_PROPERTY_VALUE"]["message"]
    assert "'plate'" in by_code["INVALID_NAVIGATE_ACTION_PAYLOAD"]["message"]
    assert "found 3" in by_code["MAX_FOOTER_PER_SCREEN"]["message"]
