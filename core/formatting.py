"""Numbers as Bulgarian readers expect them: decimal comma, space between thousands."""


def bg_number(value, decimals=2):
    """1234.5 → "1 234,5"; 93.55 → "93,55"; 100.0 → "100"."""
    if value is None:
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",")
