"""A person clicks „Вход с е-Автентикация“, logs in at the identity provider (a test
one, served from this process) and comes back to the portal logged in."""

import html
import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from accounts.person_id import person_id_hash

from ..accounts.saml_idp import TestIdentityProvider, keypair
from ..factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 is required"),
]

PERSON = "PNOBG-8001010000"


class IdentityProviderPage(BaseHTTPRequestHandler):
    """The identity provider's log-in page: a button that posts the signed response."""

    idp: TestIdentityProvider

    def do_GET(self):
        form = self.idp.answer(self.path, person_id=PERSON)
        destination = self.idp.last_destination
        fields = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
            for name, value in form.items()
        )
        body = (
            "<!doctype html><title>е-Автентикация</title>"
            f'<form method="post" action="{html.escape(destination)}">{fields}'
            "<button type=submit>Потвърди самоличността</button></form>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def identity_provider(tmp_path, settings, live_server):
    server = ThreadingHTTPServer(("127.0.0.1", 0), IdentityProviderPage)
    # "localhost", as the live server: the same site, so the SAML session's Lax cookie
    # travels with the identity provider's POST as it does over HTTPS with SameSite=None.
    idp = TestIdentityProvider(tmp_path, sso_url=f"http://localhost:{server.server_port}/sso")
    cert, key = keypair(tmp_path, "sp")
    settings.SAML_IDP_METADATA = str(idp.metadata_path)
    settings.SAML_SP_CERT = cert
    settings.SAML_SP_KEY = key
    settings.SAML_SP_ENTITY_ID = ""
    settings.PORTAL_BASE_URL = live_server.url
    settings.PERSON_ID_HASH_KEY = "test-person-id-key"
    from django.test import Client

    idp.trust(Client().get("/saml2/metadata/").content)
    IdentityProviderPage.idp = idp
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield idp
    server.shutdown()
    server.server_close()


def test_click_eauth_and_come_back_logged_in(page, transactional_db, identity_provider):
    user = UserFactory(person_id_hash=person_id_hash(PERSON), full_name="Мария Иванова")

    page.goto("/accounts/login/")
    page.get_by_role("link", name="Вход с е-Автентикация").click()
    page.get_by_role("button", name="Потвърди самоличността").click()

    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/dashboard/$"))
    expect(page.locator("header")).to_contain_text(user.email)
