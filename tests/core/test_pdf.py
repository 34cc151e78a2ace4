"""WeasyPrint reads the portal's static files and nothing else."""

import pytest

from core.pdf import BASE_URL, RefusedURL, static_file_for, url_fetcher


def test_static_files_are_served():
    response = url_fetcher().fetch(BASE_URL + "css/portal.css")
    assert b"{" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/x.css",
        "https://example.com/static/../../etc/passwd",
        BASE_URL + "../settings.py",
        BASE_URL + "css/../../navet_portal/settings.py",
        BASE_URL + "nope.css",
        "data:text/css,body{}",
        "ftp://example.com/static/css/portal.css",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(RefusedURL):
        static_file_for(url)
    with pytest.raises(RefusedURL):
        url_fetcher().fetch(url)


def test_a_link_in_a_document_does_not_reach_the_file_system(tmp_path, settings):
    from weasyprint import HTML

    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    fetched = []

    class Recording(type(url_fetcher())):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    html = f'<style>@import url("file://{secret}");</style><img src="http://127.0.0.1:9/x.png">'
    HTML(string=html, base_url=BASE_URL, url_fetcher=Recording()).write_pdf()
    assert fetched  # WeasyPrint asked, and was refused (no exception escapes)
