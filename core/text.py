"""Text that can be stored: one rule for every place where people's text enters."""

from django.utils.translation import gettext as _


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None.

    A lone surrogate (U+D800–U+DFFF, which a JSON "\\ud800" escape can carry into
    Python) is not a character: PostgreSQL refuses it with an error, and a page that
    shows it cannot be encoded as UTF-8. A NUL character PostgreSQL refuses too.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _(
            "Текстът съдържа невалиден знак (несдвоен сурогат в UTF-16), "
            "който не може да бъде съхранен. Изтрийте го и опитайте отново."
        )
    if "\x00" in text:
        return _("Текстът съдържа нулев знак (U+0000), който не е допустим.")
    return None
