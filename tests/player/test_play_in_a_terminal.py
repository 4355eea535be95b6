"""``flowtui play FILE`` full screen, in a real pseudo-terminal: offline, and on the sandbox's
demo endpoint (INIT, then the Actions log with the HTTP status)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from flowtui.sandbox.server import running_sandbox
from tests.player.test_demo_endpoint import BOOK_A_TABLE, TOKEN, public_key_file
from tests.terminal import flowtui  # noqa: F401 (a fixture)

FLOWS = Path(__file__).parents[1] / "flowjson" / "flows"


def test_a_local_flow_plays_full_screen_and_ctrl_q_quits(flowtui):  # noqa: F811
    terminal = flowtui("play", str(FLOWS / "v6_2_help_topics.json"))
    terminal.wait_for("✕ Help", "An order", "init on TOPICS")
    terminal.send(b"\r")  # the first topic
    terminal.wait_for("← Your reference", "navigate on TOPICS")
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait_for_exit(timeout=15) == 0, terminal.text()


def test_an_endpoint_flow_opens_with_init_on_its_endpoint(flowtui, tmp_path):  # noqa: F811
    flow = tmp_path / "book_a_table.json"
    flow.write_text(
        resources.files("flowtui.sandbox").joinpath("demo_flows/book_a_table.json").read_text()
    )
    with running_sandbox(token=TOKEN) as url:
        key = public_key_file(url, tmp_path)
        terminal = flowtui(
            "play",
            str(flow),
            "--endpoint",
            f"{url}/endpoint/{BOOK_A_TABLE}",
            "--public-key",
            str(key),
        )
        terminal.wait_for("Book a table", "init · HTTP 200", '"screen": "TABLE"')
        terminal.send(b"\x11")
        assert terminal.wait_for_exit(timeout=15) == 0, terminal.text()
