import json

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.models import AuditEntry

from .frameworks import FrameworkError
from .labels import action_label
from .models import Framework, Report, ReportingPeriod, ReportSubmission
from .services import framework_load


class FrameworkFileForm(forms.Form):
    file = forms.FileField(label=_("Файл на рамката (JSON)"))


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Frameworks are loaded from their files and never edited: reports keep theirs."""

    list_display = ("code", "kind", "valid_from_year", "title", "loaded_at")
    list_filter = ("kind",)
    readonly_fields = (
        "code",
        "kind",
        "title",
        "approved_by",
        "valid_from_year",
        "max_points",
        "loaded_at",
    )
    exclude = ("definition",)
    change_list_template = "admin/selfassessment/framework/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "load/",
                self.admin_site.admin_view(self.load_view),
                name="selfassessment_framework_load",
            ),
            *super().get_urls(),
        ]

    def load_view(self, request):
        """The `load_framework` command for administrators: a new year's framework
        needs a file, not a code change."""
        form = FrameworkFileForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                data = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
                framework, created = framework_load(data=data)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems = [str(exc)]
            except FrameworkError as exc:
                problems = exc.problems
            else:
                message = (
                    _("Рамката %(code)s е заредена.")
                    if created
                    else _("Рамката %(code)s вече е заредена.")
                )
                self.message_user(request, message % {"code": framework.code}, messages.SUCCESS)
                return redirect(reverse("admin:selfassessment_framework_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Зареждане на рамка от критерии"),
            "form": form,
            "errors": problems,
            "opts": self.model._meta,
        }
        return render(request, "admin/selfassessment/framework/load.html", context)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ("year", "opens_on")


class SubmissionInline(admin.TabularInline):
    model = ReportSubmission
    fields = (
        "number",
        "submitted_at",
        "on_time",
        "total_score",
        "quality_level",
        "is_latest",
        "imported",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only here: reports change through the portal's pages, API and imports."""

    list_display = (
        "center",
        "year",
        "status",
        "first_submitted_at",
        "submitted_on_time",
        "version",
    )
    list_filter = ("year", "status", "center__kind", "submitted_on_time")
    search_fields = ("center__name", "center__license_number", "center__eik")
    list_select_related = ("center",)
    inlines = [SubmissionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action_name", "content_type", "object_id")
    list_filter = ("action", "content_type")
    search_fields = ("actor__email",)
    date_hierarchy = "created_at"

    @admin.display(description=_("действие"), ordering="action")
    def action_name(self, entry):
        return action_label(entry.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
