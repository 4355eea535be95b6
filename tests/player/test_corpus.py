"""Every flow of the shared corpus plays: each screen opens headless, the first on the player's
screen, and two are walked end to end. (The corpus is other projects' data beside the checkout;
without it these tests skip, and under CI they fail.)"""

from __future__ import annotations

import json

from flowtui.player.document import FlowDocument, FlowDocumentError
from flowtui.player.engine import Player
from flowtui.tui.player_app import PlayerApp
from flowtui.tui.widgets.player_parts import Part
from tests.flow_data import require_corpus

UNPLAYABLE = {"devlooped__WhatsApp__invalid-empty-screens.json"}  # it has no screens at all


def corpus_documents() -> dict[str, FlowDocument]:
    found: dict[str, FlowDocument] = {}
    for path in sorted(require_corpus().glob("*.json")):
        try:
            found[path.name] = FlowDocument.from_text(path.read_text(encoding="utf-8"))
        except FlowDocumentError:
            assert path.name in UNPLAYABLE, path.name
    assert set(found) | UNPLAYABLE == {p.name for p in require_corpus().glob("*.json")}
    return found


async def test_every_screen_of_every_corpus_flow_opens() -> None:
    kinds: set[str] = set()
    for name, document in corpus_documents().items():
        for screen in document.screens:
            player = Player(document)
            await player.start(screen)
            view = player.view()
            assert view.id == screen, name
            kinds |= {component.kind for component in view.components}
            player.footer_state(view)  # never raises
    # The corpus holds every family of components the player draws.
    assert {
        "TextHeading",
        "RichText",
        "TextInput",
        "CheckboxGroup",
        "ChipsSelector",
        "CalendarPicker",
        "NavigationList",
        "ImageCarousel",
        "PhotoPicker",
    } <= kinds


async def test_every_corpus_flow_is_drawn_on_the_players_screen() -> None:
    for name, document in corpus_documents().items():
        app = PlayerApp(document, title=name)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.screen.player.view()
            expected = [c.key for c in view.components if c.kind != "Footer"]
            assert [p.shown.key for p in app.screen.query(Part)] == expected, name


async def play(name: str, steps: list) -> dict:
    from flowtui.player.steps import read_steps, run_steps

    document = FlowDocument.from_text((require_corpus() / name).read_text(encoding="utf-8"))
    player = Player(document, flow_token="corpus-1")
    await player.start()
    return await run_steps(player, read_steps(json.dumps(steps)))


async def test_metas_survey_walked_to_its_completion() -> None:
    name = "WhatsApp__WhatsApp-Flows-Tools__creating-surveys-survey.json"
    document = FlowDocument.from_text((require_corpus() / name).read_text(encoding="utf-8"))
    player = Player(document)
    await player.start()
    answers = {n: "0" for n in player.view().inputs}  # the first answer to every question
    transcript = await play(name, [{"fill": answers}, {"click": "footer"}])
    assert transcript["error"] is None, transcript["error"]
    assert transcript["result"]["payload"] == {**answers, "flow_token": "corpus-1"}


async def test_pywa_forward_references_walked_there_and_back() -> None:
    transcript = await play(
        "david-lev__pywa__v4_0-forward-refs.json",
        [
            {"expect_screen": "SELECT_SERVICES"},
            {"click": "Choose insurance type"},
            {"fill": {"insurance": "full"}},
            {"back": True},
            {"expect_screen": "SELECT_SERVICES"},
            {"click": "footer"},
        ],
    )
    assert transcript["error"] is None, transcript["error"]
    assert transcript["screens"] == ["SELECT_SERVICES", "SELECT_INSURANCE", "SELECT_SERVICES"]
    assert transcript["result"]["payload"] == {
        "selected_insurance_type": "full",
        "flow_token": "corpus-1",
    }
