"""What people read instead of codes: a report's content paths and the audit trail's
actions, in Bulgarian.

A content path is a dotted key into a report's content (content.py): "scores.2.14"
(a ЦПО criterion), "answers.1.2" (a ЦИПО indicator), "comments.1.2", "narrative.goal",
"validation.persons". Decisions, remarks, e-mails and the change history name the
criterion or section by its title in the framework, never by the path.
"""

from collections.abc import Iterable
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from .content import printable
from .frameworks import FrameworkSpec


class _HasSpec(Protocol):
    @property
    def spec(self) -> FrameworkSpec: ...


# The validation figures of a ЦПО report (CONTRACT.md §4).
_VALIDATION_LABELS: dict[str, Promise] = {
    "procedures": _lazy("Проведени процедури по валидиране"),
    "persons": _lazy("Лица, преминали валидиране"),
}


def _spec_of(framework: "FrameworkSpec | _HasSpec | None") -> FrameworkSpec | None:
    if framework is None or isinstance(framework, FrameworkSpec):
        return framework
    return framework.spec


def content_label(framework: "FrameworkSpec | _HasSpec | None", path: str) -> str:
    """The human name of a content path under `framework` (a FrameworkSpec or a
    Framework): "scores.2.14" → "2.14. <the criterion's title>", "answers.1.2" →
    "1.2. <the indicator's title>", "narrative.goal" → the section's title.

    An empty path is the report as a whole. A path the framework does not know is
    shown as written (made printable), so nothing is ever hidden.
    """
    if not path:
        return _("Докладът като цяло")
    spec = _spec_of(framework)
    part, _dot, code = path.partition(".")
    if spec is not None and code:
        if part == "scores":
            criterion = spec.criterion(code)
            if criterion is not None:
                return f"{criterion.code}. {criterion.title}"
        elif part in ("answers", "comments"):
            indicator = next((i for i in spec.indicators if i.code == code), None)
            if indicator is not None:
                label = f"{indicator.code}. {indicator.title}"
                return (
                    label if part == "answers" else _("Коментар към %(label)s") % {"label": label}
                )
        elif part == "narrative":
            section = next((s for s in spec.sections if s.code == code), None)
            if section is not None:
                return section.title
    if part == "validation" and code in _VALIDATION_LABELS:
        return str(_VALIDATION_LABELS[code])
    return printable(path)


def content_sorted(framework: "FrameworkSpec | _HasSpec", paths: Iterable[str]) -> list[str]:
    """`paths` in the order of the report's form: criteria or indicators as in the
    framework, then the narrative sections, then the rest as written."""
    spec = _spec_of(framework)
    order: dict[str, int] = {}
    if spec is not None:
        for code in [c.code for c in spec.criteria]:
            order[f"scores.{code}"] = len(order)
        for code in spec.indicator_codes:
            order[f"answers.{code}"] = len(order)
            order[f"comments.{code}"] = len(order)
        for code in spec.section_codes:
            order[f"narrative.{code}"] = len(order)
    return sorted(paths, key=lambda path: (order.get(path, len(order)), path))


# Every action the audit trail records (core.audit), by its stored code.
ACTION_LABELS: dict[str, Promise] = {
    # a report's transitions (signals.Transition) and its import
    "create": pgettext_lazy("audit", "създаден"),
    "update": pgettext_lazy("audit", "променен"),
    "submit": pgettext_lazy("audit", "подаден"),
    "return": pgettext_lazy("audit", "върнат за корекция"),
    "accept": pgettext_lazy("audit", "приет"),
    "reopen": pgettext_lazy("audit", "отворен отново"),
    "assign": pgettext_lazy("audit", "разпределен на експерт"),
    "annul": pgettext_lazy("audit", "анулиран"),
    "import": pgettext_lazy("audit", "импортиран"),
    "import-update": pgettext_lazy("audit", "обновен чрез импорт"),
    # log-in through e-Authentication (accounts.saml) and the person's identifier
    "saml-login": pgettext_lazy("audit", "вход с електронна идентификация"),
    "saml-refused": pgettext_lazy("audit", "отказан вход с електронна идентификация"),
    "saml-linked": pgettext_lazy("audit", "свързан с електронна идентификация"),
    "person-id-linked": pgettext_lazy("audit", "свързан идентификатор на лицето"),
    "person-id-unlinked": pgettext_lazy("audit", "премахнат идентификатор на лицето"),
}


def action_label(action: str) -> str:
    """The Bulgarian name of an audit action ("accept" → „приет“); an action not
    listed is shown as stored."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
