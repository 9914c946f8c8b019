"""The command line's printing helpers: tables, sizes and the progress bar."""

from __future__ import annotations

import io

import pytest

from xai_sdk.cli._output import ProgressBar, human_size, table


def test_a_table_aligns_its_columns_and_right_aligns_numbers() -> None:
    out = io.StringIO()
    table(["NAME", "SIZE"], [["a.txt", "1 B"], ["longer name.txt", "12.5 KiB"]], right={1}, out=out)
    assert out.getvalue().splitlines() == [
        "NAME                 SIZE",
        "a.txt                 1 B",
        "longer name.txt  12.5 KiB",
    ]


def test_a_table_cell_keeps_to_one_line() -> None:
    out = io.StringIO()
    table(["TEXT"], [["two\nlines"]], out=out)
    assert out.getvalue().splitlines()[1] == "two lines"


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (5 * 1024 * 1024, "5.0 MiB"), (3 << 40, "3.0 TiB")],
)
def test_human_sizes(size: int, shown: str) -> None:
    assert human_size(size) == shown


def test_the_progress_bar_redraws_one_line_and_ends_it() -> None:
    out = io.StringIO()
    with ProgressBar("data.bin", 4096, enabled=True, stream=out, interval=0) as bar:
        bar.update(1024)
        bar.update(4096)
    drawn = out.getvalue()
    assert drawn.count("\r") == 3 and drawn.endswith("\n")
    first, _, last = drawn.strip("\n").split("\r")[1:]
    assert first == "data.bin  [#######.......................]  25%  1.0 KiB / 4.0 KiB"
    assert last == "data.bin  [##############################] 100%  4.0 KiB / 4.0 KiB"


def test_the_progress_bar_is_redrawn_at_most_every_interval() -> None:
    out = io.StringIO()
    bar = ProgressBar("x", 100, enabled=True, stream=out, interval=3600)
    for done in range(1, 101):
        bar.update(done)
    bar.close()
    assert out.getvalue().count("\r") == 2  # the first state and the last


def test_a_progress_bar_without_a_total_shows_the_bytes() -> None:
    bar = ProgressBar("upload", None, enabled=True, stream=io.StringIO())
    bar.update(2048)
    assert bar.line() == "upload  2.0 KiB"


def test_a_disabled_progress_bar_prints_nothing() -> None:
    out = io.StringIO()
    with ProgressBar("x", 10, enabled=False, stream=out) as bar:
        bar.update(10)
    assert out.getvalue() == ""
