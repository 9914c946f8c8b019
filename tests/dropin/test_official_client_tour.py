"""The official xai-sdk 1.21.0 client drives the emulator through every public method, sync and async.

The client is installed from the wheelhouse into its own virtual environment (the
``official_sdk`` fixture) and runs `official_tour.py` there, once per mode, against an emulator
of this module; each public method of its sub-clients (52) and of its chat object (9) is one
test per mode, which passes when every check of that method's answer held.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.reference import OfficialSdk, clean_environment
from xai_sdk.emulator import Emulator

TOUR = Path(__file__).with_name("official_tour.py")
MODES = ("sync", "async")

SUB_CLIENT_METHODS = {
    "auth": ["get_api_key_info"],
    "batch": ["add", "cancel", "create", "get", "list", "list_batch_requests", "list_batch_results"],
    "chat": ["compact_context", "create", "delete_stored_completion", "get_stored_completion"],
    "collections": [
        "add_existing_document",
        "batch_get_documents",
        "create",
        "delete",
        "generate_description",
        "get",
        "get_document",
        "list",
        "list_documents",
        "reindex_document",
        "remove_document",
        "search",
        "update",
        "update_document",
        "upload_document",
    ],
    "files": [
        "batch_upload",
        "content",
        "create_public_url",
        "delete",
        "get",
        "list",
        "revoke_public_url",
        "upload",
    ],
    "image": ["prepare", "sample", "sample_batch"],
    "models": [
        "get_embedding_model",
        "get_image_generation_model",
        "get_language_model",
        "list_embedding_models",
        "list_image_generation_models",
        "list_language_models",
    ],
    "tokenize": ["tokenize_text"],
    "video": ["extend", "extend_start", "generate", "get", "prepare", "prepare_extension", "start"],
}
"""The official surface: 52 methods (the reference's checklist, section 0)."""
CHAT_METHODS = [
    "append",
    "compact",
    "defer",
    "defer_batch",
    "parse",
    "sample",
    "sample_batch",
    "stream",
    "stream_batch",
]
METHODS = sorted(
    [f"{service}.{method}" for service, methods in SUB_CLIENT_METHODS.items() for method in methods]
    + [f"Chat.{method}" for method in CHAT_METHODS]
)


@pytest.fixture(scope="module")
def tour(official_sdk: OfficialSdk, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the official client's tour found, per mode (each against a fresh emulator)."""
    outcomes = {}
    for mode in MODES:
        with Emulator() as emulator:
            result = subprocess.run(
                [
                    str(official_sdk.python),
                    str(TOUR),
                    "--mode",
                    mode,
                    "--address",
                    f"localhost:{emulator.port}",
                    "--api-key",
                    emulator.api_key,
                    "--management-key",
                    emulator.management_api_key,
                ],
                capture_output=True,
                text=True,
                env=clean_environment(),
                cwd=tmp_path_factory.mktemp(f"tour-{mode}"),
                timeout=300,
                check=False,
            )
        assert result.returncode == 0, result.stderr
        outcomes[mode] = json.loads(result.stdout.strip().splitlines()[-1])
    return outcomes


def test_the_tour_covers_the_official_surface() -> None:
    assert len(METHODS) == 61 and sum(len(methods) for methods in SUB_CLIENT_METHODS.values()) == 52


@pytest.mark.parametrize("mode", MODES)
def test_the_official_client_has_no_public_method_the_tour_leaves_out(
    tour: dict[str, Any], mode: str
) -> None:
    assert tour[mode]["public"] == METHODS
    assert sorted(tour[mode]["methods"]) == METHODS  # no setup step broke either


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("mode", MODES)
def test_the_official_client_gets_the_right_answer(tour: dict[str, Any], mode: str, method: str) -> None:
    outcome = tour[mode]["methods"].get(method, {"ok": False, "detail": "not called"})
    assert outcome["ok"], outcome["detail"]
