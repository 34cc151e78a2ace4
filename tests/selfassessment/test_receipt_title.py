"""The receipt's title keeps "2025 г." on one line (a non-breaking space)."""

import io

from pypdf import PdfReader

from ..factories import FiledReportFactory


def test_receipt_title_keeps_the_year_and_its_abbreviation_together(center, center_staff, year):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)
    receipt = report.submissions.get(number=1).receipt.read()

    text = PdfReader(io.BytesIO(receipt)).pages[0].extract_text()

    lines = [line.strip() for line in text.splitlines()]
    title = next(i for i, line in enumerate(lines) if line.startswith("Годишен доклад"))
    # The title may wrap, but never between the year and "г.".
    title_lines = lines[title : title + 3]
    year_line = next(line for line in title_lines if str(year) in line)
    assert year_line.replace("\xa0", " ").endswith(f"{year} г."), title_lines
