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

from decimal import Decimal

from django.utils.translation import gettext as _

from .scoring import score, to_points

PARTS = ("scores", "answers", "comments", "narrative", "validation")
PARTS_OF_KIND = {
    "CPO": ("scores", "narrative", "validation"),
    "CIPO": ("answers", "comments", "narrative"),
}
NARRATIVE_MAX = 20_000
COMMENT_MAX = 2_000


class ContentError(ValueError):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def json_number(value):
    """Decimal points as a JSON number: 2 stays 2, 1.5 stays 1.5."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def empty_content(spec):
    content = {"narrative": {}}
    if spec.kind == "CPO":
        content.update(scores={}, validation={"procedures": 0, "persons": 0})
    else:
        content.update(answers={}, comments={})
    return content


def _add(errors, key, message):
    errors.setdefault(key, []).append(message)


def _clean_scores(spec, value, errors):
    cleaned = {}
    for code, raw in value.items():
        key = f"scores.{code}"
        criterion = spec.criterion(code)
        if criterion is None:
            _add(errors, key, _("Няма критерий с код %(code)s в рамката.") % {"code": code})
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
                key,
                _("%(value)s не е ниво на критерий %(code)s; възможни точки: %(allowed)s.")
                % {"value": raw, "code": code, "allowed": allowed},
            )
            continue
        cleaned[code] = json_number(level.points)
    return cleaned


def _clean_answers(spec, value, errors):
    codes = set(spec.indicator_codes)
    cleaned = {}
    for code, raw in value.items():
        key = f"answers.{code}"
        if code not in codes:
            _add(errors, key, _("Няма показател с код %(code)s в рамката.") % {"code": code})
        elif raw is None or isinstance(raw, bool):
            cleaned[code] = raw
        else:
            _add(errors, key, _("Отговорът е „да“ (true) или „не“ (false)."))
    return cleaned


def _clean_texts(value, codes, prefix, limit, unknown_message, errors):
    cleaned = {}
    for code, raw in value.items():
        key = f"{prefix}.{code}"
        if code not in codes:
            _add(errors, key, unknown_message % {"code": code})
        elif raw is not None and not isinstance(raw, str):
            _add(errors, key, _("Очаква се текст."))
        elif raw and len(raw) > limit:
            _add(errors, key, _("Най-много %(limit)s знака.") % {"limit": limit})
        elif raw and "\x00" in raw:
            _add(errors, key, _("Текстът съдържа нулев знак (U+0000), който не е допустим."))
        else:
            cleaned[code] = (raw or "").replace("\r\n", "\n")
    return cleaned


def _clean_validation(value, errors):
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
        _add(errors, f"validation.{name}", _("Непознато поле."))
    return cleaned


def content_clean(spec, data):
    """Check a (partial) content dict against the framework; return it cleaned.

    Points are normalised to the level's value; None clears a choice. Raises
    ContentError with every problem found.
    """
    errors = {}
    if not isinstance(data, dict):
        raise ContentError({"content": [_("Очаква се обект.")]})
    cleaned = {}
    for part in PARTS:
        if part not in data or data[part] is None:
            continue
        value = data[part]
        if not isinstance(value, dict):
            _add(errors, part, _("Очаква се обект (код → стойност)."))
            continue
        if not value:
            if part in PARTS_OF_KIND[spec.kind]:
                cleaned[part] = {}
            continue
        if spec.kind == "CPO" and part in ("answers", "comments"):
            _add(errors, part, _("Докладът на ЦПО има точки по критерии, не отговори да/не."))
        elif spec.kind == "CIPO" and part in ("scores", "validation"):
            _add(errors, part, _("Докладът на ЦИПО има отговори да/не, не точки."))
        elif part == "scores":
            cleaned[part] = _clean_scores(spec, value, errors)
        elif part == "answers":
            cleaned[part] = _clean_answers(spec, value, errors)
        elif part == "comments":
            cleaned[part] = _clean_texts(
                value,
                set(spec.indicator_codes),
                "comments",
                COMMENT_MAX,
                _("Няма показател с код %(code)s в рамката."),
                errors,
            )
        elif part == "narrative":
            cleaned[part] = _clean_texts(
                value,
                set(spec.section_codes),
                "narrative",
                NARRATIVE_MAX,
                _("Няма раздел с код %(code)s в рамката."),
                errors,
            )
        else:
            cleaned[part] = _clean_validation(value, errors)
    if errors:
        raise ContentError(errors)
    return cleaned


def content_merge(current, changes):
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


def content_missing(spec, content):
    """What a submission still lacks: every criterion scored (ЦПО) or every
    indicator answered (ЦИПО), and every narrative section written."""
    errors = {}
    if spec.kind == "CPO":
        scores = content.get("scores") or {}
        for criterion in spec.criteria:
            if scores.get(criterion.code) is None:
                _add(errors, f"scores.{criterion.code}", _("Изберете ниво."))
    else:
        answers = content.get("answers") or {}
        for code in spec.indicator_codes:
            if not isinstance(answers.get(code), bool):
                _add(errors, f"answers.{code}", _("Отговорете с „да“ или „не“."))
    narrative = content.get("narrative") or {}
    for section in spec.sections:
        if not (narrative.get(section.code) or "").strip():
            _add(errors, f"narrative.{section.code}", _("Попълнете раздела."))
    return errors


def content_diff(before, after):
    """{"part.code": [old, new]} for every value that differs."""
    changes = {}
    for part in PARTS:
        old, new = before.get(part) or {}, after.get(part) or {}
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                changes[f"{part}.{key}"] = [old.get(key), new.get(key)]
    return changes


def content_score(spec, content):
    """The running Score of a ЦПО content (None for ЦИПО)."""
    return score(spec, content.get("scores") or {}) if spec.kind == "CPO" else None


def comparison(spec, content, previous_content):
    """Criterion by criterion and area by area, this report against the previous
    one (matched by code): {"criteria": {code: (previous, current, change)},
    "areas": {code: (previous, current, change)}}; previous is None when absent."""
    if spec.kind != "CPO":
        return None
    now_scores = content.get("scores") or {}
    before_scores = (previous_content or {}).get("scores") or {}
    criteria = {}
    for criterion in spec.criteria:
        now = to_points(now_scores.get(criterion.code))
        before = to_points(before_scores.get(criterion.code))
        change = now - before if now is not None and before is not None else None
        criteria[criterion.code] = (before, now, change)
    areas = {}
    for area in spec.areas:
        now = sum((criteria[c.code][1] or Decimal(0) for c in area.criteria), Decimal(0))
        befores = [criteria[c.code][0] for c in area.criteria if criteria[c.code][0] is not None]
        before = sum(befores, Decimal(0)) if befores else None
        areas[area.code] = (before, now, now - before if before is not None else None)
    return {"criteria": criteria, "areas": areas}
