from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from core.audit import audit

from .models import SamlLogin, User
from .person_id import person_id_hash, person_id_normalise


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "role")


class UserEditForm(UserChangeForm):
    # e-Authentication: the identifier is typed, hashed on save and never shown again.
    person_id = forms.CharField(
        label=_("Идентификатор за е-Автентикация"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "ЕГН или „PNOBG-“ и ЕГН. Порталът пази само ключов хеш на идентификатора; "
            "празно поле оставя връзката както е."
        ),
    )
    person_id_clear = forms.BooleanField(
        label=_("Премахни връзката с е-Автентикация"), required=False
    )

    class Meta:
        model = User
        fields = "__all__"

    def clean_person_id(self):
        value = person_id_normalise(self.cleaned_data.get("person_id") or "")
        if not value:
            return ""
        if not value.startswith("PNOBG-") or not value[6:].isdigit() or len(value) != 16:
            raise forms.ValidationError(
                _("Въведете ЕГН (10 цифри) или „PNOBG-“ и ЕГН."), code="invalid"
            )
        digest = person_id_hash(value)
        if User.objects.filter(person_id_hash=digest).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Този идентификатор вече е свързан с друг потребител."), code="taken"
            )
        return digest

    def save(self, commit=True):
        user = super().save(commit=False)
        self.person_id_change = ""
        if self.cleaned_data.get("person_id"):
            user.person_id_hash = self.cleaned_data["person_id"]
            self.person_id_change = "linked"
        elif self.cleaned_data.get("person_id_clear") and user.person_id_hash:
            user.person_id_hash = None
            self.person_id_change = "unlinked"
        if commit:
            user.save()
            self.save_m2m()
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "full_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "full_name", "centers__name", "centers__license_number")
    ordering = ("email",)
    filter_horizontal = ("centers",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Лични данни"), {"fields": ("full_name",)}),
        (_("Роля и достъп"), {"fields": ("role", "centers", "is_active", "is_superuser")}),
        (_("Дати"), {"fields": ("last_login", "date_joined")}),
        (
            _("е-Автентикация"),
            {"fields": ("eauth_linked", "person_id", "person_id_clear")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined", "eauth_linked")

    @admin.display(description=_("Свързан с е-Автентикация"), boolean=True)
    def eauth_linked(self, obj):
        return bool(obj.person_id_hash)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Who linked whom is audited; the identifier, never.
        if getattr(form, "person_id_change", ""):
            audit(target=obj, actor=request.user, action=f"person-id-{form.person_id_change}")


@admin.register(SamlLogin)
class SamlLoginAdmin(admin.ModelAdmin):
    list_display = ("created_at", "outcome", "reason", "user")
    list_filter = ("outcome", "reason")
    search_fields = ("user__email",)
    readonly_fields = ("created_at", "assertion_id", "not_on_or_after", "user", "outcome", "reason")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# API tokens are issued to REST clients by the administrators.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(admin.ModelAdmin):
    list_display = ("key", "user", "created")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
