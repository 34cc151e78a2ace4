"""Text with HTML and script is shown as text: in pages, e-mails and PDFs."""

import io

from django.core import mail
from pypdf import PdfReader

from selfassessment.transitions import report_submit, report_update

from ..factories import complete_content

HOSTILE = "<b>жирно</b><script>alert('x')</script><img src=x onerror=alert(1)>"


def test_narrative_with_html_in_page_receipt_and_email(
    client, draft, center_staff, cpo_spec, django_capture_on_commit_callbacks
):
    content = complete_content(cpo_spec)
    content["narrative"]["goal"] = HOSTILE
    report = report_update(report=draft, user=center_staff, version=1, changes=content)
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=report, user=center_staff)
    client.force_login(center_staff)

    page = client.get(f"/reports/{draft.pk}/").content.decode()
    receipt = client.get(f"/reports/{draft.pk}/receipt/1.pdf").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(receipt)).pages)

    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page
    assert "<b>жирно</b>" in text  # printed as the characters typed, not as markup
    assert (
        mail.outbox and "<script>" not in mail.outbox[0].body
    )  # the receipt e-mail carries no narrative


def test_centre_name_with_html_is_escaped_everywhere(client, db):
    from ..factories import CenterFactory

    center = CenterFactory(name="<script>alert(1)</script> ЦПО")

    register = client.get("/centers/", {"q": "ЦПО"}).content.decode()
    detail = client.get(f"/centers/{center.license_number}/").content.decode()

    assert "<script>alert(1)</script>" not in register + detail
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ЦПО" in detail
