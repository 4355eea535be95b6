"""PhotoPicker and DocumentPicker: local files checked as the client checks them, and sent as
the response message lists media."""

from __future__ import annotations

import hashlib

import pytest

from flowtui.player.document import FlowDocument
from flowtui.player.engine import Player

FLOW = FlowDocument.from_json(
    {
        "version": "7.1",
        "screens": [
            {
                "id": "UPLOAD",
                "terminal": True,
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {
                            "type": "DocumentPicker",
                            "name": "docs",
                            "label": "Invoices",
                            "allowed-mime-types": ["application/pdf"],
                            "max-file-size-kb": 1,
                            "min-uploaded-documents": 1,
                            "max-uploaded-documents": 2,
                        },
                        {
                            "type": "Footer",
                            "label": "Send",
                            "on-click-action": {
                                "name": "complete",
                                "payload": {"docs": "${form.docs}"},
                            },
                        },
                    ],
                },
            }
        ],
    }
)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 tiny")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "big.pdf").write_bytes(b"x" * 2048)
    return tmp_path


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (["notes.txt"], "Invoices: notes.txt: text/plain is not one of application/pdf"),
        (["big.pdf"], "Invoices: big.pdf: 2 KB, more than 1 KB"),
        (["gone.pdf"], "Invoices: gone.pdf: no such file"),
        (["a.pdf", "a.pdf", "a.pdf"], "Invoices: choose at most 2"),
        ([], "Invoices: choose at least 1"),
    ],
)
async def test_files_the_client_would_not_take_are_named(files, names, problem) -> None:
    player = Player(FLOW)
    await player.start()
    player.fill("docs", [str(files / name) for name in names])
    assert player.footer_state().reason == problem + "."


async def test_a_file_goes_as_the_response_message_lists_it(files) -> None:
    player = Player(FLOW)
    await player.start()
    player.fill("docs", [str(files / "a.pdf")])
    assert player.footer_state().enabled
    await player.click_footer()
    sha = hashlib.sha256(b"%PDF-1.4 tiny").hexdigest()
    assert player.completion.payload["docs"] == [
        {"file_name": "a.pdf", "mime_type": "application/pdf", "sha256": sha, "id": sha[:16]}
    ]  # and never where the file lies on this machine
