"""xai_api.Auth: describes the key the call was made with."""

from __future__ import annotations

import hashlib

from google.protobuf import empty_pb2

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import EMULATOR_EPOCH, EmulatorCall, timestamp
from xai_sdk.proto import auth_pb2


def redact(key: str) -> str:
    """The redacted form of a key, as the API shows it: its ends only."""
    return f"{key[:4]}...{key[-4:]}" if len(key) > 12 else "****"


class Auth:
    """Answers with a synthetic but stable description of the presented key."""

    full_name = "xai_api.Auth"

    def get_api_key_info(self, request: empty_pb2.Empty, call: EmulatorCall) -> auth_pb2.ApiKey:
        """Describe the key from the call's authorization header."""
        key = str(call.record.headers.get("authorization", "")).removeprefix("Bearer ")
        key_id = hashlib.sha256(key.encode()).hexdigest()[:16]
        return auth_pb2.ApiKey(
            redacted_api_key=redact(key),
            user_id="emulator-user",
            name="emulator key",
            create_time=timestamp(EMULATOR_EPOCH),
            modify_time=timestamp(EMULATOR_EPOCH),
            modified_by="emulator-user",
            team_id=catalog.TEAM_ID,
            acls=["api-key:model:*", "api-key:endpoint:*"],
            api_key_id=key_id,
            api_key_blocked=False,
            team_blocked=False,
            disabled=False,
        )
