"""PDF documents from HTML templates (WeasyPrint), A4, Bulgarian."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template, context):
    from weasyprint import HTML  # heavy import: only where a PDF is made

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
