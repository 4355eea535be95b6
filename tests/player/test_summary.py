"""The chat's summary of a completed flow masks ``sensitive`` fields as WhatsApp does."""

from __future__ import annotations

from flowtui.player.document import FlowDocument
from flowtui.player.engine import Player
from flowtui.player.summary import MASK, answers

FLOW = {
    "version": "7.1",
    "screens": [
        {
            "id": "ACCOUNT",
            "terminal": True,
            "sensitive": ["card", "password", "photo", "agree"],
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "TextInput", "name": "name", "label": "Name"},
                    {"type": "TextInput", "name": "card", "label": "Card number"},
                    {
                        "type": "TextInput",
                        "name": "password",
                        "label": "Password",
                        "input-type": "password",
                    },
                    {
                        "type": "RadioButtonsGroup",
                        "name": "plan",
                        "label": "Plan",
                        "data-source": [{"id": "p1", "title": "Premium"}],
                    },
                    {"type": "PhotoPicker", "name": "photo", "label": "Selfie"},
                    {"type": "OptIn", "name": "agree", "label": "I agree"},
                    {
                        "type": "Footer",
                        "label": "Done",
                        "on-click-action": {
                            "name": "complete",
                            "payload": {"card": "${form.card}"},
                        },
                    },
                ],
            },
        }
    ],
}


async def test_sensitive_answers_are_masked_or_left_out() -> None:
    player = Player(FlowDocument.from_json(FLOW))
    await player.start()
    player.fill("name", "Ana")
    player.fill("card", "4111 1111 1111 1111")
    player.fill("password", "hunter2")
    player.fill("plan", "p1")
    player.fill("photo", [{"file_name": "me.jpg", "mime_type": "image/jpeg"}])
    player.fill("agree", True)
    await player.click_footer()
    assert answers(player) == [
        ("Name", "Ana"),
        ("Card number", MASK),
        ("Plan", "Premium"),
        ("I agree", "Yes"),
    ]
    # The business still receives what was typed: masking is the chat's, not the payload's.
    assert player.completion.payload["card"] == "4111 1111 1111 1111"
