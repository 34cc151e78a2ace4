"""What the register announces to the apps above it, once the transaction commits:
centres were added or changed (a licence, a region), which changes the national
figures' licensed centres and regions (reports drops its cached statistics)."""

from django.db import transaction
from django.dispatch import Signal

# register_changed(sender=Center): centres were added or changed.
register_changed = Signal()


def announce_register_change() -> None:
    from .models import Center

    transaction.on_commit(lambda: register_changed.send(sender=Center))
