"""The audit trail: services call `audit` in the same transaction as the change."""

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

if TYPE_CHECKING:
    # AUTH_USER_MODEL or AnonymousUser, as django-stubs resolves it: core names no app.
    from django.contrib.auth.models import _AnyUser


def audit(
    *,
    target: models.Model,
    actor: "_AnyUser | None",
    action: str,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        changes=changes or {},
    )


def audit_trail(target):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")
