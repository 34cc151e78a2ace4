"""CSV cells never become formulas, whether Excel splits cells at "," or at ";"."""

import csv
import io
import re

import pytest

from core.spreadsheets import csv_response, neutralise_formula, restore_neutralised

TEXTS = [
    "plain",
    "=1+1",
    'x;=HYPERLINK("http://evil")',
    "x; =1",
    'x;"=1',
    "a,+1",
    "a,-1;@x",
    "a\n=1",
    "a\r\n-1",
    "\t=1",
    "'=1",
    "x;'=1",
    "''=",
    "+359 2 123456",
    "Витоша; ул. „Раковски“ 5",
    "",
]


def _cells_excel_sees(line, separator):
    """Every cell as Excel splits a line at `separator`, quotes ignored (worst case)."""
    return [cell.strip(' "') for cell in re.split(f"[{separator}\\t\\r\\n]", line)]


@pytest.mark.parametrize("text", TEXTS)
def test_no_cell_starts_like_a_formula_with_either_separator(text):
    response = csv_response("x", ["h"], [[text], ["a", text, "b"]])
    body = response.content.decode("utf-8-sig")

    for separator in ",;":
        for cell in _cells_excel_sees(body, separator):
            assert not cell.startswith(("=", "+", "-", "@")), (separator, cell)


@pytest.mark.parametrize("text", TEXTS)
def test_neutralising_is_undone_exactly(text):
    assert restore_neutralised(neutralise_formula(text)) == text


def test_csv_cell_reads_back_as_the_neutralised_text():
    body = csv_response("x", ["h"], [["x;=HYPERLINK(1)"]]).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1] == ["x;'=HYPERLINK(1)"]


def test_content_disposition_is_escaped():
    response = csv_response('a"b\r\nSet-Cookie: x', ["h"], [])
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert header.startswith("attachment; filename")
    assert 'a"b' not in header
