"""Each automatic check: a case that raises it and one that does not. Pure."""

import json
from decimal import Decimal

import pytest

from review.checks import CHECKS, SubmittedVersion, run_checks
from selfassessment.frameworks import BUNDLED_DIR, framework_parse
from selfassessment.scoring import score

CPO = framework_parse(json.loads((BUNDLED_DIR / "CPO-2018.json").read_text(encoding="utf-8")))
CIPO = framework_parse(json.loads((BUNDLED_DIR / "CIPO-2022.json").read_text(encoding="utf-8")))
TEXT = "Центърът е анализирал дейността си през годината и е набелязал мерки. " * 4


def cpo_content(pick=1, **overrides):
    content = {
        "scores": {c.code: c.levels[pick].raw for c in CPO.criteria},
        "narrative": {s.code: f"{s.title}: {TEXT}" for s in CPO.sections},
        "validation": {"procedures": 0, "persons": 0},
    }
    content["scores"]["2.13"] = 0
    for key, value in overrides.items():
        part, _, code = key.partition("__")
        content[part][code.replace("_", ".")] = value
    return content


def version(content, spec=CPO, previous=None, usual=None):
    total = score(spec, content.get("scores", {})).total if spec.kind == "CPO" else None
    previous_total = (
        score(spec, previous.get("scores", {})).total if previous and spec.kind == "CPO" else None
    )
    return SubmittedVersion(
        spec=spec,
        content=content,
        total=total,
        previous_content=previous,
        previous_total=previous_total,
        usual_lengths=usual or {},
        validation_criterion="2.13" if spec.kind == "CPO" else None,
    )


def codes(v):
    return {code for code, _message in run_checks(v)}


def test_every_check_is_registered():
    assert set(CHECKS) == {
        "zero_value",
        "big_change",
        "all_maximum",
        "narrative_short",
        "narrative_copied",
        "validation_mismatch",
        "cipo_no_without_comment",
    }


def test_a_plain_report_raises_nothing():
    assert codes(version(cpo_content())) == set()


def test_zero_value():
    zero = cpo_content(pick=0)
    assert "zero_value" in codes(version(zero))
    assert "zero_value" not in codes(version(cpo_content()))


@pytest.mark.parametrize(("before_pick", "raised"), [(0, True), (1, False)])
def test_big_change(before_pick, raised):
    now = cpo_content(pick=1)  # about half the points
    before = cpo_content(pick=before_pick)
    v = version(now, previous=before)

    assert ("big_change" in codes(v)) is raised
    if raised:
        assert "повече от 15 точки" in dict(run_checks(v))["big_change"]


def test_big_change_needs_more_than_15_points():
    now = cpo_content(pick=1)
    before = dict(now, scores=dict(now["scores"]))
    # 15 points exactly less last year: not raised; 15.5: raised.
    v = version(now, previous=before)
    v.previous_total = v.total - Decimal(15)
    assert "big_change" not in codes(v)
    v.previous_total = v.total - Decimal("15.5")
    assert "big_change" in codes(v)


def test_all_maximum():
    top = cpo_content(pick=-1)
    top["scores"]["2.13"] = 3
    top["validation"] = {"procedures": 2, "persons": 20}
    assert "all_maximum" in codes(version(top))
    assert "all_maximum" not in codes(version(cpo_content(pick=-1)))  # 2.13 at 0


def test_narrative_much_shorter_than_usual():
    content = cpo_content()
    content["narrative"]["goal"] = "Кратко."
    usual = dict.fromkeys(CPO.section_codes, 300.0)

    assert "narrative_short" in codes(version(content, usual=usual))
    assert "narrative_short" not in codes(version(cpo_content(), usual=usual))
    assert "narrative_short" not in codes(version(content, usual={}))  # too few reports to know


def test_narrative_identical_to_last_year():
    before = cpo_content()
    now = cpo_content()
    now["narrative"] = {code: text + " Ново." for code, text in before["narrative"].items()}
    now["narrative"]["measures"] = before["narrative"]["measures"]

    raised = dict(run_checks(version(now, previous=before)))
    assert "narrative_copied" in raised
    assert "Предложение за коригиращи мерки" in raised["narrative_copied"]
    changed = dict(now, narrative={k: v + "!" for k, v in now["narrative"].items()})
    assert "narrative_copied" not in codes(version(changed, previous=before))


def test_validation_criterion_without_procedures_and_the_reverse():
    scored = cpo_content(scores__2_13=1.5)
    assert "validation_mismatch" in codes(version(scored))

    reported = cpo_content()
    reported["validation"] = {"procedures": 3, "persons": 40}
    assert "validation_mismatch" in codes(version(reported))

    both = cpo_content(scores__2_13=1.5)
    both["validation"] = {"procedures": 3, "persons": 40}
    assert "validation_mismatch" not in codes(version(both))
    assert "validation_mismatch" not in codes(version(cpo_content()))


def test_cipo_no_without_comment():
    answers = dict.fromkeys(CIPO.indicator_codes, True)
    answers["2.4"] = False
    content = {
        "answers": answers,
        "comments": {},
        "narrative": dict.fromkeys(CIPO.section_codes, TEXT),
    }

    assert "cipo_no_without_comment" in codes(version(content, spec=CIPO))
    content["comments"] = {"2.4": "Системата се въвежда."}
    assert "cipo_no_without_comment" not in codes(version(content, spec=CIPO))
