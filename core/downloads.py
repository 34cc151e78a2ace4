"""The `Content-Disposition` of a download, its file name encoded whatever it holds."""

from django.utils.http import content_disposition_header


def content_disposition(filename, *, as_attachment=True) -> str:
    """`attachment; filename="…"` (or `inline`), quotes and backslashes escaped and
    non-ASCII names as RFC 6266 `filename*`, so no value can break the header."""
    return content_disposition_header(as_attachment, filename) or (
        "attachment" if as_attachment else "inline"
    )
