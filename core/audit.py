"""The audit trail: services call `audit` in the same transaction as the change."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .bulk import insert_instances
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


def audit_many(
    *,
    entries: Iterable[tuple[models.Model, str, dict[str, Any]]],
    actor: "_AnyUser | None",
) -> list[AuditEntry]:
    """`audit` for many changes at once (a bulk import): one entry per (target,
    action, changes), written in bulk (core.bulk.insert_instances)."""
    by = actor if actor is not None and actor.is_authenticated else None
    created = [
        AuditEntry(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            actor=by,
            action=action,
            changes=changes or {},
        )
        for target, action, changes in entries
    ]
    insert_instances(AuditEntry, created)
    return created


def audit_trail(target):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")
