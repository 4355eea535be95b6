"""Every file of the shared Flow JSON corpus, validated with the outcome its label implies.

Labels come from ``shared/flow-json-corpus/SOURCES.md``. Where a label and the rules of the
reference disagree, the test says which side it takes and why.

The corpus is other projects' data: it sits beside CI's checkout and is never committed here.
Without it these tests skip (and fail when ``CI`` is set; see ``tests/flow_data.py``); the same
components, versions and rules are covered by flowtui's own files in ``test_examples.py``.
"""

from __future__ import annotations

from collections import Counter

import pytest

from flowtui.flowjson import validate_flow_json
from tests.flow_data import require_corpus

from .builders import assert_only_frozen_versions_flagged_for_publishing, assert_points_at, codes


def test_the_corpus_is_beside_the_repository() -> None:
    # CI copies shared/ next to the clone; there a missing corpus fails instead of skipping.
    assert any(require_corpus().glob("*.json"))


EXAMPLES = [
    "WhatsApp__WhatsApp-Flows-Tools__creating-surveys-survey.json",
    "WhatsApp__WhatsApp-Flows-Tools__llama-agent-connect.json",
    "david-lev__pywa__v2_1-book-a-table.json",
    "david-lev__pywa__v2_1-sign-in.json",
    "david-lev__pywa__v4_0-doc-picker.json",
    "david-lev__pywa__v4_0-forward-refs.json",
    "david-lev__pywa__v4_0-photo-picker.json",
    "david-lev__pywa__v5_0-radio-buttons-with-pics.json",
    "david-lev__pywa__v5_1-rich-text.json",
    "david-lev__pywa__v6_0-update-data.json",
    "david-lev__pywa__v6_1-calendar-picker-range-mode.json",
    "david-lev__pywa__v6_3-chips-selector.json",
    "david-lev__pywa__v7_1-image-carousel.json",
]

# file -> (the named failure, the token it must point at)
INVALID = {
    "devlooped__WhatsApp__invalid-missing-version.json": ("MISSING_FLOW_JSON_VERSION", "{"),
    "devlooped__WhatsApp__invalid-version-format.json": ("INVALID_FLOW_JSON_VERSION", '"v2.1"'),
    "devlooped__WhatsApp__invalid-empty-screens.json": ("MIN_ITEMS_REQUIRED", "[]"),
    "devlooped__WhatsApp__invalid-screen-id-success.json": (
        "SCREEN_ID_IS_RESERVED_KEYWORD",
        '"SUCCESS"',
    ),
    "devlooped__WhatsApp__invalid-action-name.json": ("INVALID_ENUM_VALUE", '"redirect"'),
    "devlooped__WhatsApp__invalid-footer-label-too-long.json": (
        "INVALID_PROPERTY_VALUE",
        '"LLLL',
    ),
    "devlooped__WhatsApp__invalid-data-source-missing-id.json": (
        "MISSING_REQUIRED_PROPERTY",
        '{ "title": "Option 1" }',
    ),
}


def corpus_text(name: str) -> str:
    return (require_corpus() / name).read_text(encoding="utf-8")


def test_the_corpus_is_all_accounted_for() -> None:
    listed = {
        *EXAMPLES,
        *INVALID,
        "misingo255__whatsapp-flows-template__azam-marines.json",
        "misingo255__whatsapp-flows-template__suspect-zan-fast-ferries.json",
        "spookyuser__whatsapp-flows__suspect-all-components.json",
        "devlooped__WhatsApp__suspect-full-kitchen-sink.json",
    }
    assert {path.name for path in require_corpus().glob("*.json")} == listed


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_are_clean(name: str) -> None:
    assert validate_flow_json(corpus_text(name)) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_for_publishing_only_flag_frozen_versions(name: str) -> None:
    assert_only_frozen_versions_flagged_for_publishing(corpus_text(name))


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_files_fail_as_named(name: str) -> None:
    code, token = INVALID[name]
    text = corpus_text(name)
    items = validate_flow_json(text)
    item = next(item for item in items if item["error"] == code)
    assert_points_at(item, text, token)


def test_invalid_file_details() -> None:
    footer = validate_flow_json(
        corpus_text("devlooped__WhatsApp__invalid-footer-label-too-long.json")
    )
    assert "At most 35 characters are allowed, but found 36." in " ".join(
        item["message"] for item in footer
    )
    assert "INVALID_PROPERTY_TYPE" in codes(footer)  # "enabled": "yes"
    # The label also notes the CheckboxGroup has no label: in 2.1 that is allowed (the label
    # became required in 4.0), so only the missing item id is reported for the group.
    missing_id = codes(
        validate_flow_json(corpus_text("devlooped__WhatsApp__invalid-data-source-missing-id.json"))
    )
    assert "MISSING_REQUIRED_PROPERTY" in missing_id
    assert missing_id.count("MISSING_REQUIRED_PROPERTY") == 1
    success = codes(
        validate_flow_json(corpus_text("devlooped__WhatsApp__invalid-screen-id-success.json"))
    )
    assert "MISSING_TERMINAL_SCREEN" in success  # "also: no terminal screen"


def test_azam_marines_short_global_references_are_reported() -> None:
    """Labelled "example", but its complete payload uses ``${screen.BINAFSI.jina_la_kwanza}``.

    Section 14.4 defines global references only as ``${screen.ID.form.field}`` or
    ``${screen.ID.data.field}``; the file is a community template nobody re-checked against
    Meta. The rules side wins: the twelve short references are reported (each with the
    corrected spelling as a hint), and nothing else in the file is.
    """
    items = validate_flow_json(
        corpus_text("misingo255__whatsapp-flows-template__azam-marines.json")
    )
    assert Counter(codes(items)) == {"INVALID_PROPERTY_VALUE": 12}
    assert all("Did you mean '${screen." in item["message"] for item in items)


def test_suspect_zan_fast_ferries_is_invalid() -> None:
    """Suspect, confirmed: navigate payloads carry fields the next screens never declare
    (their data models are empty) and the final complete payload reads ``${form.*}`` fields
    that live on earlier screens."""
    items = validate_flow_json(
        corpus_text("misingo255__whatsapp-flows-template__suspect-zan-fast-ferries.json")
    )
    found = Counter(codes(items))
    assert found["INVALID_NAVIGATE_ACTION_PAYLOAD"] == 12
    assert found["INVALID_PROPERTY_VALUE"] == 12
    assert all(
        "does not name an input component on screen 'BOTI'" in item["message"]
        for item in items
        if item["error"] == "INVALID_PROPERTY_VALUE"
    )


def test_suspect_all_components_is_invalid() -> None:
    """Suspect, confirmed: PhotoPicker and DocumentPicker share the UPLOAD screen. The other
    listed reason, a ``complete`` without payload, is not an error: section 14.5 does not make
    ``payload`` required. The rules find more: RichText and NavigationList share their screens,
    a TextInput ``pattern`` lacks ``helper-text``, and an ``update_data`` payload key is not in
    the screen's data."""
    items = validate_flow_json(
        corpus_text("spookyuser__whatsapp-flows__suspect-all-components.json")
    )
    messages = [item["message"] for item in items]
    assert any("PhotoPicker and DocumentPicker cannot be used" in m for m in messages)
    assert any("RichText must be alone" in m for m in messages)
    assert any("NavigationList cannot be combined" in m for m in messages)
    assert "INVALID_DEPENDENCIES" in codes(items)
    assert "INVALID_ACTION_PAYLOAD_PROPERTY" in codes(items)
    assert not any("payload" in m and "complete" in m for m in messages)


def test_suspect_kitchen_sink_is_invalid() -> None:
    """Suspect, confirmed on every listed reason: three Footers on REVIEW, PhotoPicker with
    DocumentPicker on PROFILE, ``data_channel_uri`` in 6.3, and navigate payload keys REVIEW
    does not declare."""
    items = validate_flow_json(corpus_text("devlooped__WhatsApp__suspect-full-kitchen-sink.json"))
    found = codes(items)
    assert "MAX_FOOTER_PER_SCREEN" in found
    assert "INVALID_NAVIGATE_ACTION_PAYLOAD" in found
    assert any("data_channel_uri" in item["message"] for item in items)
    assert any("PhotoPicker and DocumentPicker" in item["message"] for item in items)
