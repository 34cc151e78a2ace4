"""Portal users: centre staff, agency experts and agency administrators.

The e-mail address is the login. A user's role decides what they may do; centre
staff are linked to the centres they report for.
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CENTER_STAFF = "center_staff", _("Служител на център")
    EXPERT = "expert", _("Експерт на НАПОО")
    ADMINISTRATOR = "administrator", _("Администратор на НАПОО")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("E-mail is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        """A superuser is always an agency administrator: `createsuperuser` asks for
        no role, and needs no DJANGO_SUPERUSER_ROLE with --noinput."""
        fields["role"] = Role.ADMINISTRATOR
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        # Log-in is case-insensitive in the e-mail, as people type it.
        return self.get(email__iexact=username)


class User(AbstractBaseUser):
    email = models.EmailField(_("е-поща"), unique=True)
    full_name = models.CharField(_("име и фамилия"), max_length=150, blank=True)
    role = models.CharField(_("роля"), max_length=20, choices=Role.choices)
    centers = models.ManyToManyField(
        "centers.Center",
        verbose_name=_("центрове"),
        related_name="staff",
        blank=True,
        help_text=_("Центровете, за които служителят подава доклади."),
    )
    is_active = models.BooleanField(_("активен"), default=True)
    is_superuser = models.BooleanField(_("пълни права"), default=False)
    date_joined = models.DateTimeField(_("регистриран на"), default=timezone.now)
    # e-Authentication: a keyed hash of the person identifier (accounts/person_id.py),
    # never the identifier itself.
    person_id_hash = models.CharField(
        _("е-Автентикация"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    # Asked by `createsuperuser` besides the e-mail and password: nothing, since a
    # superuser's role is always administrator (UserManager.create_superuser).
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("потребител")
        verbose_name_plural = _("потребители")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.get_full_name()

    @property
    def is_center_staff(self):
        return self.role == Role.CENTER_STAFF

    @property
    def is_expert(self):
        return self.role == Role.EXPERT

    @property
    def is_administrator(self):
        return self.role == Role.ADMINISTRATOR or self.is_superuser

    @property
    def is_agency(self):
        """Agency users (experts and administrators) read every centre's data."""
        return self.is_expert or self.is_administrator

    @property
    def is_staff(self):
        # The Django admin is the administrators' tool; nobody else enters it.
        return self.is_active and self.is_administrator

    # Administrators hold every admin permission; no one else holds any. The
    # portal's own pages check roles, not Django permissions.
    def has_perm(self, perm, obj=None):
        return self.is_active and self.is_administrator

    def has_perms(self, perm_list, obj=None):
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label):
        return self.is_active and self.is_administrator


class SamlLogin(models.Model):
    """One round of e-Authentication that reached the portal's assertion consumer:
    the audit entries of log-ins and refusals point at it, and its assertion ID is
    unique, so an assertion is accepted once (a replay is refused)."""

    class Outcome(models.TextChoices):
        LOGGED_IN = "logged_in", _("вход")
        LINKED = "linked", _("свързан профил")
        REFUSED = "refused", _("отказ")

    created_at = models.DateTimeField(_("кога"), default=timezone.now, db_index=True)
    assertion_id = models.CharField(
        _("идентификатор на твърдението"), max_length=200, unique=True, null=True, blank=True
    )
    not_on_or_after = models.DateTimeField(_("валидно до"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("потребител"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("резултат"), max_length=20, choices=Outcome.choices)
    reason = models.CharField(_("причина"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("вход с е-Автентикация")
        verbose_name_plural = _("входове с е-Автентикация")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.outcome}"
