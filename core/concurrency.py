"""Optimistic locking: every save names the version it was based on."""

from django.utils.translation import gettext as _


class StaleVersion(Exception):
    """The record changed since the version the save was based on; nothing was saved."""

    def __init__(self, current_version: int) -> None:
        super().__init__(current_version)
        self.current_version = current_version

    @property
    def message(self) -> str:
        return _(
            "Записът е променен от друг потребител или в друг прозорец след като сте го "
            "отворили (текуща версия %(version)s). Нищо не е презаписано: презаредете, за "
            "да видите промените, и въведете своите отново."
        ) % {"version": self.current_version}
