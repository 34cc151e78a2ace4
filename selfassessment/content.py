"""A report's content, checked against its framework: pure functions, no database.

Content is a dict (CONTRACT.md §4):
  scores     {criterion code: points}          ЦПО only; points must be a level's
  answers    {indicator code: true/false}      ЦИПО only
  comments   {indicator code: text}            ЦИПО only, optional
  narrative  {section code: text}
  validation {"procedures": n, "persons": n}   ЦПО only

Errors are a dict of dotted field names ("scores.1.7", "narrative.goal") to lists of
Bulgarian messages, so a form can link to each field and the API can return them.
"""

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from core.text import text_problem

from .frameworks import FrameworkSpec, json_number
from .kinds import Content, Errors, kind_of
from .scoring import to_points

PARTS = ("scores", "answers", "comments", "narrative", "validation")
NARRATIVE_MAX = 20_000
COMMENT_MAX = 2_000
# Lines as well as characters: 20 000 empty lines are within the character limit but
# make a receipt of thousands of pages. 500 lines is some ten pages of real text.
NARRATIVE_MAX_LINES = 500
COMMENT_MAX_LINES = 50
# Characters that show nothing although they are neither whitespace nor of Unicode
# category Cf (format): Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


class ContentError(ValueError):
    def __init__(self, errors: Errors) -> None:
        super().__init__(errors)
        self.errors = errors


def _add(errors: Errors, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def printable(text: str) -> str:
    """`text` safe to echo in a message or a key: a lone surrogate is shown as its
    escape (\\ud800), which any page, JSON or terminal can carry."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def visible_text(text: str | None) -> str:
    """`text` as a reader sees it: without format characters (Unicode category Cf:
    zero-width spaces and joiners, the byte-order mark, soft hyphens…) and without
    surrounding whitespace. "Written", "too short" and "the same as last year" are
    judged on this, so that a section of zero-width spaces counts as empty."""
    if not text:
        return ""
    if _PLAIN.fullmatch(text):
        # Nothing to remove: the common case, read by the checks of every snapshot.
        return text.strip()
    return "".join(
        c for c in text if c not in _BLANK_LETTERS and unicodedata.category(c) != "Cf"
    ).strip()


# Text made only of characters that are neither Cf nor blank letters (ASCII, Latin-1
# but the soft hyphen, Cyrillic, dashes, quotes, …, №): visible_text has nothing to take out.
_PLAIN = re.compile("[\t\n\r\x20-\x7e\xa0-\xac\xae-\xff\u0400-\u04ff\u2010-\u201f\u2026\u2116]*")


def _clean_scores(
    spec: FrameworkSpec, value: dict[str, Any], errors: Errors
) -> dict[str, int | float | None]:
    cleaned: dict[str, int | float | None] = {}
    for code, raw in value.items():
        criterion = spec.criterion(code)
        if criterion is None:
            _add(
                errors,
                f"scores.{printable(code)}",
                _("Няма критерий с код %(code)s в рамката.") % {"code": printable(code)},
            )
            continue
        if raw is None or raw == "":
            cleaned[code] = None  # clears the choice
            continue
        points = to_points(raw)
        level = criterion.level_for(points) if points is not None else None
        if level is None:
            allowed = ", ".join(str(json_number(lv.points)) for lv in criterion.levels)
            _add(
                errors,
                f"scores.{code}",
                _("%(value)s не е ниво на критерий %(code)s; възможни точки: %(allowed)s.")
                % {"value": printable(str(raw)), "code": code, "allowed": allowed},
            )
            continue
        cleaned[code] = level.number
    return cleaned


def _clean_answers(
    spec: FrameworkSpec, value: dict[str, Any], errors: Errors
) -> dict[str, bool | None]:
    codes = set(spec.indicator_codes)
    cleaned = {}
    for code, raw in value.items():
        key = f"answers.{printable(code)}"
        if code not in codes:
            _add(
                errors,
                key,
                _("Няма показател с код %(code)s в рамката.") % {"code": printable(code)},
            )
        elif raw is None or isinstance(raw, bool):
            cleaned[code] = raw
        else:
            _add(errors, key, _("Отговорът е „да“ (true) или „не“ (false)."))
    return cleaned


def _clean_texts(
    value: dict[str, Any],
    codes: set[str],
    prefix: str,
    limits: tuple[int, int],
    unknown_message: str,
    errors: Errors,
) -> dict[str, str]:
    """Texts by code, each within `limits` (characters, lines) and storable."""
    limit, line_limit = limits
    cleaned = {}
    for code, raw in value.items():
        key = f"{prefix}.{printable(code)}"
        if code not in codes:
            _add(errors, key, unknown_message % {"code": printable(code)})
        elif raw is not None and not isinstance(raw, str):
            _add(errors, key, _("Очаква се текст."))
        elif raw and len(raw) > limit:
            _add(errors, key, _("Най-много %(limit)s знака.") % {"limit": limit})
        elif raw and (problem := text_problem(raw)):
            _add(errors, key, problem)
        elif raw and (lines := len(raw.replace("\r\n", "\n").splitlines())) > line_limit:
            _add(
                errors,
                key,
                _("Най-много %(limit)s реда; текстът е на %(lines)s реда.")
                % {"limit": line_limit, "lines": lines},
            )
        else:
            cleaned[code] = (raw or "").replace("\r\n", "\n")
    return cleaned


def _clean_validation(value: dict[str, Any], errors: Errors) -> dict[str, int]:
    cleaned = {}
    for name in ("procedures", "persons"):
        if name not in value:
            continue
        raw = value[name]
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 1_000_000:
            _add(errors, f"validation.{name}", _("Цяло число от 0 нагоре."))
        else:
            cleaned[name] = raw
    for name in set(value) - {"procedures", "persons"}:
        _add(errors, f"validation.{printable(name)}", _("Непознато поле."))
    return cleaned


def content_clean(spec: FrameworkSpec, data: object) -> Content:
    """Check a (partial) content dict against the framework; return it cleaned.

    Points are normalised to the level's value; None clears a choice. Raises
    ContentError with every problem found.
    """
    errors: Errors = {}
    if not isinstance(data, dict):
        raise ContentError({"content": [_("Очаква се обект.")]})
    parts = kind_of(spec).parts
    cleaned: Content = {}
    for part in PARTS:
        if part not in data or data[part] is None:
            continue
        value = data[part]
        if not isinstance(value, dict):
            _add(errors, part, _("Очаква се обект (код → стойност)."))
            continue
        if not value:
            if part in parts:
                cleaned[part] = {}
            continue
        if part not in parts:
            _add(errors, part, kind_of(spec).foreign_part_message())
        elif part == "scores":
            cleaned[part] = _clean_scores(spec, value, errors)
        elif part == "answers":
            cleaned[part] = _clean_answers(spec, value, errors)
        elif part == "comments":
            cleaned[part] = _clean_texts(
                value,
                set(spec.indicator_codes),
                "comments",
                (COMMENT_MAX, COMMENT_MAX_LINES),
                _("Няма показател с код %(code)s в рамката."),
                errors,
            )
        elif part == "narrative":
            cleaned[part] = _clean_texts(
                value,
                set(spec.section_codes),
                "narrative",
                (NARRATIVE_MAX, NARRATIVE_MAX_LINES),
                _("Няма раздел с код %(code)s в рамката."),
                errors,
            )
        else:
            cleaned[part] = _clean_validation(value, errors)
    if errors:
        raise ContentError(errors)
    return cleaned


def content_merge(current: Mapping[str, Any], changes: Mapping[str, Any]) -> Content:
    """`current` with the cleaned `changes` laid over it, key by key; None removes."""
    merged = {part: dict(current.get(part) or {}) for part in PARTS if part in current}
    for part, values in changes.items():
        target = merged.setdefault(part, {})
        for key, value in values.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
    return merged


def content_missing(spec: FrameworkSpec, content: Content) -> Errors:
    """What a submission still lacks: every criterion scored (ЦПО) or every
    indicator answered (ЦИПО), and every narrative section written."""
    errors = kind_of(spec).missing(spec, content)
    narrative = content.get("narrative") or {}
    for section in spec.sections:
        if not visible_text(narrative.get(section.code)):
            _add(errors, f"narrative.{section.code}", _("Попълнете раздела."))
    return errors


def content_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{"part.code": [old, new]} for every value that differs."""
    changes: dict[str, list[Any]] = {}
    for part in PARTS:
        old, new = before.get(part) or {}, after.get(part) or {}
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                changes[f"{part}.{key}"] = [old.get(key), new.get(key)]
    return changes
