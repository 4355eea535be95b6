"""More component and flow rules: each with a failing and a passing document."""

from __future__ import annotations

import base64
from typing import Any

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
from .test_rules_components import checkbox, flagged, if_with, navigation_list, on_terminal


def test_image_carousels_per_flow() -> None:
    carousel = {"type": "ImageCarousel", "images": [{"src": "aGk=", "alt-text": "hi"}]}
    screens = [
        screen("ONE", carousel, carousel, navigate_footer("TWO")),
        terminal_screen("TWO", carousel, carousel),
    ]
    item = only(validate(flow(*screens)), "MAX_IMAGE_CAROUSEL_PER_FLOW")
    assert item["pointers"][0]["path"] == "screens[1].layout.children[1]"
    screens[1] = terminal_screen("TWO", carousel)
    assert validate(flow(*screens)) == []


def test_navigation_list_items() -> None:
    nav = navigation_list()
    nav["list-items"] = [
        {"id": "a", "main-content": {"title": "A"}, "badge": "New"},
        {"id": "b", "main-content": {"title": "B"}, "badge": "Hot"},
    ]
    bad = flow(screen("MENU", nav), on_terminal()["screens"][0])
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert_points_at(item, text_of(bad), '"Hot"')
    nav["list-items"][1].pop("badge")
    nav["media-size"] = "large"
    nav["list-items"][0]["end"] = {"title": "9 €"}
    bad = flow(screen("MENU", nav), on_terminal()["screens"][0])
    assert codes(validate(bad)) == ["INVALID_DEPENDENCIES"]
    nav["media-size"] = "regular"
    assert validate(flow(screen("MENU", nav), on_terminal()["screens"][0])) == []
    nav["list-items"][0]["on-click-action"] = nav["on-click-action"]
    assert codes(validate(flow(screen("MENU", nav), on_terminal()["screens"][0]))) == [
        "INVALID_DEPENDENCIES"
    ]


def test_list_item_image_size_by_version() -> None:
    image = base64.b64encode(b"x" * 150 * 1024).decode()
    group = checkbox()
    group["data-source"][0]["image"] = image
    assert validate(on_terminal(group, version="5.1")) == []
    item = only(validate(on_terminal(group, version="6.0")), "INVALID_PROPERTY_VALUE")
    assert "at most 100 KB" in item["message"]


def test_dropdown_options_with_images() -> None:
    options = [{"id": f"o{i}", "title": f"O{i}"} for i in range(101)]
    dropdown = {"type": "Dropdown", "name": "d", "label": "Pick", "data-source": options}
    assert validate(on_terminal(dropdown)) == []
    options[0]["image"] = "aGk="
    assert codes(validate(on_terminal(dropdown))) == ["INVALID_PROPERTY_VALUE"]


def test_calendar_range_only_properties() -> None:
    calendar = {"type": "CalendarPicker", "name": "c", "label": "When", "min-days": 2}
    item = only(validate(on_terminal(calendar)), "INVALID_DEPENDENCIES")
    assert_points_at(item, text_of(on_terminal(calendar)), "2\n")
    calendar["mode"] = "range"
    assert validate(on_terminal(calendar)) == []


def test_pattern_needs_helper_text() -> None:
    field = {"type": "TextInput", "name": "code", "label": "Code", "pattern": "[0-9]{4}"}
    assert codes(validate(on_terminal(field))) == ["INVALID_DEPENDENCIES"]
    assert codes(validate(on_terminal(field, version="6.1"))) == ["INVALID_PROPERTY_KEY"]
    field["helper-text"] = "Four digits"
    assert validate(on_terminal(field)) == []


def test_init_values_name_inputs_of_the_form() -> None:
    form = {
        "type": "Form",
        "name": "form",
        "children": [{"type": "TextInput", "name": "first", "label": "Name"}],
        "init-values": {"last": "x"},
    }
    bad = on_terminal(form)
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert_points_at(item, text_of(bad), '"last"')
    form["init-values"] = {"first": "Ann"}
    assert validate(on_terminal(form)) == []


def test_if_nesting_and_footer_depth() -> None:
    body = {"type": "TextBody", "text": "x"}
    deep = if_with([if_with([if_with([if_with([body])])])])
    assert "INVALID_PROPERTY_VALUE" in codes(validate(flagged(deep, complete_footer())))
    three = if_with([if_with([if_with([body])])])
    assert validate(flagged(three, complete_footer())) == []
    nested_footer = if_with([if_with([complete_footer()], [complete_footer()])], [body])
    messages = [item["message"] for item in validate(flagged(nested_footer))]
    assert any("only allowed in the first level" in message for message in messages)


def test_switch_cannot_hold_if() -> None:
    inner = if_with([{"type": "TextBody", "text": "x"}])
    switch = {"type": "Switch", "value": "${data.flag}", "cases": {"a": [inner]}}
    item = only(validate(flagged(switch, complete_footer())), "INVALID_PROPERTY_VALUE")
    assert "not allowed inside Switch" in item["message"]
    switch["cases"] = {}
    assert codes(validate(flagged(switch, complete_footer()))) == ["MIN_ITEMS_REQUIRED"]


def test_global_reference_to_the_current_screen() -> None:
    field = {"type": "TextInput", "name": "first", "label": "N"}
    echo = {"type": "TextBody", "text": "${screen.DONE.form.first}"}
    bad = flow(terminal_screen("DONE", field, echo), version="4.0")
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert "write it as '${form.first}'" in item["message"]
    echo["text"] = "${form.first}"
    assert validate(flow(terminal_screen("DONE", field, echo), version="4.0")) == []


def test_routing_model_multiple_entries_and_self_routes() -> None:
    screens = [
        screen("A", navigate_footer("C")),
        screen("B", navigate_footer("C")),
        terminal_screen("C"),
    ]
    bad = flow(*screens, routing_model={"A": ["C"], "B": ["C"], "C": []})
    item = only(validate(bad), "INVALID_ROUTING_MODEL")
    assert "several have no inbound edge: A, B" in item["message"]
    looped = flow(terminal_screen("A"), routing_model={"A": ["A"]})
    assert codes(validate(looped)) == ["INVALID_ROUTING_MODEL"]
    not_a_list = flow(terminal_screen("A"), routing_model={"A": "B"})
    assert codes(validate(not_a_list)) == ["INVALID_PROPERTY_TYPE"]


def test_open_url_needs_a_url() -> None:
    link: dict[str, Any] = {
        "type": "EmbeddedLink",
        "text": "Terms",
        "on-click-action": {"name": "open_url", "url": "terms page"},
    }
    bad = flow(terminal_screen("DONE", link))
    item = only(validate(bad), "INVALID_PROPERTY_VALUE_FORMAT")
    assert_points_at(item, text_of(bad), '"terms page"')


def test_media_pickers_cannot_travel_in_navigate_payloads() -> None:
    picker = {"type": "PhotoPicker", "name": "photo", "label": "Photo"}
    data = {"photo": {"type": "string", "__example__": "x"}}
    bad = flow(
        screen("START", picker, navigate_footer("DONE", {"photo": "${form.photo}"})),
        terminal_screen("DONE", data=data),
    )
    item = only(validate(bad), "INVALID_NAVIGATE_ACTION_PAYLOAD")
    assert_points_at(item, text_of(bad), '"${form.photo}"')


def test_version_gates_components_and_properties_everywhere() -> None:
    """Every component is rejected before its version and accepted from it."""
    from flowtui.flowjson.components import COMPONENTS

    newer = [spec for spec in COMPONENTS.values() if spec.since != "2.1"]
    assert {spec.type for spec in newer} >= {"RichText", "ChipsSelector", "ImageCarousel"}
    for spec in newer:
        document = on_terminal({"type": spec.type}, version="2.1")
        messages = [item["message"] for item in validate(document)]
        assert any(f"needs Flow JSON version {spec.since}" in m for m in messages), spec.type
