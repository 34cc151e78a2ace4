"""What the register announces to the apps above it.

- `register_changed`, once the transaction commits: centres were added or changed
  (a licence, a region), which changes the national figures' licensed centres and
  regions (reports drops its cached statistics).
- `register_changing`, inside the transaction, around a change of centres' regions:
  each receiver returns a context manager entered around the change (selfassessment
  keeps what its reports add up by region true, selfassessment/counting.py).
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import cast

from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import Signal

# register_changed(sender=Center): centres were added or changed.
register_changed = Signal()
# register_changing(sender=Center, centers=QuerySet[Center]) -> context manager
register_changing = Signal()


def announce_register_change() -> None:
    from .models import Center

    transaction.on_commit(lambda: register_changed.send(sender=Center))


@contextmanager
def regions_changing(centers: QuerySet) -> Iterator[None]:
    """Around a change of the regions of `centers` (a queryset read before and after)."""
    from .models import Center

    with ExitStack() as stack:
        for _receiver, manager in register_changing.send(sender=Center, centers=centers):
            stack.enter_context(cast(AbstractContextManager[None], manager))
        yield
