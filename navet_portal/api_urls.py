"""The REST API under /api/v1/ (CONTRACT.md §5)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api import MeView
from centers.api import CenterViewSet, ValidationProcedureViewSet
from reports.api import (
    AnalysesView,
    AnalysisPdfView,
    AnalysisPublishView,
    AnalysisRetryView,
    AnalysisView,
    StatisticsView,
    TrendsView,
)
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
    path("statistics/trends/", TrendsView.as_view(), name="api-trends"),
    path("statistics/<str:year>/", StatisticsView.as_view(), name="api-statistics"),
    path("analyses/", AnalysesView.as_view(), name="api-analyses"),
    path("analyses/<int:pk>/", AnalysisView.as_view(), name="api-analysis"),
    path("analyses/<int:pk>/retry/", AnalysisRetryView.as_view(), name="api-analysis-retry"),
    path("analyses/<int:pk>/pdf/", AnalysisPdfView.as_view(), name="api-analysis-pdf"),
    path("analyses/<int:pk>/publish/", AnalysisPublishView.as_view(), name="api-analysis-publish"),
    *router.urls,
]
