"""Top-level, version and screen rules: each with a failing and a passing document."""

from __future__ import annotations

import pytest

from .builders import (
    assert_points_at,
    codes,
    complete_footer,
    flow,
    navigate_footer,
    only,
    screen,
    terminal_screen,
    text_of,
    validate,
)


def test_minimal_flow_is_clean() -> None:
    assert validate(flow()) == []


def test_unknown_top_level_key() -> None:
    bad = flow(extra_key=1)
    item = only(validate(bad), "INVALID_PROPERTY_KEY")
    assert item["message"] == "Property 'extra_key' cannot be specified at '$root'."
    assert_points_at(item, text_of(bad), '"extra_key"')
    assert item["pointers"][0]["path"] == "extra_key"


def test_missing_version() -> None:
    bad = flow()
    del bad["version"]
    item = only(validate(bad), "MISSING_FLOW_JSON_VERSION")
    assert (item["line_start"], item["column_start"]) == (1, 1)


def test_malformed_version() -> None:
    bad = flow(version="v7.3")
    item = only(validate(bad), "INVALID_FLOW_JSON_VERSION")
    assert_points_at(item, text_of(bad), '"v7.3"')
    assert item["pointers"][0]["path"] == "version"


def test_unknown_version() -> None:
    bad = flow(version="9.9")
    item = only(validate(bad), "UNSUPPORTED_FLOW_JSON_VERSION")
    assert_points_at(item, text_of(bad), '"9.9"')


def test_version_must_be_a_string() -> None:
    bad = flow(version=7.3)  # type: ignore[arg-type]
    item = only(validate(bad), "INVALID_PROPERTY_TYPE")
    assert (
        item["message"] == "Expected property 'version' to be of type 'string', but found 'number'."
    )


def test_frozen_version_is_fine_to_send_but_reported_for_publishing() -> None:
    document = flow(terminal_screen(), version="5.0")
    assert validate(document) == []
    item = only(validate(document, for_publishing=True), "UNAVAILABLE_FLOW_JSON_VERSION")
    assert "frozen" in item["message"]
    assert_points_at(item, text_of(document), '"5.0"')
    assert validate(flow(version="5.1"), for_publishing=True) == []


def test_data_api_version_must_be_supported() -> None:
    bad = flow(data_api_version="2.0", routing_model={"DONE": []})
    item = only(validate(bad), "NO_SUPPORTED_DATA_API_VERSION")
    assert_points_at(item, text_of(bad), '"2.0"')
    assert validate(flow(data_api_version="3.0", routing_model={"DONE": []})) == []


def test_data_api_version_needs_routing_model() -> None:
    item = only(validate(flow(data_api_version="3.0")), "MISSING_REQUIRED_PROPERTY")
    assert item["message"] == "Required property 'routing_model' is missing."


def test_data_channel_uri_only_before_3_0() -> None:
    bad = flow(data_channel_uri="https://example.com")
    item = only(validate(bad), "INVALID_PROPERTY_KEY")
    assert "no longer supported in Flow JSON as of version '3.0'" in item["message"]
    assert_points_at(item, text_of(bad), '"data_channel_uri"')
    assert validate(flow(version="2.1", data_channel_uri="https://example.com")) == []
    not_a_uri = flow(version="2.1", data_channel_uri="example")
    assert codes(validate(not_a_uri)) == ["INVALID_PROPERTY_VALUE_FORMAT"]


def test_screens_required_non_empty_and_at_most_100() -> None:
    missing = flow()
    del missing["screens"]
    assert only(validate(missing), "MISSING_REQUIRED_PROPERTY")["message"] == (
        "Required property 'screens' is missing."
    )
    empty = flow()
    empty["screens"] = []
    assert codes(validate(empty)) == ["MIN_ITEMS_REQUIRED"]
    many = flow(*[terminal_screen(f"S_{chr(65 + i // 26)}{chr(65 + i % 26)}") for i in range(101)])
    item = only(validate(many), "MAX_SCREENS_NUMBER")
    assert item["message"] == "Maximum number of screens allowed per Flow is 100 but found 101."
    assert validate(flow(*many["screens"][:100])) == []


def test_past_max_screens_nothing_else_is_checked() -> None:
    """Issue #12 item 9: 100,000 screens are not walked one by one (that took seconds); the
    limit is reported, at the first screen too many, and the check ends."""
    bad_screens = [{"id": "not a screen id", "layout": 7}] * 100_000
    (item,) = validate(flow(*bad_screens))
    assert item["error"] == "MAX_SCREENS_NUMBER"
    assert item["message"].endswith("is 100 but found 100000.")
    assert item["pointers"][0]["path"] == "screens[100]"


def test_duplicate_screen_ids() -> None:
    bad = flow(terminal_screen("A"), terminal_screen("A"))
    item = only(validate(bad), "DUPLICATE_SCREEN_IDS")
    assert item["message"] == "Duplicate screen id found: A."
    assert_points_at(item, text_of(bad), '"A"', occurrence=2)
    assert [p["path"] for p in item["pointers"]] == ["screens[1].id", "screens[0].id"]
    assert validate(flow(terminal_screen("A"), terminal_screen("B"))) == []


def test_success_is_a_reserved_screen_id() -> None:
    bad = flow(terminal_screen("SUCCESS"))
    item = only(validate(bad), "SCREEN_ID_IS_RESERVED_KEYWORD")
    assert_points_at(item, text_of(bad), '"SUCCESS"')


def test_screen_id_pattern() -> None:
    bad = flow(terminal_screen("STEP-1"))
    item = only(validate(bad), "PATTERN_MISMATCH")
    assert_points_at(item, text_of(bad), '"STEP-1"')


def test_a_terminal_screen_is_required() -> None:
    bad = flow(screen("ONLY", navigate_footer("ONLY")))
    bad["screens"][0]["layout"]["children"] = [{"type": "TextBody", "text": "Hi"}]
    item = only(validate(bad), "MISSING_TERMINAL_SCREEN")
    assert item["message"] == "Terminal screen is required but not provided."


def test_terminal_screens_need_a_footer() -> None:
    bad = flow(
        screen("FIRST", {"type": "TextBody", "text": "Hi"}, terminal=True),
        screen("SECOND", {"type": "TextBody", "text": "Hi"}, terminal=True),
    )
    item = only(validate(bad), "MISSING_FOOTER_ON_TERMINAL_SCREEN")
    assert item["message"] == "Footer component is missing on terminal screens: FIRST, SECOND."
    assert [p["path"] for p in item["pointers"]] == ["screens[0]", "screens[1]"]


def test_success_only_on_terminal_screens_and_one_must_succeed() -> None:
    bad = flow(screen("START", navigate_footer("DONE"), success=True), terminal_screen())
    item = only(validate(bad), "INVALID_DEPENDENCIES")
    assert_points_at(item, text_of(bad), "true")
    failing = flow(terminal_screen(success=False))
    assert codes(validate(failing)) == ["INVALID_PROPERTY_VALUE"]
    assert validate(flow(terminal_screen(success=True))) == []


def test_refresh_on_back_needs_an_endpoint() -> None:
    bad = flow(terminal_screen(refresh_on_back=True))
    assert codes(validate(bad)) == ["INVALID_DEPENDENCIES"]
    good = flow(
        terminal_screen(refresh_on_back=True), data_api_version="3.0", routing_model={"DONE": []}
    )
    assert validate(good) == []


def test_sensitive_arrives_in_5_1() -> None:
    bad = flow(terminal_screen(sensitive=["x"]), version="5.0")
    item = only(validate(bad), "INVALID_PROPERTY_KEY")
    assert "5.1 or newer" in item["message"]
    assert validate(flow(terminal_screen(sensitive=["x"]), version="5.1")) == []


def test_unknown_screen_property() -> None:
    bad = flow(terminal_screen(colour="red"))
    item = only(validate(bad), "INVALID_PROPERTY_KEY")
    assert item["message"] == "Property 'colour' cannot be specified at 'screens[0]'."
    assert_points_at(item, text_of(bad), '"colour"')


def test_layout_type() -> None:
    bad = flow(terminal_screen())
    bad["screens"][0]["layout"]["type"] = "TwoColumnLayout"
    item = only(validate(bad), "INVALID_ENUM_VALUE")
    assert_points_at(item, text_of(bad), '"TwoColumnLayout"')


def test_data_declarations() -> None:
    declared = {"name": {"type": "string", "__example__": "Ann"}}
    assert validate(flow(terminal_screen(data=declared))) == []
    no_example = flow(terminal_screen(data={"name": {"type": "string"}}))
    item = only(validate(no_example), "INVALID_SCREEN_DATA")
    assert "__example__" in item["message"]
    assert_points_at(item, text_of(no_example), '"name": {', shift=len('"name": '))
    no_items = flow(terminal_screen(data={"xs": {"type": "array", "__example__": []}}))
    assert codes(validate(no_items)) == ["INVALID_SCREEN_DATA"]
    wrong_example = flow(terminal_screen(data={"n": {"type": "number", "__example__": "1"}}))
    item = only(validate(wrong_example), "INVALID_SCREEN_DATA")
    assert_points_at(item, text_of(wrong_example), '"1"')
    bad_type = flow(terminal_screen(data={"n": {"type": "float", "__example__": 1}}))
    assert codes(validate(bad_type)) == ["INVALID_SCREEN_DATA"]


def test_complete_footer_builder_is_valid_in_every_known_version() -> None:
    from flowtui.flowjson import versions

    for version in versions.KNOWN_VERSIONS:
        assert validate(flow(terminal_screen(), version=version)) == [], version
    assert complete_footer()["type"] == "Footer"


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from flowtui.flowjson import validator

    text = text_of(flow())
    assert validate(text) == []
    monkeypatch.setattr(validator, "MAX_FLOW_JSON_BYTES", len(text.encode()) - 1)
    (item,) = validate(text)
    assert item["error"] == "INVALID_FLOW_JSON"
    assert item["message"].endswith(f"at most {len(text.encode()) - 1:,} are allowed.")
    assert (item["line_start"], item["column_start"]) == (1, 1)


def test_past_the_size_limit_nothing_else_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from flowtui.flowjson import validator

    monkeypatch.setattr(validator, "MAX_FLOW_JSON_BYTES", 40)
    broken = '{"version": "v1", "screens": [' + "1, " * 20  # neither valid JSON nor Flow JSON
    (item,) = validate(broken)
    assert item["message"] == f"Flow JSON is {len(broken)} bytes; at most 40 are allowed."


def test_the_size_of_a_text_with_a_lone_surrogate(monkeypatch: pytest.MonkeyPatch) -> None:
    """A str may hold a lone surrogate (a caller decoded ``\\ud800``): measuring it as UTF-8
    must not fail. It counts the 3 bytes its CESU-8 form takes."""
    from flowtui.flowjson import validator

    text = text_of(flow(terminal_screen("A\ud800B")))
    assert any("A\ud800B" in item["message"] for item in validate(text))
    monkeypatch.setattr(validator, "MAX_FLOW_JSON_BYTES", 1)
    (item,) = validate(text)
    assert item["message"].startswith(f"Flow JSON is {len(text.encode('utf-8', 'surrogatepass'))}")
