"""The audit trail: services call `audit` in the same transaction as the change."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit(*, target, actor, action, changes=None):
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
