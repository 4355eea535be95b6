"""Component rules: properties by version, types, enums, limits, counts, Forms and placement."""

from __future__ import annotations

from typing import Any

import pytest

from .builders import (
    assert_points_at,
    codes,
    complete_footer,
    flow,
    only,
    screen,
    text_of,
    validate,
)


def on_terminal(*children: dict[str, Any], version: str = "7.3") -> dict[str, Any]:
    """A one-screen flow: ``children`` then a complete Footer."""
    return flow(screen("DONE", *children, complete_footer(), terminal=True), version=version)


def options(count: int) -> list[dict[str, str]]:
    return [{"id": f"o{i}", "title": f"Option {i}"} for i in range(count)]


def checkbox(**extra: Any) -> dict[str, Any]:
    return {
        "type": "CheckboxGroup",
        "name": "choice",
        "label": "Pick",
        "data-source": options(2),
        **extra,
    }


def test_unknown_component_type() -> None:
    bad = on_terminal({"type": "Carousel"})
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert item["message"].startswith(
        "Invalid value found for property 'type' at 'screens[0].layout.children[0]'."
    )
    assert_points_at(item, text_of(bad), '"Carousel"')
    assert item["pointers"][0]["path"] == "screens[0].layout.children[0].type"


def test_component_newer_than_the_flow_version() -> None:
    chips = {"type": "ChipsSelector", "name": "c", "label": "Chips", "data-source": options(2)}
    item = only(validate(on_terminal(chips, version="6.2")), "INVALID_PROPERTY_VALUE")
    assert "needs Flow JSON version 6.3" in item["message"]
    assert validate(on_terminal(chips, version="6.3")) == []


def test_missing_component_type() -> None:
    bad = on_terminal({"text": "Hello"})
    item = only(validate(bad), "MISSING_REQUIRED_TYPE_PROPERTY")
    assert item["message"] == "Required property 'type' is missing."


def test_unknown_property_is_invalid_property_key() -> None:
    bad = on_terminal({"type": "TextBody", "text": "Hi", "colour": "red"})
    item = only(validate(bad), "INVALID_PROPERTY_KEY")
    assert item["message"] == (
        "Property 'colour' cannot be specified at 'screens[0].layout.children[0]'."
    )
    assert_points_at(item, text_of(bad), '"colour"')


def test_property_newer_than_the_flow_version() -> None:
    body = {"type": "TextBody", "text": "Hi", "markdown": True}
    item = only(validate(on_terminal(body, version="5.0")), "INVALID_PROPERTY_KEY")
    assert "needs Flow JSON version 5.1 or newer" in item["message"]
    assert validate(on_terminal(body, version="5.1")) == []


def test_missing_required_property() -> None:
    bad = on_terminal({"type": "TextInput", "name": "first"})
    item = only(validate(bad), "MISSING_REQUIRED_PROPERTY")
    assert item["message"] == "Required property 'label' is missing."
    assert_points_at(item, text_of(bad), '{\n            "type": "TextInput"')
    good = on_terminal({"type": "TextInput", "name": "first", "label": "First name"})
    assert validate(good) == []


def test_property_type() -> None:
    bad = on_terminal()
    bad["screens"][0]["layout"]["children"][0]["enabled"] = "yes"
    item = only(validate(bad), "INVALID_PROPERTY_TYPE")
    assert item["message"] == (
        "Expected property 'screens[0].layout.children[0].enabled' to be of type 'boolean', "
        "but found 'string'."
    )
    assert_points_at(item, text_of(bad), '"yes"')
    dynamic = on_terminal()
    dynamic["screens"][0]["layout"]["children"][0]["enabled"] = "${data.ready}"
    dynamic["screens"][0]["data"] = {"ready": {"type": "boolean", "__example__": True}}
    assert validate(dynamic) == []


def test_enum_value() -> None:
    bad = on_terminal({"type": "TextInput", "name": "a", "label": "A", "input-type": "url"})
    item = only(validate(bad), "INVALID_ENUM_VALUE")
    assert_points_at(item, text_of(bad), '"url"')
    good = on_terminal({"type": "TextInput", "name": "a", "label": "A", "input-type": "email"})
    assert validate(good) == []


def test_character_limit() -> None:
    bad = on_terminal({"type": "TextHeading", "text": "x" * 81})
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert "At most 80 characters are allowed, but found 81." in item["message"]
    assert_points_at(item, text_of(bad), '"' + "x" * 81)
    assert validate(on_terminal({"type": "TextHeading", "text": "x" * 80})) == []


def test_embedded_link_limit_follows_meta_for_publishable_versions() -> None:
    link = {
        "type": "EmbeddedLink",
        "text": "x" * 30,
        "on-click-action": {"name": "data_exchange", "payload": {}},
    }
    endpoint = {"data_api_version": "3.0", "routing_model": {"DONE": []}}
    modern = on_terminal(link)
    modern.update(endpoint)
    assert codes(validate(modern)) == ["INVALID_PROPERTY_VALUE"]
    old = flow(
        screen(
            "DONE",
            {"type": "Form", "name": "f", "children": [link, complete_footer()]},
            terminal=True,
        ),
        version="2.1",
        **endpoint,
    )
    assert validate(old) == []


def test_blank_strings_rejected_from_6_0() -> None:
    blank = {"type": "TextBody", "text": "   "}
    item = only(validate(on_terminal(blank, version="6.0")), "MIN_CHARS_REQUIRED")
    assert_points_at(item, text_of(on_terminal(blank, version="6.0")), '"   "')
    assert validate(on_terminal(blank, version="5.1")) == []


def test_item_counts() -> None:
    bad = on_terminal(checkbox(**{"data-source": []}))
    item = only(validate(bad), "MIN_ITEMS_REQUIRED")
    assert_points_at(item, text_of(bad), "[]")
    too_many = on_terminal(checkbox(**{"data-source": options(21)}))
    assert codes(validate(too_many)) == ["INVALID_PROPERTY_VALUE"]
    assert validate(on_terminal(checkbox(**{"data-source": options(20)}))) == []


def test_data_source_item_needs_id() -> None:
    bad = on_terminal(checkbox(**{"data-source": [{"title": "No id"}]}))
    item = only(validate(bad), "MISSING_REQUIRED_PROPERTY")
    assert item["message"] == "Required property 'id' is missing."
    assert item["pointers"][0]["path"] == "screens[0].layout.children[0].data-source[0]"


def test_numeric_range() -> None:
    picker = {"type": "PhotoPicker", "name": "p", "label": "Photos", "max-file-size-kb": 30000}
    item = only(validate(on_terminal(picker)), "INVALID_PROPERTY_VALUE")
    assert "The maximum is 25600, but found 30000." in item["message"]
    picker["max-file-size-kb"] = 25600
    assert validate(on_terminal(picker)) == []


def test_min_not_greater_than_max() -> None:
    bad = on_terminal(checkbox(**{"min-selected-items": 3, "max-selected-items": 2}))
    item = only(validate(bad), "MIN_VALUE_GREATER_THAN_MAX")
    assert_points_at(item, text_of(bad), "3,")
    assert [p["path"].rsplit(".", 1)[1] for p in item["pointers"]] == [
        "min-selected-items",
        "max-selected-items",
    ]
    assert (
        validate(on_terminal(checkbox(**{"min-selected-items": 1, "max-selected-items": 2}))) == []
    )
    assert (
        validate(on_terminal(checkbox(**{"min-selected-items": 2, "max-selected-items": 2}))) == []
    )


@pytest.mark.parametrize(
    ("component", "limit", "code"),
    [
        (
            {
                "type": "EmbeddedLink",
                "text": "More",
                "on-click-action": {"name": "open_url", "url": "https://example.com"},
            },
            2,
            "MAX_EMBEDDED_LINK_PER_SCREEN",
        ),
        ({"type": "Image", "src": "aGVsbG8="}, 3, "MAX_IMAGE_PER_SCREEN"),
        ({"type": "TextBody", "text": "Hi"}, 49, "MAX_COMPONENTS_PER_SCREEN"),
    ],
)
def test_per_screen_counts(component: dict[str, Any], limit: int, code: str) -> None:
    assert validate(on_terminal(*[component] * limit)) == []
    bad = on_terminal(*[component] * (limit + 1))
    item = only(validate(bad), code)
    if code == "MAX_EMBEDDED_LINK_PER_SCREEN":
        assert item["message"] == (
            "Maximum number of EmbeddedLink allowed per screen is 2 but found 3."
        )


def test_past_the_components_limit_a_screen_is_walked_no_further() -> None:
    """Issue #12 item 9: 280,000 components on a screen (9 MB) took 5 s to check. Past the 50th
    the walk stops: the limit is reported (with the whole count, at the first one too many) and
    nothing else, not even the missing Footer or the bad component that come later."""
    text_body = {"type": "TextBody", "text": "Hi"}
    form = {"type": "Form", "name": "f", "children": [text_body] * 30}
    children = [text_body] * 20 + [form] + [text_body] * 99_979 + [{"type": "Nope"}]
    crowded = flow(screen("DONE", *children, terminal=True))
    (item,) = validate(crowded)
    assert item["error"] == "MAX_COMPONENTS_PER_SCREEN"
    # 20 + the Form and its 30 + 99,979: the unknown type is no component.
    assert item["message"] == (
        "Maximum number of components allowed per screen is 50 but found 100030."
    )
    assert item["pointers"][0]["path"] == "screens[0].layout.children[20].children[29]"
    assert len(item["pointers"]) == 51


def test_opt_in_count() -> None:
    opt_ins = [{"type": "OptIn", "name": f"o{i}", "label": "Agree"} for i in range(6)]
    item = only(validate(on_terminal(*opt_ins)), "MAX_OPT_IN_PER_SCREEN")
    assert item["pointers"][0]["path"] == "screens[0].layout.children[5]"
    assert validate(on_terminal(*opt_ins[:5])) == []


def test_one_footer_per_screen() -> None:
    bad = on_terminal(complete_footer("First"))
    item = only(validate(bad), "MAX_FOOTER_PER_SCREEN")
    assert item["message"] == "Maximum number of Footer allowed per screen is 1 but found 2."


def if_with(then: list[dict[str, Any]], otherwise: list[dict[str, Any]] | None = None):
    component: dict[str, Any] = {"type": "If", "condition": "${data.flag}", "then": then}
    if otherwise is not None:
        component["else"] = otherwise
    return component


def flagged(*children: dict[str, Any]) -> dict[str, Any]:
    return flow(
        screen(
            "DONE",
            *children,
            terminal=True,
            data={"flag": {"type": "boolean", "__example__": True}},
        )
    )


def test_footer_in_both_if_branches() -> None:
    good = flagged(if_with([complete_footer("Yes")], [complete_footer("No")]))
    assert validate(good) == []
    bad = flagged(if_with([complete_footer("Yes")], [{"type": "TextBody", "text": "no"}]))
    item = only(validate(bad), "MISSING_FOOTER_IN_IF_ELSE_BRANCHES")
    assert_points_at(item, text_of(bad), '{\n            "type": "If"')
    no_else = flagged(if_with([complete_footer("Yes")]))
    assert "MISSING_FOOTER_IN_IF_ELSE_BRANCHES" in codes(validate(no_else))
    two = flagged(if_with([complete_footer("Yes")], [complete_footer("No")]), complete_footer())
    assert "MAX_FOOTER_PER_SCREEN" in codes(validate(two))


def test_footer_in_every_switch_case() -> None:
    def switch(cases: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        return {"type": "Switch", "value": "${data.flag}", "cases": cases}

    good = flagged(switch({"a": [complete_footer("A")], "b": [complete_footer("B")]}))
    assert validate(good) == []
    bad = flagged(switch({"a": [complete_footer("A")], "b": [{"type": "TextBody", "text": "b"}]}))
    item = only(validate(bad), "MISSING_FOOTER_IN_SWITCH_BRANCHES")
    assert item["message"].endswith("missing in: b.")


def test_component_not_allowed_in_branches() -> None:
    calendar = {"type": "CalendarPicker", "name": "c", "label": "When"}
    bad = flagged(if_with([calendar], []), complete_footer())
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert "not allowed inside If" in item["message"]
    assert_points_at(item, text_of(bad), '"CalendarPicker"')
    assert validate(flagged(calendar, complete_footer())) == []


def test_condition_needs_a_dynamic_value() -> None:
    bad = flagged(
        {"type": "If", "condition": "1 == 1", "then": [{"type": "TextBody", "text": "x"}]}
    )
    bad["screens"][0]["layout"]["children"].append(complete_footer())
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert_points_at(item, text_of(bad), '"1 == 1"')


def form(*children: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "Form", "name": "form", "children": list(children), **extra}


def text_input(name: str = "first") -> dict[str, Any]:
    return {"type": "TextInput", "name": name, "label": "Name"}


def test_inputs_inside_a_form_before_4_0() -> None:
    bad = on_terminal(text_input(), version="3.1")
    item = only(validate(bad), "KEYWORD_ONE_OF")
    assert_points_at(item, text_of(bad), '{\n            "type": "TextInput"')
    good = flow(screen("DONE", form(text_input(), complete_footer()), terminal=True), version="3.1")
    assert validate(good) == []
    assert validate(on_terminal(text_input(), version="4.0")) == []


def test_no_inputs_outside_an_existing_form() -> None:
    bad = on_terminal(form(text_input("a")), text_input("b"))
    item = only(validate(bad), "COMPONENTS_OUTSIDE_FORM")
    assert item["pointers"][0]["path"] == "screens[0].layout.children[1]"


def test_duplicate_form_component_names() -> None:
    bad = on_terminal(form(text_input("a"), text_input("a")))
    item = only(validate(bad), "DUPLICATE_FORM_COMPONENT_NAMES")
    assert_points_at(item, text_of(bad), '"a"', occurrence=2)
    assert validate(on_terminal(form(text_input("a"), text_input("b")))) == []


def test_init_values() -> None:
    picker = {"type": "PhotoPicker", "name": "photo", "label": "Photo"}
    bad = on_terminal(form(picker, **{"init-values": {"photo": "x"}}))
    item = only(validate(bad), "NATIVE_COMPONENT_IN_FORM_INIT_VALUES")
    assert_points_at(item, text_of(bad), '"photo": "x"')
    typed = on_terminal(form(checkbox(), **{"init-values": {"choice": "o1"}}))
    assert codes(validate(typed)) == ["INVALID_PROPERTY_TYPE"]
    good = on_terminal(form(checkbox(), **{"init-values": {"choice": ["o1"]}}))
    assert validate(good) == []


def test_photo_and_document_picker_not_together() -> None:
    photo = {"type": "PhotoPicker", "name": "p", "label": "Photo"}
    document = {"type": "DocumentPicker", "name": "d", "label": "Document"}
    bad = on_terminal(photo, document)
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert_points_at(item, text_of(bad), '"DocumentPicker"')
    assert codes(validate(on_terminal(photo, dict(photo, name="q")))) == [
        "MAX_PHOTO_PICKER_PER_SCREEN"
    ]
    assert validate(on_terminal(photo)) == []


def test_rich_text_placement() -> None:
    rich = {"type": "RichText", "text": ["# Terms"]}
    assert codes(validate(on_terminal(rich, version="6.2"))) == ["INVALID_PROPERTY_VALUE"]
    assert validate(on_terminal(rich, version="6.3")) == []
    crowded = on_terminal(rich, {"type": "TextBody", "text": "x"})
    assert codes(validate(crowded)) == ["INVALID_PROPERTY_VALUE"]


def navigation_list() -> dict[str, Any]:
    return {
        "type": "NavigationList",
        "name": "menu",
        "list-items": [{"id": "a", "main-content": {"title": "A"}}],
        "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "DONE"}},
    }


def test_navigation_list_alone_and_not_terminal() -> None:
    good = flow(screen("MENU", navigation_list()), on_terminal()["screens"][0])
    assert validate(good) == []
    crowded = flow(
        screen("MENU", navigation_list(), {"type": "TextBody", "text": "x"}),
        on_terminal()["screens"][0],
    )
    assert codes(validate(crowded)) == ["INVALID_PROPERTY_VALUE"]


def test_footer_captions() -> None:
    bad = on_terminal()
    bad["screens"][0]["layout"]["children"][0].update({"left-caption": "L", "center-caption": "C"})
    item = only(validate(bad), "INVALID_DEPENDENCIES")
    assert_points_at(item, text_of(bad), '"C"')
    good = on_terminal()
    good["screens"][0]["layout"]["children"][0].update({"left-caption": "L", "right-caption": "R"})
    assert validate(good) == []


def test_date_format_by_version() -> None:
    picker = {"type": "DatePicker", "name": "d", "label": "Date", "min-date": "1700000000000"}
    item = only(validate(on_terminal(picker, version="5.0")), "INVALID_PROPERTY_VALUE_FORMAT")
    assert_points_at(item, text_of(on_terminal(picker, version="5.0")), '"1700000000000"')
    assert validate(on_terminal(picker, version="4.0")) == []
    picker["min-date"] = "2024-01-31"
    assert validate(on_terminal(picker, version="5.0")) == []
