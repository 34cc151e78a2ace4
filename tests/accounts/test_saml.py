"""Log-in through e-Authentication (SAML 2.0): a real round trip against a test
identity provider built with pysaml2, and every way the portal refuses one."""

import shutil
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from accounts.models import SamlLogin
from accounts.person_id import person_id_hash
from core.models import AuditEntry

from ..conftest import PASSWORD
from ..factories import ExpertFactory, UserFactory
from .saml_idp import IDP_SSO_URL, TestIdentityProvider, keypair

pytestmark = pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 is required")

PERSON = "PNOBG-8001010000"
BASE = "http://testserver"


@pytest.fixture
def test_idp(tmp_path):
    return TestIdentityProvider(tmp_path)


@pytest.fixture
def saml_settings(db, test_idp, tmp_path, settings):
    """The portal configured for e-Authentication with a test identity provider."""
    cert, key = keypair(tmp_path, "sp")
    settings.SAML_IDP_METADATA = str(test_idp.metadata_path)
    settings.SAML_SP_CERT = cert
    settings.SAML_SP_KEY = key
    settings.SAML_SP_ENTITY_ID = ""
    settings.PORTAL_BASE_URL = BASE
    settings.PERSON_ID_HASH_KEY = "test-person-id-key"
    return settings


@pytest.fixture
def idp(test_idp, saml_settings, client):
    """The test identity provider, trusting the portal's SP metadata as served."""
    test_idp.trust(client.get("/saml2/metadata/").content)
    return test_idp


@pytest.fixture
def linked_user(db, saml_settings):
    return UserFactory(person_id_hash=person_id_hash(PERSON))


def start(client, next_path=None):
    url = "/saml2/login/" + (f"?next={next_path}" if next_path else "")
    response = client.get(url)
    assert response.status_code == 302
    return response["Location"]


def acs(client, form):
    return client.post("/saml2/acs/", form)


def refusals(reason):
    return AuditEntry.objects.filter(action="saml-refused", changes__reason=reason)


# --- Configuration ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/saml2/login/", "/saml2/acs/", "/saml2/ls/", "/saml2/metadata/", "/saml2/link/"]
)
def test_without_idp_metadata_saml_is_404_and_the_button_hidden(client, db, path, settings):
    settings.SAML_IDP_METADATA = ""

    assert client.get(path).status_code == 404
    assert "е-Автентикация" not in client.get("/accounts/login/").content.decode()


def test_metadata_is_a_valid_sp_entity_descriptor(client, saml_settings):
    from saml2.mdstore import MetadataStore

    response = client.get("/saml2/metadata/")

    assert response.status_code == 200
    xml = response.content.decode()
    assert "EntityDescriptor" in xml
    assert 'entityID="http://testserver/saml2/metadata/"' in xml
    store = MetadataStore(None, None)
    store.load("inline", xml)
    sp = store["http://testserver/saml2/metadata/"]["spsso_descriptor"][0]
    assert [a["location"] for a in sp["assertion_consumer_service"]] == [
        "http://testserver/saml2/acs/"
    ]
    assert sp["authn_requests_signed"] == "true"


def test_login_redirects_to_the_idp_with_a_signed_request(client, saml_settings):
    location = start(client)

    assert location.startswith(IDP_SSO_URL + "?")
    query = urlparse(location).query
    assert "SAMLRequest=" in query
    assert "Signature=" in query
    assert "SigAlg=" in query


def test_login_page_shows_the_eauth_button_first(client, saml_settings):
    page = client.get("/accounts/login/").content.decode()

    assert page.index("Вход с е-Автентикация") < page.index('name="password"')


# --- The round trip ----------------------------------------------------------------


def test_round_trip_logs_a_linked_user_in_and_audits_it(client, idp, linked_user):
    form = idp.answer(start(client, "/reports/"), person_id=PERSON)

    response = acs(client, form)

    assert response.status_code == 302
    assert response["Location"] == "/reports/"
    assert client.get("/dashboard/").status_code == 200
    assert int(client.session["_auth_user_id"]) == linked_user.pk
    attempt = SamlLogin.objects.get()
    assert attempt.outcome == SamlLogin.Outcome.LOGGED_IN
    assert attempt.user == linked_user
    entry = AuditEntry.objects.get(action="saml-login")
    assert entry.actor == linked_user
    # The identifier appears nowhere: not in the audit, not on the user.
    assert "8001010000" not in str(entry.changes)
    assert "8001010000" not in linked_user.person_id_hash


def test_single_logout_from_the_identity_provider(client, idp, linked_user):
    acs(client, idp.answer(start(client), person_id=PERSON))
    assert client.get("/dashboard/").status_code == 200

    response = client.get(idp.logout_request("http://testserver/saml2/ls/").replace(BASE, ""))

    assert response.status_code == 302
    assert response["Location"].startswith("https://eauth.test/idp/slo?SAMLResponse=")
    assert client.get("/dashboard/").status_code == 302


def test_a_bare_egn_and_the_national_form_hash_alike(saml_settings):
    assert person_id_hash("8001010000") == person_id_hash(" pnobg-8001010000 ")


# --- Refusals --------------------------------------------------------------------


def refused(response, reason, *, logged_in_as=None):
    assert response.status_code in (400, 403)
    body = response.content.decode()
    assert "Входът с е-Автентикация е отказан" in body
    assert f'data-reason="{reason}"' in body
    assert refusals(reason).count() == 1
    user_id = response.wsgi_request.session.get("_auth_user_id")
    assert user_id == (str(logged_in_as.pk) if logged_in_as else None)


def test_unsigned_response_is_refused(client, idp, linked_user):
    form = idp.answer(start(client), person_id=PERSON, sign=False)

    refused(acs(client, form), "signature")


def test_response_signed_with_another_key_is_refused(client, idp, linked_user, tmp_path):
    _, forged_key = keypair(tmp_path, "forger")
    idp.trust(client.get("/saml2/metadata/").content, signing_key=forged_key)
    form = idp.answer(start(client), person_id=PERSON)

    refused(acs(client, form), "signature")


def test_expired_assertion_is_refused(client, idp, linked_user, monkeypatch):
    form = idp.answer(start(client), person_id=PERSON)
    import saml2.time_util

    real_now = saml2.time_util.utc_now
    monkeypatch.setattr(saml2.time_util, "utc_now", lambda: real_now() + 3600)

    refused(acs(client, form), "expired")


def test_assertion_for_another_audience_is_refused(client, idp, linked_user):
    form = idp.answer(start(client), person_id=PERSON, for_another_audience=True)

    refused(acs(client, form), "invalid")


def test_replayed_response_is_refused(client, idp, linked_user):
    form = idp.answer(start(client), person_id=PERSON)
    assert acs(client, form).status_code == 302
    client.post("/accounts/logout/")

    refused(acs(client, form), "replayed")


def test_replayed_assertion_id_is_refused_in_a_new_round(client, idp, linked_user, monkeypatch):
    """The same assertion ID inside a fresh, solicited response: the portal remembers
    the IDs it accepted (SamlLogin.assertion_id is unique)."""
    import saml2.assertion

    real_factory = saml2.assertion.assertion_factory

    def same_id(**kwargs):
        made = real_factory(**kwargs)
        made.id = "_fixed-assertion-id"
        return made

    monkeypatch.setattr(saml2.assertion, "assertion_factory", same_id)
    assert acs(client, idp.answer(start(client), person_id=PERSON)).status_code == 302
    client.post("/accounts/logout/")

    refused(acs(client, idp.answer(start(client), person_id=PERSON)), "replayed")


def test_unknown_identifier_is_refused_with_whom_to_ask(client, idp, linked_user):
    users_before = get_user_model().objects.count()
    form = idp.answer(start(client), person_id="PNOBG-9001010001")

    response = acs(client, form)

    refused(response, "unknown")
    assert "администратора на портала в НАПОО" in response.content.decode()
    assert get_user_model().objects.count() == users_before


def test_inactive_user_is_refused(client, idp, linked_user):
    linked_user.is_active = False
    linked_user.save()
    form = idp.answer(start(client), person_id=PERSON)

    refused(acs(client, form), "inactive")


def test_locked_out_user_is_refused(client, idp, linked_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": linked_user.email, "password": "wrong"})
    form = idp.answer(start(client), person_id=PERSON)

    refused(acs(client, form), "locked")


# --- Linking ---------------------------------------------------------------------


def test_a_logged_in_user_links_the_profile_in_one_round(client, idp, center_staff):
    client.force_login(center_staff)
    response = client.post("/saml2/link/")
    assert response.status_code == 200
    location = start(client, "/accounts/password/change/")

    done = acs(client, idp.answer(location, person_id=PERSON))

    assert done.status_code == 302
    center_staff.refresh_from_db()
    assert center_staff.person_id_hash == person_id_hash(PERSON)
    assert AuditEntry.objects.filter(action="saml-linked", actor=center_staff).exists()
    # Next time, e-Authentication alone logs in.
    client.post("/accounts/logout/")
    assert acs(client, idp.answer(start(client), person_id=PERSON)).status_code == 302
    assert int(client.session["_auth_user_id"]) == center_staff.pk


def test_an_abandoned_link_request_does_not_link_the_next_person(client, idp, center_staff):
    client.force_login(center_staff)
    client.post("/saml2/link/")
    client.post("/accounts/logout/")

    # Someone else, on the same browser, logs in with their own identifier.
    refused(acs(client, idp.answer(start(client), person_id=PERSON)), "unknown")
    center_staff.refresh_from_db()
    assert center_staff.person_id_hash is None


def test_an_identifier_linked_to_someone_else_is_not_taken(client, idp, linked_user, expert):
    client.force_login(expert)
    client.post("/saml2/link/")
    location = start(client)

    refused(acs(client, idp.answer(location, person_id=PERSON)), "taken", logged_in_as=expert)
    expert.refresh_from_db()
    assert expert.person_id_hash is None


def test_admin_enters_the_identifier_and_only_its_hash_is_stored(
    client, saml_settings, administrator, center_staff
):
    client.force_login(administrator)
    url = f"/admin/accounts/user/{center_staff.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "centers": [c.pk for c in center_staff.centers.all()],
            "person_id": "8001010000",
            "date_joined_0": center_staff.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": center_staff.date_joined.strftime("%H:%M:%S"),
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    center_staff.refresh_from_db()
    assert center_staff.person_id_hash == person_id_hash(PERSON)
    assert AuditEntry.objects.filter(action="person-id-linked").exists()


# --- Policy ----------------------------------------------------------------------


def test_required_eauth_refuses_password_login_for_centre_staff_only(
    client, saml_settings, center_staff
):
    saml_settings.SAML_REQUIRED_FOR_CENTER_STAFF = True
    expert = ExpertFactory()

    staff = client.post("/accounts/login/", {"username": center_staff.email, "password": PASSWORD})
    assert staff.status_code == 200
    assert "само с е-Автентикация" in staff.content.decode()
    assert "_auth_user_id" not in client.session

    agency = client.post("/accounts/login/", {"username": expert.email, "password": PASSWORD})
    assert agency.status_code == 302


@override_settings(SAML_REQUIRED_FOR_CENTER_STAFF=True, SAML_IDP_METADATA="")
def test_the_policy_is_off_without_saml(client, center_staff):
    response = client.post(
        "/accounts/login/", {"username": center_staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
