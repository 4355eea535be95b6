"""Flow JSON, steps and replies built to break the player end in a sentence, never a crash."""

from __future__ import annotations

import json

import pytest

from flowtui.endpoint import crypto
from flowtui.flowjson.expressions import check_expression, run_expression
from flowtui.player.document import FlowDocument, FlowDocumentError
from flowtui.player.engine import Player, PlayError
from flowtui.player.steps import StepsError, read_steps
from flowtui.player.view import PLACEHOLDER


def one_screen(*children, **extra) -> FlowDocument:
    return FlowDocument.from_json(
        {
            "version": "7.1",
            "screens": [
                {
                    "id": "A",
                    "terminal": True,
                    "layout": {"type": "SingleColumnLayout", "children": list(children)},
                    **extra,
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("1" * 400, "this number has too many digits"),
        ("(" * 200 + "1" + ")" * 200, "the expression nests too deeply"),
        ("!" * 2000 + "true", "the expression nests too deeply"),
    ],
)
def test_expressions_too_large_or_deep_are_syntax_errors(source, said) -> None:
    assert check_expression(source).error.message == said


def test_arithmetic_that_python_cannot_do_is_not_a_number() -> None:
    assert str(run_expression("${data.x} % 2", {"data.x": float("inf")}.get)) == "nan"
    assert run_expression("'' ${data.x}", {"data.x": float("inf")}.get) == "Infinity"


async def test_a_pattern_that_backtracks_forever_is_named_not_run_to_the_end() -> None:
    field = {"type": "TextInput", "name": "x", "label": "X", "pattern": "(a|aa)+b"}
    player = Player(one_screen(field, {"type": "Footer", "label": "Go", "on-click-action": {}}))
    await player.start()
    player.fill("x", "a" * 70)  # 2^35 ways to split: hours for a backtracking matcher
    assert player.problems() == {
        "x": "X: its pattern took over 50 ms on this text (nested repeats such as (a+)+ can "
        "hang a phone too): simplify the pattern"
    }
    player.fill("x", "aab")
    assert player.problems() == {}


async def test_ifs_nested_past_reason_are_a_placeholder() -> None:
    tree: dict = {"type": "TextBody", "text": "deep"}
    for _ in range(500):
        tree = {"type": "If", "condition": "true", "then": [tree]}
    player = Player(one_screen(tree))
    await player.start()
    assert [c.kind for c in player.view().components] == [PLACEHOLDER]


async def test_odd_values_in_props_and_sensitive_are_ignored() -> None:
    from flowtui.player.summary import answers

    player = Player(
        one_screen(
            {"type": "DatePicker", "name": "d", "label": "D", "min-date": "999999999999999"},
            {"type": "TextInput", "name": "t", "label": "T", "max-chars": "²"},
            {
                "type": "Footer",
                "label": "Go",
                "on-click-action": {"name": "complete", "payload": {"n": "`${form.t} * 1`"}},
            },
            sensitive=[{"a": 1}, "t"],
        )
    )
    await player.start()
    player.fill("d", "2026-12-01")
    player.fill("t", "abc")
    assert player.problems() == {}
    await player.click_footer()
    assert player.completion.payload == {"flow_token": "flowtui-player"}  # NaN is null: no key
    assert answers(player) == [("D", "2026-12-01"), ("T", "••••••")]


async def test_open_url_opens_web_pages_only() -> None:
    opened: list[str] = []
    player = Player(
        one_screen(
            {
                "type": "EmbeddedLink",
                "text": "x",
                "on-click-action": {"name": "open_url", "url": "file:///etc/passwd"},
            }
        ),
        open_url=opened.append,
    )
    await player.start()
    with pytest.raises(PlayError, match="web pages only"):
        await player.click("x")
    assert opened == []


def test_json_too_deep_or_too_large_is_refused_with_a_sentence() -> None:
    with pytest.raises(FlowDocumentError, match="too deep or too large"):
        FlowDocument.from_text('{"version": ' + "9" * 5000 + "}")
    with pytest.raises(StepsError, match="too deep or too large"):
        read_steps("[" * 5000 + "]" * 5000)


def test_a_reply_too_deep_to_read_is_a_decryption_error() -> None:
    key, iv = bytes(16), bytes(16)
    sealed = crypto.encrypt_reply({}, key, iv)  # a valid reply...
    deep = json.dumps([]).join(["[" * 3000, "]" * 3000])  # ...and one nested 3,000 deep
    import base64

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = base64.b64encode(AESGCM(key).encrypt(crypto.flipped(iv), deep.encode(), None)).decode()
    assert crypto.decrypt_reply(sealed, key, iv) == {}
    with pytest.raises(crypto.ReplyDecryptionError, match="not JSON"):
        crypto.decrypt_reply(body, key, iv)


async def test_a_reply_whose_data_is_not_an_object_is_a_schema_error() -> None:
    class Odd:
        async def exchange(self, request):
            return 200, {"screen": "A", "data": [1, 2]}

    player = Player(
        one_screen(
            {
                "type": "Footer",
                "label": "Go",
                "on-click-action": {"name": "data_exchange", "payload": {}},
            }
        ),
        endpoint=Odd(),
    )
    await player.start()
    with pytest.raises(PlayError, match="payload-schema-error: the reply's data is not an object"):
        await player.click_footer()
