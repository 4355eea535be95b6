"""Actions, routing model and dynamic references: each with a failing and a passing document."""

from __future__ import annotations

import itertools
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

NAME = {"name": {"type": "string", "__example__": "Ann"}}
ENDPOINT = {"data_api_version": "3.0"}


def two_screens(payload: dict[str, Any] | None, data: dict[str, Any] | None = None, **top: Any):
    return flow(
        screen(
            "START",
            {"type": "TextInput", "name": "first", "label": "Name"},
            navigate_footer("DONE", payload),
        ),
        terminal_screen("DONE", data=data),
        **top,
    )


def test_unknown_action_name() -> None:
    bad = flow(terminal_screen())
    bad["screens"][0]["layout"]["children"][0]["on-click-action"] = {"name": "redirect"}
    item = only(validate(bad), "INVALID_ENUM_VALUE")
    assert item["message"] == (
        "Invalid value found for property 'name' at "
        "'screens[0].layout.children[0].on-click-action'. "
        "Expected one of: complete, data_exchange, navigate."
    )
    assert_points_at(item, text_of(bad), '"redirect"')


def test_action_newer_than_the_flow_version() -> None:
    link = {
        "type": "EmbeddedLink",
        "text": "Terms",
        "on-click-action": {"name": "open_url", "url": "https://example.com/terms"},
    }
    bad = flow(terminal_screen("DONE", link), version="5.1")
    item = only(validate(bad), "INVALID_ENUM_VALUE")
    assert "'open_url' needs Flow JSON version 6.0 or newer." in item["message"]
    assert validate(flow(terminal_screen("DONE", link), version="6.0")) == []


def test_open_url_shape() -> None:
    link: dict[str, Any] = {
        "type": "EmbeddedLink",
        "text": "Terms",
        "on-click-action": {"name": "open_url"},
    }
    assert codes(validate(flow(terminal_screen("DONE", link)))) == ["MISSING_REQUIRED_PROPERTY"]
    link["on-click-action"] = {"name": "open_url", "url": "https://x.example", "payload": {}}
    bad = flow(terminal_screen("DONE", link))
    item = only(validate(bad), "INVALID_PROPERTY_KEY")
    assert_points_at(item, text_of(bad), '"payload"', occurrence=1)


def test_navigate_to_unknown_screen() -> None:
    bad = flow(screen("START", navigate_footer("NOWHERE")), terminal_screen())
    item = only(validate(bad), "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME")
    assert_points_at(item, text_of(bad), '"NOWHERE"')
    assert validate(flow(screen("START", navigate_footer("DONE")), terminal_screen())) == []


def test_navigate_to_itself() -> None:
    bad = flow(screen("START", navigate_footer("START")), terminal_screen())
    item = only(validate(bad), "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME")
    assert "cannot navigate to itself" in item["message"]


def test_navigate_payload_matches_next_screen_data() -> None:
    assert validate(two_screens({"name": "${form.first}"}, NAME)) == []
    extra = two_screens({"name": "${form.first}", "age": 3}, NAME)
    item = only(validate(extra), "INVALID_NAVIGATE_ACTION_PAYLOAD")
    assert_points_at(item, text_of(extra), '"age"')
    missing = two_screens({}, NAME)
    item = only(validate(missing), "INVALID_NAVIGATE_ACTION_PAYLOAD")
    assert item["message"] == "The navigate payload is missing data of screen 'DONE': name."
    wrong_type = two_screens({"name": 5}, NAME)
    item = only(validate(wrong_type), "INVALID_NAVIGATE_ACTION_PAYLOAD")
    assert_points_at(item, text_of(wrong_type), "5\n")


def test_no_navigate_from_a_terminal_footer() -> None:
    bad = flow(terminal_screen("DONE"), screen("START", navigate_footer("DONE")))
    bad["screens"][0]["layout"]["children"][0] = navigate_footer("START")
    assert "INVALID_PROPERTY_VALUE" in codes(validate(bad))


def test_complete_only_on_terminal_screens() -> None:
    bad = flow(screen("START", complete_footer()), terminal_screen())
    item = only(validate(bad), "INVALID_COMPLETE_ACTION")
    assert item["message"] == (
        "On-click-action 'complete' can only be configured on a terminal screen."
    )
    assert_points_at(item, text_of(bad), '"complete"')


def test_complete_payload_with_media() -> None:
    picker = {"type": "PhotoPicker", "name": "photo", "label": "Photo"}
    footer = complete_footer()
    footer["on-click-action"]["payload"] = {"photo": "${form.photo}"}
    bad = flow(screen("DONE", picker, footer, terminal=True))
    item = only(validate(bad), "INVALID_ON_CLICK_ACTION_PAYLOAD")
    assert_points_at(item, text_of(bad), '"${form.photo}"')
    picker["max-uploaded-photos"] = 1
    assert validate(flow(screen("DONE", picker, footer, terminal=True))) == []


def test_data_exchange_needs_data_api_version() -> None:
    footer = {"type": "Footer", "label": "Go", "on-click-action": {"name": "data_exchange"}}
    bad = flow(screen("DONE", footer, terminal=True))
    item = only(validate(bad), "NO_SUPPORTED_DATA_API_VERSION")
    assert_points_at(item, text_of(bad), '"data_exchange"')
    good = flow(screen("DONE", footer, terminal=True), routing_model={"DONE": []}, **ENDPOINT)
    assert validate(good) == []


def test_update_data_keys_are_screen_data() -> None:
    opt_in = {
        "type": "OptIn",
        "name": "agree",
        "label": "Agree",
        "on-select-action": {"name": "update_data", "payload": {"shown": True}},
    }
    bad = flow(terminal_screen("DONE", opt_in))
    item = only(validate(bad), "INVALID_ACTION_PAYLOAD_PROPERTY")
    assert_points_at(item, text_of(bad), '"shown"')
    good = flow(
        terminal_screen("DONE", opt_in, data={"shown": {"type": "boolean", "__example__": False}})
    )
    assert validate(good) == []
    # Before 6.0 an OptIn has no on-select-action at all.
    assert codes(validate(dict(good, version="5.1"))) == ["INVALID_PROPERTY_KEY"]


def routed(model: dict[str, list[str]], *screens: dict[str, Any]) -> dict[str, Any]:
    return flow(*screens, routing_model=model)


def chain(*ids: str) -> list[dict[str, Any]]:
    screens = [screen(a, navigate_footer(b)) for a, b in itertools.pairwise(ids)]
    return [*screens, terminal_screen(ids[-1])]


def test_routing_model_screens_exist() -> None:
    bad = routed({"A": ["B"], "B": ["GHOST"]}, *chain("A", "B"))
    item = only(validate(bad), "INVALID_ROUTING_MODEL")
    assert item["message"] == "Screen 'GHOST' in the routing model does not exist."
    assert_points_at(item, text_of(bad), '"GHOST"')
    assert validate(routed({"A": ["B"], "B": []}, *chain("A", "B"))) == []


def test_routing_model_loop() -> None:
    screens = chain("A", "B", "C")
    bad = routed({"A": ["B"], "B": ["C"], "C": ["A"]}, *screens)
    messages = [
        item["message"] for item in validate(bad) if item["error"] == "INVALID_ROUTING_MODEL"
    ]
    assert "Loop detected in the routing model for screens: A, B, C." in messages
    assert any(message.startswith("No entry screen found") for message in messages)


def test_routing_model_back_edge() -> None:
    bad = routed({"A": ["B"], "B": ["A"]}, *chain("A", "B"))
    item = [i for i in validate(bad) if i["message"].startswith("Loop detected")]
    assert item and item[0]["message"] == "Loop detected in the routing model for screens: A, B."


def test_routing_model_branches() -> None:
    targets = [f"T_{chr(65 + i)}" for i in range(11)]
    screens = [screen("A", navigate_footer("T_A")), *[terminal_screen(t) for t in targets]]
    bad = routed({"A": targets}, *screens)
    item = only(validate(bad), "INVALID_ROUTING_MODEL")
    assert item["message"] == "Number of branches exceeds the max limit of 10 for screen: A."
    assert_points_at(item, text_of(bad), '"T_K"')
    assert validate(routed({"A": targets[:10]}, *screens[:11])) == []


def test_navigate_edge_must_be_in_routing_model() -> None:
    bad = routed({"A": [], "B": []}, *chain("A", "B"))
    item = [i for i in validate(bad) if "missing in the routing model" in i["message"]]
    assert len(item) == 1
    assert_points_at(item[0], text_of(bad), '"B"', occurrence=2)


def test_endpoint_routing_model_lists_every_screen() -> None:
    bad = routed({"A": ["B"]}, *chain("A", "B"), terminal_screen("C"))
    bad.update(ENDPOINT)
    item = only(validate(bad), "INVALID_ROUTING_MODEL")
    assert item["message"] == "Screens missing from the routing model: C."


def test_loop_without_a_routing_model() -> None:
    bad = flow(
        screen("A", navigate_footer("B")),
        screen("B", navigate_footer("A")),
        terminal_screen(),
    )
    assert "INVALID_ROUTING_MODEL" in codes(validate(bad))


def body(text: str) -> dict[str, Any]:
    return {"type": "TextBody", "text": text}


def test_data_reference_must_be_declared() -> None:
    bad = flow(terminal_screen("DONE", body("${data.name}")))
    item = only(validate(bad), "INVALID_SCREEN_DYNAMIC_DATA")
    assert item["message"] == "Missing dynamic data 'name' in the data model of screen 'DONE'."
    assert_points_at(item, text_of(bad), '"${data.name}"')
    assert validate(flow(terminal_screen("DONE", body("${data.name}"), data=NAME))) == []


def test_static_and_dynamic_do_not_mix() -> None:
    bad = flow(terminal_screen("DONE", body("Hi ${data.name}"), data=NAME))
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert "mixes static text and dynamic references" in item["message"]
    assert_points_at(item, text_of(bad), '"Hi ${data.name}"')
    expression = flow(terminal_screen("DONE", body("`'Hi ' ${data.name}`"), data=NAME))
    assert validate(expression) == []
    assert codes(validate(dict(expression, version="5.1"))) == ["INVALID_PROPERTY_VALUE"]


def test_data_reference_type_matches_property() -> None:
    hidden = dict(body("x"), visible="${data.name}")
    bad = flow(terminal_screen("DONE", hidden, data=NAME))
    assert codes(validate(bad)) == ["INVALID_SCREEN_DYNAMIC_DATA"]
    flag = {"name": {"type": "boolean", "__example__": True}}
    assert validate(flow(terminal_screen("DONE", hidden, data=flag))) == []


def test_form_reference_names_an_input() -> None:
    footer = complete_footer()
    footer["on-click-action"]["payload"] = {"who": "${form.nobody}"}
    bad = flow(
        screen("DONE", {"type": "TextInput", "name": "first", "label": "N"}, footer, terminal=True)
    )
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert_points_at(item, text_of(bad), '"${form.nobody}"')
    footer["on-click-action"]["payload"] = {"who": "${form.first}"}
    good = flow(
        screen("DONE", {"type": "TextInput", "name": "first", "label": "N"}, footer, terminal=True)
    )
    assert validate(good) == []


def global_refs(reference: str, version: str) -> dict[str, Any]:
    return flow(
        screen(
            "START",
            {"type": "TextInput", "name": "first", "label": "N"},
            navigate_footer("DONE", {}),
        ),
        terminal_screen("DONE", body(reference)),
        version=version,
    )


def test_global_references_from_4_0() -> None:
    assert validate(global_refs("${screen.START.form.first}", "4.0")) == []
    old = global_refs("${screen.START.form.first}", "3.1")
    assert (
        "global references need Flow JSON version 4.0"
        in only(validate(old), "INVALID_PROPERTY_VALUE")["message"]
    )
    ghost = global_refs("${screen.START.form.last}", "4.0")
    assert codes(validate(ghost)) == ["INVALID_PROPERTY_VALUE"]
    short = global_refs("${screen.START.first}", "4.0")
    assert "Did you mean '${screen.START.form.first}'?" in validate(short)[0]["message"]
