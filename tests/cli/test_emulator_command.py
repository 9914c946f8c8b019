"""`xai emulator`: serves the emulator and prints the environment that points `xai` at it."""

from __future__ import annotations

import signal
import subprocess

from tests.cli.conftest import COMMAND, clean_environment, one_error_line, table_column
from xai_sdk.emulator import Emulator


def test_the_emulator_prints_what_to_export_and_serves_the_other_commands() -> None:
    process = subprocess.Popen(
        [*COMMAND, "emulator", "--port", "0", "--api-key", "my-test-key"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_environment(),
    )
    try:
        assert process.stdout is not None
        exports = [process.stdout.readline().strip() for _ in range(4)]
        names = [line.removeprefix("export ").split("=", 1)[0] for line in exports]
        assert names == ["XAI_API_HOST", "XAI_MANAGEMENT_API_HOST", "XAI_API_KEY", "XAI_MANAGEMENT_KEY"]
        env = {**clean_environment(), **dict(line.removeprefix("export ").split("=", 1) for line in exports)}
        assert env["XAI_API_KEY"] == "my-test-key"
        models = subprocess.run(
            [*COMMAND, "models"], capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert models.returncode == 0, models.stderr
        assert "grok-4" in table_column(models.stdout, "MODEL")
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0
    assert stderr.startswith("# xai emulator serving on 127.0.0.1:")


def test_a_port_in_use_is_one_line_and_exit_1(xai_emulator: Emulator) -> None:
    result = subprocess.run(
        [*COMMAND, "emulator", "--port", str(xai_emulator.port)],
        capture_output=True,
        text=True,
        env=clean_environment(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    # gRPC's own log line about the failed bind may come first.
    assert result.stderr.splitlines()[-1] == (
        f"xai emulator: the emulator could not listen on 127.0.0.1:{xai_emulator.port} (is the port in use?)"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_bad_port_is_a_usage_error_of_xai_emulator() -> None:
    result = subprocess.run(
        [*COMMAND, "emulator", "--port", "eighty"],
        capture_output=True,
        text=True,
        env=clean_environment(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert one_error_line(result).startswith("xai emulator: error: argument --port: invalid int value")
