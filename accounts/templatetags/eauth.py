from django import template

from accounts.eauth import is_configured

register = template.Library()


@register.simple_tag
def eauth_enabled() -> bool:
    """Whether the e-Authentication button is shown (SAML_IDP_METADATA is set)."""
    return is_configured()
