import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from selfassessment.frameworks import BUNDLED_DIR, FrameworkError, framework_parse
from selfassessment.models import Area, Criterion, Framework, Indicator, Level, NarrativeSection
from selfassessment.selectors import framework_for
from selfassessment.transitions import report_create

CPO = json.loads((BUNDLED_DIR / "CPO-2018.json").read_text(encoding="utf-8"))
CIPO = json.loads((BUNDLED_DIR / "CIPO-2022.json").read_text(encoding="utf-8"))


def test_bundled_frameworks_parse():
    cpo, cipo = framework_parse(CPO), framework_parse(CIPO)

    assert cpo.max_points == 100
    assert [a.max_points for a in cpo.areas] == [20, 65, 15]
    assert len(cpo.sections) == 7
    assert [c.code for c in cipo.cipo_criteria] == ["1", "2", "3"]
    assert len(cipo.indicators) == 12


def broken(**changes):
    data = copy.deepcopy(CPO)
    for path, value in changes.items():
        target = data
        *parts, last = path.split("__")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (broken(areas__0__max_points=21), "area 1: max_points 21 ≠ 20"),
        (broken(max_points=99), "max_points 99 ≠ 100"),
        (broken(areas__0__criteria__1__code="1.1"), "criteria: duplicate code 1.1"),
        (broken(areas__1__code="1"), "areas: duplicate code 1"),
        (broken(narrative_sections__1__code="goal"), "narrative_sections: duplicate code goal"),
        (
            broken(areas__0__criteria__0__levels__1__points=0),
            "criterion 1.1: duplicate level points 0",
        ),
        (broken(areas__0__criteria__0__levels__2__points="много"), "not a number"),
        (broken(kind="VET"), "kind: must be CPO or CIPO"),
    ],
)
def test_inconsistent_framework_is_refused(data, problem):
    with pytest.raises(FrameworkError) as error:
        framework_parse(data)

    assert any(problem in p for p in error.value.problems), error.value.problems


@pytest.mark.django_db
def test_bundled_frameworks_are_loaded_as_rows():
    cpo = Framework.objects.get(code="CPO-2018")

    assert Area.objects.filter(framework=cpo).count() == 3
    assert Criterion.objects.filter(framework=cpo).count() == 27
    assert Level.objects.filter(criterion__framework=cpo, criterion__code="2.13").count() == 4
    assert NarrativeSection.objects.filter(framework=cpo).count() == 7
    assert Indicator.objects.filter(framework__code="CIPO-2022").count() == 12


@pytest.mark.django_db
def test_load_framework_command_refuses_inconsistent_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken(code="CPO-2030", areas__2__max_points=16)), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("load_framework", str(path), stderr=err)

    assert "area 3: max_points 16 ≠ 15" in err.getvalue()
    assert not Framework.objects.filter(code="CPO-2030").exists()


@pytest.mark.django_db
def test_new_framework_for_later_year_and_reports_keep_theirs(tmp_path, center, center_staff, year):
    old_report = report_create(center=center, year=year, user=center_staff)
    new = copy.deepcopy(CPO)
    new.update(code="CPO-2031", valid_from_year=year + 1, title="Нова рамка")
    path = tmp_path / "new.json"
    path.write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()

    call_command("load_framework", str(path), stdout=out)
    call_command("load_framework", str(path), stdout=out)  # twice: unchanged

    assert "CPO-2031: loaded" in out.getvalue()
    assert "already loaded, unchanged" in out.getvalue()
    assert framework_for("CPO", year).code == "CPO-2018"
    assert framework_for("CPO", year + 1).code == "CPO-2031"
    old_report.refresh_from_db()
    assert old_report.framework.code == "CPO-2018"


@pytest.mark.django_db
def test_a_loaded_code_cannot_change(tmp_path):
    changed = broken(title="Друго заглавие")
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("load_framework", str(path), stderr=io.StringIO())

    assert Framework.objects.get(code="CPO-2018").title == CPO["title"]


@pytest.mark.django_db
def test_administrator_loads_a_framework_in_the_admin(client, administrator):
    client.force_login(administrator)
    new = copy.deepcopy(CIPO)
    new.update(code="CIPO-2030", valid_from_year=2030)
    bad = copy.deepcopy(CIPO)
    bad.update(code="CIPO-2031", valid_from_year=2031)
    bad["criteria"][1]["indicators"][0]["code"] = "1.1"

    refused = client.post(
        "/admin/selfassessment/framework/load/",
        {"file": io.BytesIO(json.dumps(bad).encode())},
    )
    loaded = client.post(
        "/admin/selfassessment/framework/load/",
        {"file": io.BytesIO(json.dumps(new).encode())},
    )

    assert "indicators: duplicate code 1.1" in refused.content.decode()
    assert not Framework.objects.filter(code="CIPO-2031").exists()
    assert loaded.status_code == 302
    assert framework_for("CIPO", 2030).code == "CIPO-2030"
