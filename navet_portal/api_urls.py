"""The REST API under /api/v1/ (CONTRACT.md §5)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api import MeView
from centers.api import CenterViewSet, ValidationProcedureViewSet
from selfassessment.api import ReportViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("centers", CenterViewSet, basename="center")
router.register("reports", ReportViewSet, basename="report")
router.register(
    "validation-procedures", ValidationProcedureViewSet, basename="validation-procedure"
)

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    *router.urls,
]
