import pytest

from centers.eik import eik_check_digit_9, is_valid_eik


@pytest.mark.parametrize(
    "eik",
    [
        "175074752",  # first weights
        "131071587",
        "020469788",
        "1213961230342",  # 13 digits: a branch
    ],
)
def test_valid_eik(eik):
    assert is_valid_eik(eik)


@pytest.mark.parametrize(
    "eik",
    [
        "175074751",  # wrong 9th digit
        "131071580",
        "1213961230343",  # wrong 13th digit
        "1213961240342",  # wrong digit among 9–12
        "1750747521",  # 10 digits
        "17507475",  # 8 digits
        "17507475a",
        "",
        "１７５０７４７５２",  # full-width digits are not ASCII
    ],
)
def test_invalid_eik(eik):
    assert not is_valid_eik(eik)


def test_second_weights_used_when_first_remainder_is_ten():
    prefix = next(
        f"{n:08d}"
        for n in range(10_000_000, 10_100_000)
        if sum(int(d) * w for d, w in zip(f"{n:08d}", range(1, 9), strict=True)) % 11 == 10
    )
    second = sum(int(d) * w for d, w in zip(prefix, range(3, 11), strict=True)) % 11
    expected = 0 if second == 10 else second
    assert eik_check_digit_9(prefix) == expected
    assert is_valid_eik(prefix + str(expected))
    assert not is_valid_eik(prefix + str((expected + 1) % 10))
