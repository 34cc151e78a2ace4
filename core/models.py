"""Shared model pieces."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("създаден на"), auto_now_add=True)
    updated_at = models.DateTimeField(_("променен на"), auto_now=True)

    class Meta:
        abstract = True
