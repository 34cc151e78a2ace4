"""The text model of the analysis' sections: a small markup, never HTML.

- paragraphs are separated by a blank line;
- a line starting with "- " is an item of a bullet list;
- **bold** and *italic* inside a line;
- a paragraph in square brackets, „[…]“, is a note to the editor (a prompt, source
  material): kept in the text, never printed in the document.

Text is stored as typed (after `markup_clean`) and read into blocks once; HTML (the
PDF and the public page) and DOCX are written from the same blocks, so the three
carry the same content. Everything typed is text: "<b>" is printed as "<b>".
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_LENGTH = 20_000
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


@dataclass(frozen=True)
class Run:
    """A piece of a line: its text and emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph ("p", one item) or a bullet list ("ul", an item per bullet)."""

    kind: str
    items: tuple[tuple[Run, ...], ...]


class MarkupError(ValueError):
    """The text cannot be stored: the Bulgarian message says why."""


def markup_clean(text: object) -> str:
    """The text as stored: line ends normalised, trailing spaces and control
    characters removed. MarkupError for what is not text or is too long."""
    if not isinstance(text, str):
        raise MarkupError("Текстът трябва да е низ.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Co"}
    )
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if len(text) > MAX_LENGTH:
        raise MarkupError(f"Текстът е по-дълъг от {MAX_LENGTH} знака.")
    return text


def _runs(line: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(line):
        if match.start() > position:
            runs.append(Run(line[position : match.start()]))
        if match.group(1) is not None:
            runs.append(Run(match.group(1), bold=True))
        else:
            runs.append(Run(match.group(2), italic=True))
        position = match.end()
    if position < len(line):
        runs.append(Run(line[position:]))
    return tuple(runs)


def is_note(paragraph: str) -> bool:
    return paragraph.startswith("[") and paragraph.endswith("]")


def _chunk_blocks(chunk: str) -> list[Block]:
    """The blocks of one paragraph-separated chunk: runs of plain lines become a
    paragraph, runs of "- " lines a bullet list."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullets: list[str] = []
    for line in [*chunk.split("\n"), None]:
        stripped = line.strip() if line is not None else None
        is_bullet = stripped is not None and stripped.startswith("- ")
        if stripped and bullets and not is_bullet and not paragraph:
            bullets[-1] += " " + stripped  # a bullet continued on the next line
            continue
        if (is_bullet or stripped is None) and paragraph:
            blocks.append(Block("p", (_runs(" ".join(paragraph)),)))
            paragraph = []
        if (not is_bullet or stripped is None) and bullets:
            blocks.append(Block("ul", tuple(_runs(item) for item in bullets)))
            bullets = []
        if stripped is None:
            break
        if is_bullet:
            bullets.append(stripped[2:].strip())
        elif stripped:
            paragraph.append(stripped)
    return blocks


def markup_blocks(text: str) -> list[Block]:
    """The printed blocks of `text` (editor's notes left out)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = chunk.strip()
        if chunk and not is_note(chunk):
            blocks += _chunk_blocks(chunk)
    return blocks


def _run_html(run: Run) -> str:
    html = str(escape(run.text))
    if run.italic:
        html = f"<em>{html}</em>"
    if run.bold:
        html = f"<strong>{html}</strong>"
    return html


def markup_html(text: str) -> SafeString:
    """HTML of `text`: <p>, <ul><li>, <strong>, <em>; everything else escaped."""
    parts = []
    for block in markup_blocks(text):
        if block.kind == "p":
            parts.append("<p>" + "".join(_run_html(r) for r in block.items[0]) + "</p>")
        else:
            items = "".join(
                "<li>" + "".join(_run_html(r) for r in item) + "</li>" for item in block.items
            )
            parts.append(f"<ul>{items}</ul>")
    return mark_safe("\n".join(parts))  # noqa: S308  # nosec B308 B703 - escaped text only


def markup_plain(text: str) -> str:
    """The printed text without markup (for searching and tests)."""
    lines = []
    for block in markup_blocks(text):
        for item in block.items:
            lines.append("".join(r.text for r in item))
    return "\n".join(lines)
