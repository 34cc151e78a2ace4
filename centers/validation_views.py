"""The validation procedures register: centres record, the agency reads nationally."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import centers_staffed_by
from core.concurrency import StaleVersion

from .filters import ValidationProcedureFilter
from .forms import ValidationProcedureForm
from .models import Kind
from .selectors import procedure_totals, procedures_visible_to
from .services import procedure_create, procedure_update


@login_required
def procedure_list(request):
    procedure_filter = ValidationProcedureFilter(
        request.GET, queryset=procedures_visible_to(request.user)
    )
    procedures = (
        procedure_filter.qs
        if procedure_filter.is_valid()
        else procedures_visible_to(request.user).none()
    )
    page = Paginator(procedures.order_by("-start_date", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    own_centers = (
        centers_staffed_by(request.user).filter(kind=Kind.CPO).order_by("name")
        if request.user.is_center_staff
        else []
    )
    return render(
        request,
        "centers/procedure_list.html",
        {
            "filter": procedure_filter,
            "page": page,
            "query": query.urlencode(),
            "totals": procedure_totals(procedures),
            "own_centers": own_centers,
        },
    )


def _save(request, form, save):
    """Run a service save for a valid form; put its errors on the form."""
    if not form.is_valid():
        return None
    try:
        return save(form.values())
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    except StaleVersion as conflict:
        messages.error(request, conflict.message)
    return None


@login_required
def procedure_create_view(request, license_number):
    center = get_object_or_404(centers_staffed_by(request.user), license_number=license_number)
    form = ValidationProcedureForm(request.POST or None, center=center)
    if request.method == "POST":
        procedure = _save(
            request,
            form,
            lambda values: procedure_create(center=center, user=request.user, values=values),
        )
        if procedure is not None:
            messages.success(request, _("Процедурата е записана."))
            return redirect("validation:list")
    return render(
        request,
        "centers/procedure_form.html",
        {"form": form, "center": center},
        status=400 if form.errors else 200,
    )


@login_required
def procedure_edit_view(request, pk):
    procedure = get_object_or_404(procedures_visible_to(request.user), pk=pk)
    editable = request.user.is_center_staff
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = ValidationProcedureForm(
        request.POST or None if editable else None, instance=procedure, center=procedure.center
    )
    if request.method == "POST" and editable:
        saved = _save(
            request,
            form,
            lambda values: procedure_update(
                procedure=procedure,
                user=request.user,
                version=form.cleaned_data.get("version"),
                values=values,
            ),
        )
        if saved is not None:
            messages.success(request, _("Промените са записани."))
            return redirect("validation:list")
        status = 409 if not form.errors else 400
        return render(
            request,
            "centers/procedure_form.html",
            {"form": form, "center": procedure.center, "procedure": procedure},
            status=status,
        )
    return render(
        request,
        "centers/procedure_form.html",
        {
            "form": form,
            "center": procedure.center,
            "procedure": procedure,
            "read_only": not editable,
        },
    )
