"""ЕИК / БУЛСТАТ check digits.

A 9-digit ЕИК identifies a legal entity; a 13-digit one a branch of it: its first
nine digits are the entity's ЕИК and the 13th digit checks digits 9–12. The check
digit is the weighted sum modulo 11, with a second set of weights when the first
gives 10, and 0 when the second gives 10 too (Registry Agency's algorithm).
"""

_FIRST_9 = (1, 2, 3, 4, 5, 6, 7, 8)
_SECOND_9 = (3, 4, 5, 6, 7, 8, 9, 10)
_FIRST_13 = (2, 7, 3, 5)
_SECOND_13 = (4, 9, 5, 7)


def _check_digit(digits, first_weights, second_weights):
    remainder = sum(d * w for d, w in zip(digits, first_weights, strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, second_weights, strict=True)) % 11
    return 0 if remainder == 10 else remainder


def eik_check_digit_9(first_eight):
    """The 9th digit for the first eight digits of an ЕИК (a string of digits)."""
    return _check_digit([int(c) for c in first_eight], _FIRST_9, _SECOND_9)


def is_valid_eik(value):
    """True when `value` is a 9- or 13-digit ЕИК whose check digits hold."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return False
    if len(value) not in (9, 13):
        return False
    digits = [int(c) for c in value]
    if _check_digit(digits[:8], _FIRST_9, _SECOND_9) != digits[8]:
        return False
    if len(value) == 13:
        return _check_digit(digits[8:12], _FIRST_13, _SECOND_13) == digits[12]
    return True
