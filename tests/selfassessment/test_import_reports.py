import io
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import ProtectedError

from core.models import AuditEntry
from selfassessment.importing import read_reports_jsonl
from selfassessment.models import (
    Framework,
    Report,
    ReportSubmission,
    SubmissionAnswer,
    SubmissionScore,
)
from tests.commands import run_manage
from tests.factories import CenterFactory

ON_TIME = "2025-01-31T23:59:59.999999+02:00"  # the 2024 deadline, Sofia winter time
LATE = "2025-02-01T00:00:00+02:00"
NARRATIVE = {
    "goal": "Цел на самооценката",
    "environment": "Среда",
    "results": "Резултати",
    "analysis": "Анализ",
    "achievements": "Постижения",
    "improvements": "Области за подобрение",
    "measures": "Мерки",
}


def cpo_framework():
    return Framework.objects.get(code="CPO-2018")


def cipo_framework():
    return Framework.objects.get(code="CIPO-2022")


def cpo_scores():
    """Every criterion, with levels varied so the total is not simply the maximum."""
    return {
        criterion.code: criterion.levels[-1 - i % 2].raw
        for i, criterion in enumerate(cpo_framework().spec.criteria)
    }


def cpo_line(center, **changes):
    return {
        "license_number": center.license_number,
        "year": 2024,
        "framework": "CPO-2018",
        "status": "accepted",
        "submitted_at": ON_TIME,
        "scores": cpo_scores(),
        "answers": {},
        "validation": {"procedures": 3, "persons": 41},
        "narrative": NARRATIVE,
        **changes,
    }


def cipo_line(center, **changes):
    codes = cipo_framework().spec.indicator_codes
    return {
        "license_number": center.license_number,
        "year": 2024,
        "framework": "CIPO-2022",
        "status": "submitted",
        "submitted_at": LATE,
        "answers": {code: i % 3 != 0 for i, code in enumerate(codes)},
        **changes,
    }


def without(line, *names):
    return {k: v for k, v in line.items() if k not in names}


def write_jsonl(tmp_path, lines, name="reports.jsonl"):
    """Dicts become JSON lines; strings are written as they are."""
    path = tmp_path / name
    path.write_text(
        "".join(
            (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
            for line in lines
        ),
        encoding="utf-8",
    )
    return path


def run_import(path, verbosity=0):
    """(exit status, stdout, stderr); at verbosity 0 stderr holds only the line errors
    (no progress lines)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_reports", str(path), stdout=out, stderr=err, verbosity=verbosity)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def snapshot_of_tables():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Report, ReportSubmission, SubmissionScore, SubmissionAnswer)
    ]


@pytest.fixture
def cpo_center(db):
    return CenterFactory(kind="CPO")


@pytest.fixture
def cipo_center(db):
    return CenterFactory(kind="CIPO", name="ЦИПО към „Кариера“ ООД")


def test_valid_file_creates_reports_with_their_snapshots(tmp_path, cpo_center, cipo_center):
    scores = cpo_scores()
    expected_total = sum((Decimal(str(points)) for points in scores.values()), Decimal(0))
    cipo = cipo_line(cipo_center)

    code, out, err = run_import(write_jsonl(tmp_path, [cpo_line(cpo_center), "", cipo]))

    assert (code, err) == (0, "")
    assert "created 2, updated 0, unchanged 0" in out

    cpo_report = Report.objects.get(center=cpo_center, year=2024)
    assert cpo_report.status == "accepted"
    assert cpo_report.framework.code == "CPO-2018"
    assert cpo_report.imported
    assert cpo_report.first_submitted_at == datetime(2025, 1, 31, 21, 59, 59, 999999, tzinfo=UTC)
    assert cpo_report.submitted_on_time is True
    assert cpo_report.content["validation"] == {"procedures": 3, "persons": 41}
    assert cpo_report.content["narrative"] == NARRATIVE
    submission = ReportSubmission.objects.get(report=cpo_report, is_latest=True)
    assert submission.imported
    assert submission.on_time is True
    assert submission.total_score == expected_total
    assert expected_total < cpo_framework().max_points
    assert (submission.validation_procedures, submission.validation_persons) == (3, 41)
    stored = {s.criterion.code: s.points for s in submission.scores.select_related("criterion")}
    assert stored == {code: Decimal(str(points)) for code, points in scores.items()}
    assert sum(stored.values()) == submission.total_score

    cipo_report = Report.objects.get(center=cipo_center, year=2024)
    assert cipo_report.status == "submitted"
    assert cipo_report.first_submitted_at == datetime(2025, 1, 31, 22, 0, tzinfo=UTC)
    assert cipo_report.submitted_on_time is False
    cipo_submission = ReportSubmission.objects.get(report=cipo_report, is_latest=True)
    assert cipo_submission.on_time is False
    assert cipo_submission.total_score is None
    answers = {
        a.indicator.code: a.value for a in cipo_submission.answers.select_related("indicator")
    }
    assert answers == cipo["answers"]
    assert not cipo_submission.scores.exists()


def test_draft_line_creates_no_snapshot(tmp_path, cpo_center):
    draft = without(cpo_line(cpo_center, status="draft"), "submitted_at", "narrative")

    code, out, _ = run_import(write_jsonl(tmp_path, [draft]))

    assert code == 0
    assert "created 1" in out
    report = Report.objects.get(center=cpo_center)
    assert report.status == "draft"
    assert report.first_submitted_at is None
    assert report.submitted_on_time is None
    assert not report.submissions.exists()


def test_second_identical_import_changes_nothing(tmp_path, cpo_center, cipo_center):
    draft_center = CenterFactory(kind="CPO")
    path = write_jsonl(
        tmp_path,
        [
            cpo_line(cpo_center),
            cipo_line(cipo_center),
            without(cpo_line(draft_center, status="draft"), "submitted_at"),
        ],
    )
    run_import(path)
    before = snapshot_of_tables()

    code, out, _ = run_import(path)

    assert code == 0
    assert "created 0, updated 0, unchanged 3" in out
    assert snapshot_of_tables() == before


def test_changed_line_updates_and_adds_a_snapshot(tmp_path, cpo_center, cipo_center):
    run_import(write_jsonl(tmp_path, [cpo_line(cpo_center), cipo_line(cipo_center)]))
    scores = {**cpo_scores(), "2.14": 0}
    changed = cpo_line(cpo_center, scores=scores, status="returned")

    code, out, _ = run_import(
        write_jsonl(tmp_path, [changed, cipo_line(cipo_center)], name="b.jsonl")
    )

    assert code == 0
    assert "created 0, updated 1, unchanged 1" in out
    report = Report.objects.get(center=cpo_center)
    assert report.status == "returned"
    assert report.version == 2
    assert report.content["scores"]["2.14"] == 0
    first, second = report.submissions.order_by("number")
    assert (first.is_latest, second.is_latest) == (False, True)
    assert second.scores.get(criterion__code="2.14").points == 0
    assert second.total_score == first.total_score - Decimal(str(cpo_scores()["2.14"]))
    assert Report.objects.get(center=cipo_center).submissions.count() == 1


def _unknown_license(cpo_center, other):
    return cpo_line(other, license_number="999999999")


def _unknown_framework(cpo_center, other):
    return cpo_line(other, framework="CPO-1999")


def _wrong_kind_framework(cpo_center, other):
    return cipo_line(other)  # a ЦИПО line for a ЦПО centre


def _missing_criterion(cpo_center, other):
    line = cpo_line(other)
    del line["scores"]["2.14"]
    return line


def _invalid_points(cpo_center, other):
    line = cpo_line(other)
    line["scores"]["1.7"] = 1.5
    return line


def _answers_on_cpo(cpo_center, other):
    return cpo_line(other, answers={"1.1": True})


def _malformed_json(cpo_center, other):
    return json.dumps(cpo_line(other))[:-1]


def _not_an_object(cpo_center, other):
    return json.dumps([cpo_line(other)])


def _missing_submitted_at(cpo_center, other):
    return without(cpo_line(other, status="submitted"), "submitted_at")


def _naive_submitted_at(cpo_center, other):
    return cpo_line(other, submitted_at="2025-01-30T14:02:00")


def _draft_with_submitted_at(cpo_center, other):
    return cpo_line(other, status="draft")


def _bad_status(cpo_center, other):
    return cpo_line(other, status="approved")


def _bad_year(cpo_center, other):
    return cpo_line(other, year=1999)


def _duplicate_center_and_year(cpo_center, other):
    return cpo_line(cpo_center, status="submitted")


@pytest.mark.parametrize(
    ("make_line", "field"),
    [
        (_unknown_license, "license_number"),
        (_unknown_framework, "framework"),
        (_wrong_kind_framework, "framework"),
        (_missing_criterion, "scores.2.14"),
        (_invalid_points, "scores.1.7"),
        (_answers_on_cpo, "answers"),
        (_malformed_json, "json"),
        (_not_an_object, "json"),
        (_missing_submitted_at, "submitted_at"),
        (_naive_submitted_at, "submitted_at"),
        (_draft_with_submitted_at, "submitted_at"),
        (_bad_status, "status"),
        (_bad_year, "year"),
        (_duplicate_center_and_year, "license_number"),
    ],
)
def test_invalid_line_imports_nothing_and_names_line_and_field(
    tmp_path, cpo_center, make_line, field
):
    other = CenterFactory(kind="CPO")
    # The blank line 2 is skipped but counted: the invalid line is line 3.
    lines = [cpo_line(cpo_center), "", make_line(cpo_center, other)]

    code, out, err = run_import(write_jsonl(tmp_path, lines))

    assert code == 1
    assert f"line 3: {field}: " in err
    assert "line 1" not in err
    assert out == ""
    assert not Report.objects.exists()
    assert not ReportSubmission.objects.exists()


def test_messages_say_what_is_wrong(tmp_path, cpo_center):
    other = CenterFactory(kind="CPO")
    lines = [cpo_line(cpo_center), _duplicate_center_and_year(cpo_center, other)]
    lines.append(_invalid_points(cpo_center, other))

    _, _, err = run_import(write_jsonl(tmp_path, lines))

    assert "line 2: license_number: Центърът и годината се повтарят от ред 1." in err
    assert "line 3: scores.1.7: 1.5 не е ниво на критерий 1.7; възможни точки: 0, 1, 2." in err


def test_cipo_line_must_answer_every_indicator_and_score_nothing(tmp_path, cipo_center):
    answers = cipo_line(cipo_center)["answers"]
    del answers["3.3"]
    line = cipo_line(cipo_center, answers=answers, scores={"1.1": 2})

    code, _, err = run_import(write_jsonl(tmp_path, [line]))

    assert code == 1
    assert "line 1: answers.3.3: " in err
    assert "line 1: scores: " in err
    assert not Report.objects.exists()


def test_every_invalid_line_is_listed(tmp_path, cpo_center, cipo_center):
    lines = [
        cpo_line(cpo_center, status="closed"),
        cipo_line(cipo_center),
        "not json",
        cpo_line(CenterFactory(kind="CPO"), submitted_at="30.01.2025"),
    ]

    code, _, err = run_import(write_jsonl(tmp_path, lines))

    assert code == 1
    assert "line 1: status: " in err
    assert "line 2" not in err
    assert "line 3: json: " in err
    assert "line 4: submitted_at: " in err
    assert not Report.objects.exists()


def test_file_not_in_utf8_is_refused(tmp_path, db):
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"license_number": "ЦПО"}\n'.encode("cp1251"))

    code, _, err = run_import(path)

    assert code == 1
    assert "line 1: file: " in err


def test_centres_and_frameworks_are_looked_up_once_for_the_file(
    cpo_center, cipo_center, django_assert_num_queries
):
    others = [CenterFactory(kind="CPO") for _ in range(3)]
    text = "\n".join(
        json.dumps(line)
        for line in [cipo_line(cipo_center), cpo_line(cpo_center)]
        + [cpo_line(center) for center in others]
    )

    with django_assert_num_queries(2):
        rows = read_reports_jsonl(text.encode())

    assert [row["center"] for row in rows] == [cipo_center, cpo_center, *others]


@pytest.mark.django_db(transaction=True)
def test_manage_py_exits_with_status_one(tmp_path):
    center = CenterFactory(kind="CPO")
    path = write_jsonl(tmp_path, [cpo_line(center, year="2024")])

    result = run_manage("import_reports", str(path))

    assert result.returncode == 1, result.stderr
    assert "line 1: year: " in result.stderr
    assert not Report.objects.exists()


def test_status_change_alone_keeps_the_snapshot(tmp_path, cpo_center):
    run_import(write_jsonl(tmp_path, [cpo_line(cpo_center, status="submitted")]))

    code, out, _ = run_import(write_jsonl(tmp_path, [cpo_line(cpo_center)], name="accepted.jsonl"))

    assert code == 0
    assert "updated 1" in out
    report = Report.objects.get(center=cpo_center, year=2024)
    assert report.status == "accepted"
    assert report.submissions.count() == 1


def test_a_nul_character_anywhere_is_refused_with_its_line(tmp_path, cpo_center):
    # PostgreSQL text cannot hold U+0000; the import must say so, not fail inside the database.
    narrative = {**NARRATIVE, "goal": "Цел\u0000"}
    lines = [cpo_line(cpo_center, narrative=narrative), {"framework": "\u0000"}]

    code, _, err = run_import(write_jsonl(tmp_path, lines))

    assert code == 1
    assert "line 1: json: Редът съдържа нулев знак (\\u0000)." in err
    assert "line 2: json: Редът съдържа нулев знак (\\u0000)." in err
    assert not Report.objects.exists()


# --- Bulk writing (issue 15) ---------------------------------------------------------


class TerminalStringIO(io.StringIO):
    def isatty(self):
        return True


def audit_entries():
    from core.models import AuditEntry

    return list(AuditEntry.objects.exclude(action="file-import").order_by("pk").values())


def many_lines(centers, years=(2023, 2024)):
    """Reports of every centre for every year; every fifth a draft."""
    lines = []
    for year in years:
        for i, center in enumerate(centers):
            if center.kind == "CIPO":
                lines.append(cipo_line(center, year=year))
            elif i % 5 == 4:
                lines.append(without(cpo_line(center, year=year, status="draft"), "submitted_at"))
            else:
                lines.append(
                    cpo_line(center, year=year, submitted_at=f"{year + 1}-01-20T10:00:00+02:00")
                )
    return lines


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 7 reports, so that a file of a few dozen lines takes several rounds."""
    from selfassessment import transitions

    monkeypatch.setattr(transitions, "IMPORT_BATCH", 7)


def test_bulk_import_twice_changes_nothing_the_second_time(tmp_path, db, small_batches):
    centers = [CenterFactory(kind="CIPO" if i % 4 == 3 else "CPO") for i in range(20)]
    path = write_jsonl(tmp_path, many_lines(centers))

    code, out, _ = run_import(path)
    assert (code, out.strip()) == (0, "created 40, updated 0, unchanged 0")
    assert ReportSubmission.objects.count() == 34  # the 6 drafts have no snapshot
    assert SubmissionScore.objects.count() == 24 * len(cpo_scores())
    assert SubmissionAnswer.objects.count() == 10 * len(cipo_framework().spec.indicator_codes)
    assert len(audit_entries()) == 40
    before, audited = snapshot_of_tables(), audit_entries()

    code, out, err = run_import(path)

    assert (code, out.strip(), err) == (0, "created 0, updated 0, unchanged 40", "")
    assert snapshot_of_tables() == before
    assert audit_entries() == audited


def test_mixed_file_counts_what_it_created_and_updated(tmp_path, db, small_batches):
    centers = [CenterFactory(kind="CPO") for _ in range(12)]
    first = [cpo_line(c) for c in centers[:8]] + [
        without(cpo_line(centers[8], status="draft"), "submitted_at")
    ]
    run_import(write_jsonl(tmp_path, first, name="first.jsonl"))
    scores = {**cpo_scores(), "2.14": 0}
    second = [
        cpo_line(centers[0]),  # unchanged
        cpo_line(centers[1]),  # unchanged
        cpo_line(centers[2], scores=scores),  # changed content: a new snapshot
        cpo_line(centers[3], scores=scores),
        cpo_line(centers[4], status="submitted"),  # status alone: the same snapshot
        cpo_line(centers[5], submitted_at=LATE),  # filed at another time: a new snapshot
        cpo_line(centers[8]),  # the draft, now filed
        cpo_line(centers[9]),  # new
        cpo_line(centers[10]),
        cpo_line(centers[11], year=2023),
    ]

    code, out, _ = run_import(write_jsonl(tmp_path, second, name="second.jsonl"))

    assert (code, out.strip()) == (0, "created 3, updated 5, unchanged 2")
    latest = {
        s.report.center_id: s for s in ReportSubmission.objects.current().select_related("report")
    }
    numbers = {c: latest[c.pk].number for c in centers if c.pk in latest}
    assert [numbers[c] for c in centers[:6]] == [1, 1, 2, 2, 1, 2]
    assert numbers[centers[8]] == 1 and numbers[centers[11]] == 1
    assert ReportSubmission.objects.filter(is_latest=False).count() == 3
    assert latest[centers[2].pk].scores.get(criterion__code="2.14").points == 0
    assert latest[centers[5].pk].on_time is False
    report = Report.objects.get(center=centers[4])
    assert (report.status, report.version) == ("submitted", 2)
    assert Report.objects.get(center=centers[0]).version == 1
    actions = [e["action"] for e in audit_entries()]
    assert actions.count("import") == 9 + 3 and actions.count("import-update") == 5


def test_one_announcement_for_the_whole_file(
    tmp_path, db, small_batches, django_capture_on_commit_callbacks
):
    from selfassessment.signals import reports_imported

    centers = [CenterFactory(kind="CPO") for _ in range(15)]
    heard = []

    def listener(sender, submissions, **kwargs):
        heard.append(len(submissions))

    reports_imported.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run_import(write_jsonl(tmp_path, [cpo_line(c) for c in centers]))
        with django_capture_on_commit_callbacks(execute=True):
            run_import(write_jsonl(tmp_path, [cpo_line(c) for c in centers]))
    finally:
        reports_imported.disconnect(listener)

    assert heard == [15]  # once for the file; the unchanged second import announces nothing


def test_progress_lines_go_to_stderr_when_it_is_not_a_terminal(tmp_path, db, small_batches):
    centers = [CenterFactory(kind="CPO") for _ in range(20)]

    code, out, err = run_import(write_jsonl(tmp_path, [cpo_line(c) for c in centers]), verbosity=1)

    assert (code, out) == (0, "created 20, updated 0, unchanged 0\n")
    lines = err.splitlines()
    assert lines[0] == "Проверка: 2/20 (10%)" and "Проверка: 20/20 (100%)" in lines
    # Written in rounds of 7: a line at every tenth passed, and the end.
    assert lines[-3:] == ["Запис: 7/20 (35%)", "Запис: 14/20 (70%)", "Запис: 20/20 (100%)"]
    assert all(line.startswith(("Проверка: ", "Запис: ")) for line in lines)


def test_a_refused_file_shows_its_reading_progress_and_its_errors(tmp_path, cpo_center):
    code, _, err = run_import(
        write_jsonl(tmp_path, [cpo_line(cpo_center), cpo_line(cpo_center, year="x")]), verbosity=1
    )

    assert code == 1
    assert err.splitlines() == [
        "Проверка: 1/2 (50%)",
        "Проверка: 2/2 (100%)",
        "line 2: year: Цяло число от 2000 до 2100.",
    ]


def test_a_progress_bar_on_a_terminal(tmp_path, cpo_center):
    out, err = io.StringIO(), TerminalStringIO()

    call_command(
        "import_reports", str(write_jsonl(tmp_path, [cpo_line(cpo_center)])), stdout=out, stderr=err
    )

    assert out.getvalue() == "created 1, updated 0, unchanged 0\n"
    assert "\r" in err.getvalue() and "Запис: 100%" in err.getvalue()
    assert "1/1" in err.getvalue()


def test_answer_comments_are_stored_exactly_as_sent(tmp_path, cipo_center):
    """Score and answer rows go in with COPY: a tab, a line break, a backslash or COPY's
    own markers in a comment must come back exactly as sent."""
    codes = cipo_framework().spec.indicator_codes
    comments = {
        codes[0]: "колона\tтаб и ред\nнов ред",
        codes[1]: "обратна \\ черта, \\N и \\.",
        codes[2]: "\\.",
        codes[3]: "„Кавички“ и знак \\u0000 като текст",
    }
    line = cipo_line(cipo_center, comments=comments)

    code, _, err = run_import(write_jsonl(tmp_path, [line]))

    assert code == 0, err
    stored = dict(SubmissionAnswer.objects.values_list("indicator__code", "comment"))
    for indicator, comment in comments.items():
        assert stored[indicator] == comment
    assert stored[codes[4]] == ""


def test_reports_and_snapshots_are_stored_exactly_as_sent(tmp_path, cpo_center):
    """Reports, their snapshots and audit entries go in with COPY, their ids drawn from
    the tables' sequences: a narrative with COPY's markers comes back as sent, the
    dates set on save are set, and the rows are tied together."""
    narrative = dict(
        NARRATIVE,
        goal="колона\tтаб и ред\nнов ред",
        results='обратна \\ черта, \\N, \\. и "кавички"',
    )
    before = datetime.now(UTC)

    code, _, err = run_import(write_jsonl(tmp_path, [cpo_line(cpo_center, narrative=narrative)]))

    assert code == 0, err
    report = Report.objects.get(center=cpo_center)
    assert report.content["narrative"] == narrative
    assert before <= report.created_at <= report.updated_at <= datetime.now(UTC)
    assert (report.version, report.assigned_expert_id, report.accepted_at) == (1, None, None)
    snapshot = report.submissions.get()
    assert snapshot.content == report.content and snapshot.is_latest
    assert snapshot.scores.count() == len(cpo_scores())
    entry = AuditEntry.objects.get(object_id=report.pk, action="import")
    assert entry.changes["narrative.goal"] == [None, narrative["goal"]]
    assert before <= entry.created_at
    # The next report the portal creates takes the next id: the sequences moved on.
    assert (
        Report.objects.create(center=CenterFactory(), year=2024, framework=report.framework).pk
        > report.pk
    )


def test_a_scored_criterion_cannot_be_deleted(tmp_path, cpo_center):
    """A score row's criterion is checked by the ORM (PROTECT), not by the database."""
    assert run_import(write_jsonl(tmp_path, [cpo_line(cpo_center)]))[0] == 0
    criterion = SubmissionScore.objects.first().criterion

    with pytest.raises(ProtectedError):
        criterion.delete()

    assert SubmissionScore.objects.filter(criterion=criterion).count() == 1
