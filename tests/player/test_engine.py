"""The player runs our own Flow JSON (tests/flowjson/flows) as the WhatsApp client would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowtui.player.document import FlowDocument
from flowtui.player.engine import Player, PlayError
from flowtui.player.view import PLACEHOLDER

FLOWS = Path(__file__).parents[1] / "flowjson" / "flows"


def document(name: str) -> FlowDocument:
    return FlowDocument.from_text((FLOWS / f"{name}.json").read_text())


def inline(version: str, *screens: dict) -> FlowDocument:
    return FlowDocument.from_json({"version": version, "screens": list(screens)})


def screen(screen_id: str, *children: dict, **extra) -> dict:
    return {
        "id": screen_id,
        "layout": {"type": "SingleColumnLayout", "children": list(children)},
        **extra,
    }


async def test_a_choice_picks_the_switch_case_on_the_screen_it_leads_back_to() -> None:
    player = Player(document("v4_0_plan_summary"), flow_token="t-1")
    await player.start()
    assert player.current.id == "SUMMARY"  # the routing model's entry: no route leads to it
    texts = [c.text("text") for c in player.view().components if c.kind == "TextBody"]
    assert texts == ["No plan chosen yet."]
    await player.click("Choose or change the plan")
    assert player.current.id == "CHOOSE_PLAN"
    player.fill("plan", "plus")
    await player.back()
    assert player.current.id == "SUMMARY"
    texts = [c.text("text") for c in player.view().components if c.kind == "TextBody"]
    assert texts == ["Plus: 30 GB a month and roaming."]
    await player.click_footer()
    assert player.completion is not None
    assert player.completion.payload == {"plan": "plus", "flow_token": "t-1"}
    assert [e.type for e in player.log] == ["init", "navigate", "back", "complete"]


async def test_the_footer_stays_disabled_until_the_screen_is_complete() -> None:
    player = Player(document("v6_2_help_topics"))
    await player.start()
    await player.click("orders")  # a NavigationList item: its navigate payload is the data
    assert player.current.id == "ORDER_NUMBER" and player.current.data == {"topic": "orders"}
    assert player.footer_state().reason == "Order or account no. is required."
    player.fill("reference", "ab12")
    assert player.footer_state().reason == "Two letters and six digits, e.g. AB123456."
    with pytest.raises(PlayError, match="cannot be pressed: Two letters"):
        await player.click_footer()
    player.fill("reference", "AB123456")
    assert player.footer_state().enabled
    await player.click_footer()
    assert player.completion.payload == {
        "topic": "orders",
        "reference": "AB123456",
        "flow_token": "flowtui-player",
    }


async def test_update_data_changes_what_the_screen_shows() -> None:
    player = Player(document("v6_0_pickup_point"))
    await player.start()
    names = lambda: [c.name for c in player.view().components if c.is_input]  # noqa: E731
    assert names() == ["region"]
    await player.select("region", "north")  # its on-select-action: update_data
    assert player.current.data["show_towns"] is True
    assert "town" in names()
    assert [e.type for e in player.log][-1] == "update_data"


async def test_first_screen_data_is_given_or_the_examples() -> None:
    plain = Player(document("v6_2_help_topics"))
    await plain.start("ORDER_NUMBER")
    assert plain.current.data == {"topic": "orders"}  # the __example__
    given = Player(document("v6_2_help_topics"))
    await given.start("ORDER_NUMBER", {"topic": "account"})
    assert given.current.data == {"topic": "account"}
    with pytest.raises(PlayError, match="no screen 'NOPE'"):
        await Player(document("v6_2_help_topics")).start("NOPE")


async def test_backtick_expressions_run_from_6_0_and_not_before() -> None:
    heading = {"type": "TextHeading", "text": "`'Hello, ' ${data.name}`"}
    # Before 6.0 backticks are text; the reference inside is written out (as in a title).
    for version, shown in (("6.0", "Hello, Ana"), ("5.1", "`'Hello, ' Ana`")):
        player = Player(inline(version, screen("A", heading, data={})))
        await player.start(data={"name": "Ana"})
        assert player.view().components[0].text("text") == shown


async def test_unknown_components_and_versions_are_placeholders_not_crashes() -> None:
    player = Player(
        inline(
            "4.0",
            screen(
                "A",
                {"type": "Hologram", "text": "?"},
                {"type": "NavigationList", "name": "n", "list-items": []},  # 6.2+
                "not even an object",
                {"type": "TextBody", "text": "still shown"},
            ),
        )
    )
    await player.start()
    components = player.view().components
    assert [c.kind for c in components] == [PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, "TextBody"]
    assert components[0].problem == "Hologram is not a Flow JSON component"
    assert components[1].problem == "NavigationList needs Flow JSON 6.2; this flow is 4.0"


async def test_init_values_fill_the_form_once_and_invisible_inputs_are_not_checked() -> None:
    player = Player(
        inline(
            "7.0",
            screen(
                "A",
                {
                    "type": "Form",
                    "name": "f",
                    "init-values": {"city": "Porto"},
                    "children": [
                        {"type": "TextInput", "name": "city", "label": "City", "required": True},
                        {
                            "type": "TextInput",
                            "name": "hidden",
                            "label": "Hidden",
                            "required": True,
                            "visible": False,
                        },
                        {
                            "type": "Footer",
                            "label": "Go",
                            "on-click-action": {
                                "name": "complete",
                                "payload": {"city": "${form.city}"},
                            },
                        },
                    ],
                },
                terminal=True,
            ),
        )
    )
    await player.start()
    assert player.current.form == {"city": "Porto"}
    assert player.footer_state().enabled
    player.fill("city", "Lisboa")
    await player.click_footer()
    assert player.completion.payload["city"] == "Lisboa"


@pytest.mark.parametrize(
    ("component", "value", "problem"),
    [
        (
            {"type": "TextInput", "label": "Mail", "input-type": "email"},
            "x@",
            "Mail: not an email address",
        ),
        ({"type": "TextInput", "label": "Age", "input-type": "number"}, "ten", "Age: not a number"),
        (
            {"type": "TextInput", "label": "Name", "max-chars": 3},
            "Anabel",
            "Name: at most 3 characters",
        ),
        (
            {"type": "TextInput", "label": "Name", "min-chars": 3},
            "Al",
            "Name: at least 3 characters",
        ),
        ({"type": "TextArea", "label": "Notes"}, "x" * 601, "Notes: at most 600 characters"),
        (
            {
                "type": "CheckboxGroup",
                "label": "Toppings",
                "max-selected-items": 1,
                "data-source": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            },
            ["a", "b"],
            "Toppings: choose at most 1",
        ),
        (
            {"type": "DatePicker", "label": "Day", "min-date": "2026-12-10"},
            "2026-12-01",
            "Day: 2026-12-01 is before 2026-12-10",
        ),
        (
            {"type": "DatePicker", "label": "Day", "unavailable-dates": ["1767312000000"]},
            "1767312000000",
            "Day: 2026-01-02 is not available",
        ),  # before 5.0: milliseconds
        (
            {"type": "CalendarPicker", "label": "Stay", "mode": "range", "max-days": 3},
            {"start-date": "2026-12-01", "end-date": "2026-12-05"},
            "Stay: at most 3 days",
        ),
        (
            {"type": "CalendarPicker", "label": "Visit", "include-days": ["Mon", "Tue"]},
            "2026-12-05",
            "Visit: Saturdays cannot be chosen",
        ),
        ({"type": "OptIn", "label": "Terms", "required": True}, False, "Terms is required"),
        (
            {"type": "TextInput", "label": "PIN", "pattern": "[0-9]{4}", "helper-text": "4 digits"},
            "12a4",
            "4 digits",
        ),
        (
            {"type": "TextInput", "label": "Code", "pattern": "[A-Z]{2}[0-9]+"},
            "AB12 ",  # all of the text must match, as in the client
            "Code: does not match [A-Z]{2}[0-9]+",
        ),
    ],
)
async def test_inputs_are_checked_as_the_user_types(component, value, problem) -> None:
    player = Player(inline("7.0", screen("A", {**component, "name": "x"})))
    await player.start()
    player.fill("x", value)
    assert player.problems() == {"x": problem}


async def test_fills_the_component_cannot_take_are_refused_with_its_options() -> None:
    player = Player(document("v4_0_plan_summary"))
    await player.start("CHOOSE_PLAN")
    with pytest.raises(PlayError, match=r"no option 'gold' \(options: lite, plus, max\)"):
        player.fill("plan", "gold")
    with pytest.raises(PlayError, match="shows no input 'email' \\(inputs: plan\\)"):
        player.fill("email", "a@b.co")


async def test_data_exchange_without_an_endpoint_says_how_to_give_one() -> None:
    player = Player(document("v2_1_court_booking"))
    await player.start()
    with pytest.raises(PlayError, match=r"needs the flow.s endpoint.*--endpoint URL"):
        await player.select("court", "clay_1")


async def test_every_flow_of_ours_opens_on_its_first_screen() -> None:
    for path in sorted(FLOWS.glob("v*.json")):
        player = Player(FlowDocument.from_text(path.read_text()))
        await player.start()
        view = player.view()
        assert view.components, path.name
        assert json.dumps([c.props for c in view.components], default=str)


async def test_choosing_another_radio_option_lets_the_first_one_go() -> None:
    def option(option_id: str) -> dict:
        return {
            "id": option_id,
            "title": option_id,
            "on-select-action": {"name": "update_data", "payload": {"on": option_id}},
            "on-unselect-action": {"name": "update_data", "payload": {"off": option_id}},
        }

    player = Player(
        inline(
            "6.0",
            screen(
                "A",
                {
                    "type": "RadioButtonsGroup",
                    "name": "r",
                    "label": "R",
                    "data-source": [option("a"), option("b")],
                },
                data={},
            ),
        )
    )
    await player.start()
    await player.select("r", "a")
    await player.select("r", "b")
    assert [e.payload for e in player.log[1:]] == [{"on": "a"}, {"off": "a"}, {"on": "b"}]


async def test_actions_newer_than_the_flow_are_not_run() -> None:
    player = Player(
        inline(
            "5.1",
            screen(
                "A",
                {
                    "type": "EmbeddedLink",
                    "text": "Go",
                    "on-click-action": {"name": "update_data", "payload": {"x": 1}},
                },
                data={},
            ),
        )
    )
    await player.start()
    with pytest.raises(PlayError, match=r"update_data needs Flow JSON 6\.0; this flow is 5\.1"):
        await player.click("Go")
