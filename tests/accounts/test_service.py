from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import keyring
import pytest

from flowtui.accounts import service
from flowtui.accounts.config_file import ConfigFileError, load_config
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_source import TokenOrigin
from flowtui.accounts.verify import VerificationFailure, VerificationResult
from flowtui.api.secret import Token
from tests.memory_keyring import MemoryKeyring

from .conftest import OTHER_TOKEN, TOKEN, WABA

WORK = Profile(name="work", waba_id=WABA)
REAL = ("flowtui:graph.facebook.com", "work")


class Verifier:
    def __init__(self, ok: bool = True) -> None:
        self.ok = ok
        self.calls: list[tuple[Profile, Token]] = []

    async def __call__(self, profile: Profile, token: Token) -> VerificationResult:
        self.calls.append((profile, token))
        if self.ok:
            return VerificationResult(ok=True, message="works")
        return VerificationResult(
            ok=False, message="refused", failure=VerificationFailure.INVALID_TOKEN
        )


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "config.toml"


async def test_failed_verification_saves_nothing(
    config_path: Path, memory_keyring: MemoryKeyring
) -> None:
    verifier = Verifier(ok=False)
    outcome = await service.login(config_path, WORK, Token(TOKEN), verifier=verifier)
    assert not outcome.ok
    assert verifier.calls == [(WORK, Token(TOKEN))]
    assert memory_keyring.entries == {}
    assert not config_path.exists()


async def test_a_broken_config_fails_before_the_network(config_path: Path) -> None:
    config_path.parent.mkdir()
    config_path.write_text("[profiles.work\n")
    verifier = Verifier()
    with pytest.raises(ConfigFileError):
        await service.login(config_path, WORK, Token(TOKEN), verifier=verifier)
    assert verifier.calls == []


async def test_moving_a_profile_to_another_host_forgets_the_old_entry(
    config_path: Path, memory_keyring: MemoryKeyring
) -> None:
    await service.login(config_path, WORK, Token(TOKEN), verifier=Verifier())
    sandbox = Profile(name="work", waba_id=WABA, base_url="http://127.0.0.1:8765")
    outcome = await service.login(config_path, sandbox, Token(OTHER_TOKEN), verifier=Verifier())
    assert outcome.stored_in is not None
    assert memory_keyring.entries == {("flowtui:127.0.0.1:8765", "work"): OTHER_TOKEN}
    assert load_config(config_path).get("work").base_url == "http://127.0.0.1:8765"


async def test_a_failed_config_write_takes_a_new_token_back_out(
    config_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(config: object, path: Path) -> None:
        raise ConfigFileError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(service, "save_config", disk_full)
    with pytest.raises(ConfigFileError, match="No space left"):
        await service.login(config_path, WORK, Token(TOKEN), verifier=Verifier())
    assert memory_keyring.entries == {}


async def test_login_without_keyring_keeps_any_token_out_of_it(
    config_path: Path, memory_keyring: MemoryKeyring
) -> None:
    outcome = await service.login(
        config_path, WORK, Token(TOKEN), store_in_keyring=False, verifier=Verifier()
    )
    assert outcome.ok and outcome.stored_in is None and outcome.is_default
    assert memory_keyring.entries == {}
    assert load_config(config_path).names == ("work",)


def test_profiles_without_tokens(config_path: Path, memory_keyring: MemoryKeyring) -> None:
    service.save_profile(config_path, WORK)
    service.save_profile(config_path, Profile(name="b", waba_id="2"))
    assert service.list_profiles(config_path).default_name == "work"
    service.set_default_profile(config_path, "b")
    assert service.list_profiles(config_path).default_name == "b"
    assert memory_keyring.entries == {}


class HangingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(10)
        return None


async def test_status_keeps_the_event_loop_free_while_the_keyring_hangs(
    config_path: Path,
) -> None:
    service.save_profile(config_path, WORK)
    backend = HangingKeyring()
    keyring.set_keyring(backend)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticking = asyncio.create_task(ticker())
    try:
        status = await service.account_status(config_path, keyring_timeout=0.3)
    finally:
        ticking.cancel()
        backend.release.set()
    assert ticks >= 10
    assert status.token.origin is TokenOrigin.NONE
    assert status.token.problem is not None and "did not answer" in status.token.problem
    assert status.verification is None
