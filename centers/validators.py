import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .eik import is_valid_eik


def validate_eik(value):
    if not is_valid_eik(value):
        raise ValidationError(
            _("Невалиден ЕИК: очакват се 9 или 13 цифри с вярна контролна цифра."),
            code="invalid_eik",
        )


LICENSE_NUMBER_PATTERN = r"\A[0-9]{9,10}\Z"


def validate_license_number(value):
    """НАПОО licence numbers are 9 or 10 digits, the year of the licence first
    (e.g. 200312345). Nothing else is accepted: a licence number is put in URLs,
    file names and the receipt's CSS, so `/`, spaces and control characters are out."""
    if not re.fullmatch(LICENSE_NUMBER_PATTERN, value or ""):
        raise ValidationError(
            _("Невалиден номер на лицензията: очакват се 9 или 10 цифри."),
            code="invalid_license_number",
        )
