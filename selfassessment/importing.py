"""Reading the reports JSON Lines file (CONTRACT.md §4).

Every line is held to the content rules of the web form (`content.content_clean`)
and, since an imported report is a finished one, to completeness as well: a score
for every criterion of a ЦПО framework, an answer for every indicator of a ЦИПО one.
Centres and frameworks are looked up once for the whole file, not line by line.
"""

import json
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from centers.models import Center, Kind
from core.importing import ImportFileError, Progress, RowError, decode_file, no_progress
from core.years import FIRST_YEAR, LAST_YEAR

from .content import ContentError, content_clean
from .kinds import kind_of
from .models import Framework, ReportStatus

CONTENT_PARTS = ("scores", "answers", "comments", "validation", "narrative")
# `comments` (ЦИПО, per indicator) is not in format 4 but is part of a report's
# content; accepting it lets an export of the portal be imported back.
FIELDS = ("license_number", "year", "framework", "status", "submitted_at", *CONTENT_PARTS)


class _NotJSONNumber(ValueError):
    """NaN and Infinity: Python's json accepts them, JSON does not."""


def _reject_constant(name):
    raise _NotJSONNumber(name)


def _holds_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _parse_lines(text):
    """[(line number, object)] of the non-blank lines, and the errors of the others."""
    records, errors = [], []
    # Not splitlines(): it also breaks at U+2028 and the like, which JSON strings may hold.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line, parse_constant=_reject_constant)
            # Walked only when the line could hold one: a NUL reaches a string only
            # as the escape \u0000 (JSON refuses it raw).
            holds_nul = "\\u0000" in line and _holds_nul(record)
        except json.JSONDecodeError as exc:
            errors.append(
                RowError(
                    number,
                    "json",
                    _("Невалиден JSON (знак %(column)s): %(problem)s.")
                    % {"column": exc.colno, "problem": exc.msg},
                )
            )
            continue
        except _NotJSONNumber as exc:
            errors.append(
                RowError(number, "json", _("%(name)s не е число в JSON.") % {"name": exc})
            )
            continue
        except RecursionError:
            errors.append(RowError(number, "json", _("Твърде дълбоко вложени данни.")))
            continue
        except ValueError:
            # Python refuses to convert an integer of more than 4 300 digits.
            errors.append(RowError(number, "json", _("Твърде дълго число.")))
            continue
        if not isinstance(record, dict):
            errors.append(RowError(number, "json", _("Всеки ред е един JSON обект {…}.")))
            continue
        if holds_nul:
            # PostgreSQL text cannot store U+0000: refuse it here, not as a 500 later.
            errors.append(RowError(number, "json", _("Редът съдържа нулев знак (\\u0000).")))
            continue
        records.append((number, record))
    return records, errors


def _text(record, name):
    value = record.get(name)
    return value.strip() if isinstance(value, str) else None


def _year(record, problems):
    year = record.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(
            (
                "year",
                _("Цяло число от %(first)s до %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        )
        return None
    return year


def _center(record, centers, problems):
    number = _text(record, "license_number")
    if not number:
        problems.append(("license_number", _("Задължително поле (текст).")))
        return None
    center = centers.get(number)
    if center is None:
        problems.append(
            ("license_number", _("Няма център с лицензия № %(number)s.") % {"number": number})
        )
    return center


def _framework(record, center, frameworks, problems):
    code = _text(record, "framework")
    if not code:
        problems.append(("framework", _("Задължително поле: код на рамка, напр. CPO-2018.")))
        return None
    framework = frameworks.get(code)
    if framework is None:
        problems.append(("framework", _("Няма рамка с код %(code)s.") % {"code": code}))
        return None
    if center is not None and framework.kind != center.kind:
        problems.append(
            (
                "framework",
                _("Рамката %(code)s е за %(framework_kind)s, а центърът е %(center_kind)s.")
                % {
                    "code": code,
                    "framework_kind": Kind(framework.kind).label,
                    "center_kind": Kind(center.kind).label,
                },
            )
        )
        return None
    return framework


# CONTRACT.md §4: an annulled report is the agency's decision, not history to import.
IMPORTED_STATUSES = tuple(s for s in ReportStatus.values if s != ReportStatus.ANNULLED)


def _status(record, problems):
    status = record.get("status")
    if not isinstance(status, str) or status not in IMPORTED_STATUSES:
        allowed = ", ".join(IMPORTED_STATUSES)
        problems.append(("status", _("Едно от: %(allowed)s.") % {"allowed": allowed}))
        return None
    return status


def _submitted_at(record, status, problems):
    """The first submission, an aware datetime; None for a draft (never submitted)."""
    raw = record.get("submitted_at")
    if raw is None or raw == "":
        if status is not None and status != ReportStatus.DRAFT:
            problems.append(("submitted_at", _("Задължително поле, освен за чернова (draft).")))
        return None
    if status == ReportStatus.DRAFT:
        # A draft has never been submitted; a date here contradicts the status.
        problems.append(("submitted_at", _("Черновата не е подавана: оставете полето празно.")))
        return None
    example = "2025-01-30T14:02:00+02:00"
    try:
        instant = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        instant = None
    if instant is None:
        problems.append(
            ("submitted_at", _("Дата и час по ISO 8601, напр. %(example)s.") % {"example": example})
        )
        return None
    if instant.utcoffset() is None:
        problems.append(
            (
                "submitted_at",
                _("Посочете отместването от UTC, напр. %(example)s.") % {"example": example},
            )
        )
        return None
    return instant


def _content(spec, record, problems):
    """The line's content cleaned against `spec`, with every criterion scored (ЦПО)
    or every indicator answered (ЦИПО); None when anything is wrong."""
    data = {part: record[part] for part in CONTENT_PARTS if part in record}
    count = len(problems)
    try:
        cleaned = content_clean(spec, data)
    except ContentError as exc:
        cleaned = None
        problems.extend(
            (key, message) for key, messages in exc.errors.items() for message in messages
        )
    kind = kind_of(spec)
    part = kind.rows
    given = data.get(part)
    if not given:
        problems.append((part, kind.absent_messages()[1]))
    elif isinstance(given, dict):
        # Values given but invalid are content_clean's to report; here only the absent.
        absent = [code for code in kind.answer_codes(spec) if given.get(code) in (None, "")]
        if absent:
            message = kind.absent_messages()[0]
            problems.extend((f"{part}.{code}", message) for code in absent)
    return cleaned if len(problems) == count else None


def _read_row(record, centers, frameworks):
    """(row for services.reports_import or None, [(field, message)])."""
    problems = [(name, _("Непознато поле.")) for name in record if name not in FIELDS]
    center = _center(record, centers, problems)
    year = _year(record, problems)
    framework = _framework(record, center, frameworks, problems)
    status = _status(record, problems)
    submitted_at = _submitted_at(record, status, problems)
    content = _content(framework.spec, record, problems) if framework is not None else None
    if problems:
        return None, problems
    return {
        "center": center,
        "year": year,
        "framework": framework,
        "status": status,
        "submitted_at": submitted_at,
        "content": content,
    }, problems


def read_reports_jsonl(
    data: bytes | str, *, progress: Progress = no_progress
) -> list[dict[str, Any]]:
    """Validate a reports JSON Lines file (bytes or text); return its rows in the
    shape `services.reports_import` takes.

    Raises ImportFileError listing every invalid line (1-based; blank lines are
    skipped but counted). A centre and year may appear once in a file. Every line is
    read, whatever the errors before it, and counted on `progress`.
    """
    records, errors = _parse_lines(decode_file(data))
    numbers = {_text(record, "license_number") for _line, record in records} - {None, ""}
    codes = {_text(record, "framework") for _line, record in records} - {None, ""}
    centers = Center.objects.in_bulk(numbers, field_name="license_number")
    frameworks = Framework.objects.in_bulk(codes, field_name="code")

    rows: list[dict[str, Any]] = []
    first_line_of: dict[tuple[str | None, object], int] = {}
    bar = progress(_("Проверка"), len(records))
    for line, record in records:
        bar.update()
        row, problems = _read_row(record, centers, frameworks)
        key = (_text(record, "license_number"), record.get("year"))
        if key[0] and isinstance(key[1], int) and not isinstance(key[1], bool):
            if key in first_line_of:
                problems.append(
                    (
                        "license_number",
                        _("Центърът и годината се повтарят от ред %(line)s.")
                        % {"line": first_line_of[key]},
                    )
                )
                row = None
            else:
                first_line_of[key] = line
        errors.extend(RowError(line, field, message) for field, message in problems)
        if row is not None:
            rows.append(row)
    bar.close()
    if errors:
        errors.sort(key=lambda error: error.line)
        raise ImportFileError(errors)
    return rows
