"""A test identity provider for e-Authentication, built with pysaml2: its own key,
certificate and metadata, made in a temporary folder; it reads the portal's SP
metadata, parses the portal's signed AuthnRequest and answers with a signed
assertion carrying a person identifier, as the national identity provider does."""

import base64
import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import saml2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import samlp
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT
from saml2.server import Server

IDP_ENTITY_ID = "https://eauth.test/idp/metadata"
IDP_SSO_URL = "https://eauth.test/idp/sso"
OTHER_AUDIENCE = "https://other.example/sp"
PERSON_ATTRIBUTE = "urn:egov:bg:eauth:2.0:attributes:personIdentifier"


def keypair(folder: Path, name: str) -> tuple[str, str]:
    """A self-signed RSA certificate and its key, as PEM files; returns (cert, key)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    cert_path = folder / f"{name}.crt"
    key_path = folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


class TestIdentityProvider:
    __test__ = False  # not a test class, despite its name

    def __init__(self, folder: Path, sso_url: str = IDP_SSO_URL):
        self.folder = folder
        self.sso_url = sso_url
        self.cert, self.key = keypair(folder, "idp")
        self.metadata_path = folder / "idp-metadata.xml"
        self.metadata_path.write_bytes(create_metadata_string(None, config=self._config()))
        self.server: Server | None = None
        self.last_destination = ""
        self.last_name_id = None

    def _config(self, sp_metadata: list[str] | None = None, key: str | None = None) -> IdPConfig:
        conf = {
            "entityid": IDP_ENTITY_ID,
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(self.sso_url, saml2.BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [
                            (self.sso_url.replace("/sso", "/slo"), saml2.BINDING_HTTP_REDIRECT)
                        ],
                    },
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                    "want_authn_requests_signed": True,
                    "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                }
            },
            "key_file": key or self.key,
            "cert_file": self.cert,
        }
        if sp_metadata:
            conf["metadata"] = {"local": sp_metadata}
        config = IdPConfig()
        config.load(conf)
        return config

    def trust(self, sp_metadata_xml: bytes, *, signing_key: str | None = None) -> None:
        """Reads the portal's SP metadata; `signing_key` signs with another key (a forger)."""
        path = self.folder / "sp-metadata.xml"
        path.write_bytes(sp_metadata_xml)
        # The same SP under another entity ID: an assertion meant for another audience.
        other = self.folder / "other-sp-metadata.xml"
        entity_id = re.search(rb'entityID="([^"]+)"', sp_metadata_xml).group(1)
        other.write_bytes(sp_metadata_xml.replace(entity_id, OTHER_AUDIENCE.encode()))
        self.server = Server(config=self._config([str(path), str(other)], key=signing_key))

    def answer(
        self,
        location: str,
        *,
        person_id: str,
        sign: bool = True,
        for_another_audience: bool = False,
    ) -> dict[str, str]:
        """The POST the browser makes to the portal's ACS after the person logs in:
        parses the portal's redirect (and checks its signature), returns the form."""
        assert self.server is not None
        query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
        request = self.server.parse_authn_request(
            query["SAMLRequest"],
            saml2.BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        args = self.server.response_args(request.message)
        args.pop("binding", None)
        self.last_destination = args["destination"]
        if for_another_audience:
            args["sp_entity_id"] = OTHER_AUDIENCE
        response = self.server.create_authn_response(
            identity={PERSON_ATTRIBUTE: [person_id]},
            userid="test-person",
            authn={"class_ref": saml2.saml.AUTHN_PASSWORD_PROTECTED},
            sign_assertion=sign,
            sign_response=sign,
            **args,
        )
        self.last_name_id = samlp.response_from_string(str(response)).assertion[0].subject.name_id
        form = {"SAMLResponse": base64.b64encode(str(response).encode()).decode()}
        if query.get("RelayState"):
            form["RelayState"] = query["RelayState"]
        return form

    def logout_request(self, destination: str) -> str:
        """An identity-provider-initiated single log-out of the last person, signed, as
        the address the browser is sent to (HTTP-Redirect)."""
        assert self.server is not None
        _, request = self.server.create_logout_request(
            destination, IDP_ENTITY_ID, name_id=self.last_name_id, sign=False
        )
        info = self.server.apply_binding(
            saml2.BINDING_HTTP_REDIRECT,
            str(request),
            destination,
            "",
            sign=True,
            sigalg=saml2.xmldsig.SIG_RSA_SHA256,
        )
        return dict(info["headers"])["Location"]
