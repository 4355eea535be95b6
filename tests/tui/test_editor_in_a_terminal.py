"""End to end in a real terminal: ``flowtui --sandbox`` in a pseudo-terminal, ``E`` with an
editor that fails, and the app must come back: the flow list drawn again with the message, and
keys reaching the app (``q`` quits it).

Pilot can't show this: its headless driver can't suspend, so there ``App.suspend()`` is never
entered. Here the real Linux driver hands the terminal to the editor and must take it back.
(Textual resumes only when the block inside ``suspend()`` ends without an exception; a failing
editor used to raise in there and leave a blank screen echoing keys.)
"""

from __future__ import annotations

LIST = "Newsletter sign-up"  # a row of the demo flow list


def test_a_failing_editor_gives_the_terminal_back_to_the_app(flowtui):
    terminal = flowtui("--sandbox", EDITOR="false")
    terminal.wait_for(LIST)
    terminal.send(b"E")  # on the first row, a DRAFT
    screen = terminal.wait_for(LIST, "Not uploaded", timeout=30)  # the list, and the message
    assert "'false' exited with" in screen
    terminal.send(b"q")
    assert terminal.wait_for_exit(timeout=15) == 0, terminal.text()


def test_ctrl_c_during_the_editor_stops_the_editor_not_the_app(flowtui):
    # What ctrl+c does while an editor that doesn't read keys raw runs: SIGINT to the whole
    # foreground group, the app included.
    terminal = flowtui("--sandbox", EDITOR="sh -c 'kill -INT 0; sleep 5'")
    terminal.wait_for(LIST)
    terminal.send(b"E")
    screen = terminal.wait_for(LIST, "Not uploaded", timeout=30)
    assert "stopped by ctrl+c" in screen
    terminal.send(b"q")
    assert terminal.wait_for_exit(timeout=15) == 0, terminal.text()


def test_quitting_while_the_first_page_is_pending_is_immediate(flowtui):
    import socket

    # A server that accepts connections and never answers: the first page stays pending
    # (the client's timeout is 30 s).
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        terminal = flowtui("--base-url", url, "--waba-id", "1", FLOWTUI_TOKEN="EAAGquitTest0123")
        terminal.wait_for("Loading flows")
        terminal.send(b"q")
        # It used to wait for the pending request (a thread joined at exit): 30 s or more.
        assert terminal.wait_for_exit(timeout=10) == 0, terminal.text()
