"""A line Python cannot read is a line error, not a traceback (issue 13, point 8)."""

import json

from selfassessment.models import Report

from .test_import_reports import cpo_center, cpo_line, run_import, write_jsonl  # noqa: F401


def test_an_integer_of_thousands_of_digits_is_a_line_error(tmp_path, cpo_center):  # noqa: F811
    good = json.dumps(cpo_line(cpo_center))
    huge = good.replace('"year": 2024', '"year": ' + "9" * 5000)

    code, _, err = run_import(write_jsonl(tmp_path, [good, huge]))

    assert code == 1
    assert "line 2: json: " in err
    assert Report.objects.count() == 0
