import io
from contextlib import nullcontext

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.downloads import content_disposition
from core.importing import ImportFileError

from .importing import example_centers_csv, write_centers_csv
from .models import Center, LicensedProfession, LicenseStatusChange
from .services import center_sync_status, centers_import_file
from .signals import regions_changing


class LicenseStatusChangeInline(admin.TabularInline):
    model = LicenseStatusChange
    extra = 0
    fields = ("status", "since", "recorded_at")
    readonly_fields = ("recorded_at",)


class LicensedProfessionInline(admin.TabularInline):
    model = LicensedProfession
    extra = 0


class CentersImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV файл"),
        help_text=_("Кодировка UTF-8, разделител запетая, заглавен ред с имената на колоните."),
    )


# The columns of the centres CSV (CONTRACT.md §3) as the import page explains them:
# (column, required, what it holds).
IMPORT_COLUMNS = (
    ("license_number", True, _("номер на лицензията, 9 или 10 цифри; по него се намира центърът")),
    ("kind", True, _("CPO (ЦПО) или CIPO (ЦИПО)")),
    ("name", True, _("наименование на центъра")),
    ("eik", True, _("ЕИК/БУЛСТАТ, 9 или 13 цифри с вярна контролна цифра")),
    ("region", True, _("област по ISO 3166-2:BG, от BG-01 до BG-28 (напр. BG-22 — София)")),
    ("municipality", True, _("община")),
    ("address", True, _("адрес")),
    ("license_date", True, _("дата на лицензията, ГГГГ-ММ-ДД")),
    (
        "status",
        True,
        _(
            "active (действаща), suspended (временно отнета), revoked (постоянно отнета) "
            "или terminated (прекратена)"
        ),
    ),
    ("status_since", False, _("от коя дата е статусът, ГГГГ-ММ-ДД; празно само при active")),
    ("website", False, _("уебсайт")),
    ("email", False, _("е-поща")),
    ("phone", False, _("телефон")),
)


@admin.action(description=_("Изтегляне на избраните като CSV"))
def export_csv(modeladmin, request, queryset):
    out = io.StringIO()
    write_centers_csv(queryset.iterator(), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition("centers.csv")
    return response


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ("license_number", "name", "kind", "region", "status", "status_since")
    list_filter = ("kind", "status", "region")
    search_fields = ("name", "eik", "license_number")
    readonly_fields = ("status", "status_since", "created_at", "updated_at")
    inlines = [LicenseStatusChangeInline, LicensedProfessionInline]
    actions = [export_csv]
    change_list_template = "admin/centers/center/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="centers_center_import",
            ),
            path(
                "import/example.csv",
                self.admin_site.admin_view(self.import_example),
                name="centers_center_import_example",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """The `import_centers` command for agency staff: same file, same rules."""
        form = CentersImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                summary = centers_import_file(
                    data=form.cleaned_data["file"].read(), user=request.user, source="admin"
                )
            except ImportFileError as exc:
                errors = exc.errors
            else:
                self.message_user(
                    request,
                    _(
                        "Импортът е успешен: нови %(created)s, променени %(updated)s, "
                        "без промяна %(unchanged)s."
                    )
                    % summary.__dict__,
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:centers_center_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Импорт на центрове от CSV"),
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
            "columns": IMPORT_COLUMNS,
            "example_csv": example_centers_csv().decode("utf-8-sig"),
        }
        return render(request, "admin/centers/center/import.html", context)

    def import_example(self, request):
        """A file in the import format with two valid rows, to start from."""
        response = HttpResponse(example_centers_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition("centers-example.csv")
        return response

    def save_model(self, request, obj, form, change):
        moved = change and "region" in form.changed_data
        with regions_changing(Center.objects.filter(pk=obj.pk)) if moved else nullcontext():
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        center_sync_status(center=form.instance)
