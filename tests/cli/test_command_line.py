"""What every `xai` command shares: help, version, configuration by environment, exit statuses."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import COMMAND, Cli, one_error_line
from xai_sdk.emulator import Emulator

COMMANDS = [
    ["chat"],
    ["models"],
    ["tokenize"],
    ["image"],
    ["files"],
    ["files", "upload"],
    ["files", "list"],
    ["files", "get"],
    ["files", "delete"],
    ["files", "download"],
    ["collections"],
    ["collections", "create"],
    ["collections", "list"],
    ["collections", "delete"],
    ["collections", "upload"],
    ["collections", "documents"],
    ["collections", "search"],
    ["emulator"],
]


def test_the_help_lists_every_command_and_the_environment(xai: Cli) -> None:
    result = xai("--help")
    assert result.returncode == 0
    for command in {path[0] for path in COMMANDS}:
        assert f"    {command}" in result.stdout
    assert "XAI_API_KEY" in result.stdout and "XAI_API_HOST" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_its_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # In-process (the parser is the same) to keep the suite fast; `emulator` parses its own.
    from xai_sdk.cli import main

    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: xai {' '.join(command)}")


def test_a_command_help_in_a_subprocess(xai: Cli) -> None:
    result = xai("files", "download", "--help")
    assert result.returncode == 0
    assert "--progress, --no-progress" in result.stdout


def test_the_version_is_the_sdk_version(xai: Cli) -> None:
    import xai_sdk

    result = xai("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"xai {xai_sdk.__version__}"


@pytest.mark.parametrize("command", [[], ["files"], ["collections"]], ids=lambda c: " ".join(["xai", *c]))
def test_a_command_group_alone_prints_its_usage_and_exits_2(xai: Cli, command: list[str]) -> None:
    result = xai(*command)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: xai {' '.join(command)}".rstrip())
    assert result.stdout == ""


def test_an_unknown_option_is_a_one_line_usage_error_of_its_command(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("chat", "--bogus", "hello")
    assert result.returncode == 2
    assert one_error_line(result) == (
        "xai chat: error: unrecognized arguments: --bogus (see 'xai chat --help')"
    )
    assert xai_emulator.requests == []


def test_an_unknown_command_is_a_usage_error(xai: Cli) -> None:
    result = xai("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in one_error_line(result)


def test_a_missing_key_is_one_line_and_no_call(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("models", env={"XAI_API_KEY": None})
    assert result.returncode == 1
    assert one_error_line(result).startswith(
        "xai: error: no API key: set the XAI_API_KEY environment variable"
    )
    assert result.stdout == ""
    assert xai_emulator.requests == []


def test_a_rejected_key_is_reported_without_the_key(xai: Cli) -> None:
    result = xai("models", env={"XAI_API_KEY": "xai-not-the-right-key-1234"})
    assert result.returncode == 1
    line = one_error_line(result)
    assert line.startswith("xai: error: UNAUTHENTICATED: invalid API key (")
    assert "request id emu-" in line
    assert "1234" not in result.stdout + result.stderr


def test_a_malformed_host_is_a_usage_error(xai: Cli) -> None:
    result = xai("models", env={"XAI_API_HOST": "https://api.x.ai"})
    assert result.returncode == 2
    assert "takes a host and optional port, not a URL" in one_error_line(result)


def test_an_unreachable_server_is_reported_as_unavailable(xai: Cli) -> None:
    with socket.socket() as reserved:  # bound, never listening: connections are refused
        reserved.bind(("127.0.0.1", 0))
        result = xai("models", env={"XAI_API_HOST": f"127.0.0.1:{reserved.getsockname()[1]}"})
    assert result.returncode == 1
    assert one_error_line(result).startswith("xai: error: UNAVAILABLE: ")


def test_a_service_that_is_not_installed_names_the_extra_to_install(xai: Cli) -> None:
    # Without its plugin the image service is missing, as when xai-image is not installed.
    result = xai("image", "a cat", env={"XAI_SDK_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.returncode == 1
    assert one_error_line(result).endswith('pip install "xai-sdk[image]==1.22.0"')


def test_a_missing_service_package_is_reported_with_its_extra() -> None:
    from xai_sdk.cli._main import describe

    error = ModuleNotFoundError("No module named 'xai_sdk.collections'", name="xai_sdk.collections")
    assert describe(error) == (
        1,
        'this command needs the xai-collections distribution: pip install "xai-sdk[collections]==1.22.0"',
    )
    assert describe(ModuleNotFoundError("No module named 'left_pad'", name="left_pad")) is None


def test_debug_shows_the_traceback_of_an_expected_error(xai: Cli) -> None:
    result = xai("--debug", "models", "no-such-model")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "NotFoundError" in result.stderr


def test_ctrl_c_exits_130_without_a_traceback(xai_emulator: Emulator) -> None:
    process = subprocess.Popen(
        [*COMMAND, "chat", "-i"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=Cli(xai_emulator).env,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("ready?\n")
    process.stdin.flush()
    assert process.stdout.readline() == "ready?\n"  # the session now waits for the next message
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == ""


def test_main_runs_in_process_and_returns_the_status(
    xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from xai_sdk.cli import main

    for name, value in xai_emulator.env().items():
        monkeypatch.setenv(name, value)
    assert main(["tokenize", "--count", "two words"]) == 0
    assert capsys.readouterr().out == "2\n"
    assert main(["models", "no-such-model"]) == 1
    assert capsys.readouterr().err.startswith("xai: error: NOT_FOUND")


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "xai"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("xai ")
