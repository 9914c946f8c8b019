from __future__ import annotations

import grpc
import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.emulator import Emulator


async def test_get_api_key_info_describes_the_key(client, xai_emulator: Emulator) -> None:
    info = await outcome(client.auth.get_api_key_info())
    assert info.redacted_api_key == f"{xai_emulator.api_key[:4]}...{xai_emulator.api_key[-4:]}"
    assert info.team_id == "emulator-team"
    assert not info.api_key_blocked


async def test_a_wrong_key_is_an_authentication_error(xai_emulator: Emulator) -> None:
    async with xai_emulator.async_client(api_key="not-the-key") as client:
        with pytest.raises(errors.AuthenticationError) as raised:
            await client.auth.get_api_key_info()
    assert raised.value.code() is grpc.StatusCode.UNAUTHENTICATED
    assert isinstance(raised.value, grpc.aio.AioRpcError)
    assert "not-the-key" not in str(raised.value) + repr(raised.value)
