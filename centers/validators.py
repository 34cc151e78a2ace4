from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .eik import is_valid_eik


def validate_eik(value):
    if not is_valid_eik(value):
        raise ValidationError(
            _("Невалиден ЕИК: очакват се 9 или 13 цифри с вярна контролна цифра."),
            code="invalid_eik",
        )
