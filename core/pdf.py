"""PDF documents from HTML templates (WeasyPrint), A4, Bulgarian.

WeasyPrint fetches what a document links to (stylesheets, images, fonts). Its default
fetcher opens any URL, `file://` included, so text a user typed that escaped into a
link would make the server fetch it. Ours serves the portal's own static files and
refuses everything else.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# The documents' base URL: a relative link resolves under it, to a static file.
BASE_URL = "https://portal.invalid" + settings.STATIC_URL


class RefusedURL(ValueError):
    """A document linked to something other than the portal's static files."""


def static_file_for(url):
    """The path of the static file `url` names (its path under STATIC_URL, whatever
    its host), found as `collectstatic` would find it; RefusedURL for anything else."""
    from django.contrib.staticfiles import finders

    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme not in {"http", "https"} or not path.startswith(settings.STATIC_URL):
        raise RefusedURL(f"not a static file of the portal: {url[:200]}")
    name = path.removeprefix(settings.STATIC_URL)
    if not name or "\\" in name or ".." in Path(name).parts or name.startswith("/"):
        raise RefusedURL(f"not a static file of the portal: {url[:200]}")
    found = finders.find(name)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / name).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    raise RefusedURL(f"no such static file: {name[:200]}")


def url_fetcher():
    """A WeasyPrint URL fetcher that serves `static_file_for` and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file_for(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": mime_type})

    return StaticOnlyFetcher()


def render_pdf(template, context):
    from weasyprint import HTML  # heavy import: only where a PDF is made

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).write_pdf()
