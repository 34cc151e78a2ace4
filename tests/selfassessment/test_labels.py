"""People read titles and Bulgarian words, never content paths or action codes:
the history on report pages, the e-mail of a return, the admin's audit list."""

import json
import re

import pytest
from django.core import mail
from django.utils import translation

from selfassessment.labels import ACTION_LABELS, action_label, content_label
from selfassessment.models import Framework
from selfassessment.signals import Transition
from selfassessment.transitions import report_assign, report_return

from ..factories import FiledReportFactory


def test_content_label_names_criteria_indicators_and_sections(cpo_spec, cipo_spec):
    criterion = cpo_spec.criterion("2.14")
    assert content_label(cpo_spec, "scores.2.14") == f"2.14. {criterion.title}"
    improvements = next(s for s in cpo_spec.sections if s.code == "improvements")
    assert content_label(cpo_spec, "narrative.improvements") == improvements.title
    indicator = cipo_spec.indicators[1]
    assert content_label(cipo_spec, f"answers.{indicator.code}") == (
        f"{indicator.code}. {indicator.title}"
    )
    assert indicator.title in content_label(cipo_spec, f"comments.{indicator.code}")
    assert content_label(cpo_spec, "validation.persons") == "Лица, преминали валидиране"
    assert content_label(cpo_spec, "") == "Докладът като цяло"
    # A path the framework does not know is shown, not hidden.
    assert content_label(cpo_spec, "scores.99.1") == "scores.99.1"
    # The Framework row does as well as its spec.
    framework = Framework.objects.get(code="CPO-2018")
    assert content_label(framework, "scores.2.14") == f"2.14. {criterion.title}"


def test_every_report_transition_has_a_bulgarian_action_name():
    for transition in Transition.values:
        assert transition in ACTION_LABELS
        assert re.search("[а-я]", action_label(transition))
    assert action_label("accept") == "приет"
    assert action_label("return") == "върнат за корекция"
    assert action_label("assign") == "разпределен на експерт"


@pytest.fixture
def submitted(center, center_staff, year):
    return FiledReportFactory(center=center, staff=center_staff, year=year, pick=1)


@pytest.fixture
def returned(submitted, expert, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    report_assign(report=submitted, expert=expert, by=expert)
    with django_capture_on_commit_callbacks(execute=True):
        return report_return(
            report=submitted,
            expert=expert,
            reason="Непълни данни.",
            remarks=[
                {"field": "scores.2.14", "text": "Посочете проектите."},
                {"field": "narrative.improvements", "text": "Разширете раздела."},
            ],
        )


def test_return_email_names_the_criterion_and_section(returned, cpo_spec):
    body = mail.outbox[-1].body
    assert f"2.14. {cpo_spec.criterion('2.14').title}: Посочете проектите." in body
    improvements = next(s for s in cpo_spec.sections if s.code == "improvements")
    assert f"{improvements.title}: Разширете раздела." in body
    assert "scores.2.14" not in body
    assert "narrative.improvements" not in body


def _history(page):
    match = re.search(r'<details class="history">(.*?)</details>', page, re.S)
    assert match, "the page shows no change history"
    return match.group(1)


@pytest.mark.parametrize("who", ["center_staff", "expert"])
def test_history_shows_titles_and_bulgarian_actions(client, returned, cpo_spec, who, request):
    client.force_login(request.getfixturevalue(who))

    page = client.get(f"/reports/{returned.pk}/").content.decode()

    history = _history(page)
    for word in ("върнат за корекция", "разпределен на експерт", "подаден", "променен"):
        assert word in history
    # The save before submission changed every criterion: the first are named by title.
    assert f"1.1. {cpo_spec.criteria[0].title}; 1.2. {cpo_spec.criteria[1].title}" in history
    assert "и още" in history
    assert not re.search(r"\b(scores|narrative|answers|validation)\.", history)
    assert not re.search(r"— (accept|return|assign|submit|update|create)\b", history)


def test_filed_report_title_has_no_markup_and_the_history_is_in_the_page(client, submitted, expert):
    """The history was inside {% block title %}: markup in the tab title, no history."""
    client.force_login(expert)

    page = client.get(f"/reports/{submitted.pk}/").content.decode()

    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title
    assert f"Доклад за {submitted.year} г." in title
    body = page.split("</head>", 1)[1]
    assert '<details class="history">' in body
    assert "История на промените" in _history(body) or "История на промените" in body


def test_admin_audit_list_shows_bulgarian_actions(client, returned, administrator):
    client.force_login(administrator)

    page = client.get("/admin/core/auditentry/").content.decode()

    assert "върнат за корекция" in page
    assert "разпределен на експерт" in page


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("bg", ["Отлично", "Добро", "Задоволително", "Незадоволително"]),
        ("en", ["Excellent", "Good", "Satisfactory", "Unsatisfactory"]),
    ],
)
def test_form_names_the_quality_levels_in_the_users_language(
    client, draft, center_staff, language, names
):
    """The live total's bands came from the framework file, in Bulgarian only."""
    client.force_login(center_staff)
    client.cookies["django_language"] = language

    page = client.get(f"/reports/{draft.pk}/").content.decode()

    bands = json.loads(re.search(r'id="quality-bands"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert [band["label"] for band in bands] == names
    translation.activate("bg")
