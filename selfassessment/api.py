"""Reports API (CONTRACT.md §5): list, read, create, edit with `version`, submit."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .filters import ReportFilter
from .selectors import reports_editable_by, reports_visible_to
from .serializers import (
    ReportCreateSerializer,
    ReportDetailSerializer,
    ReportSerializer,
    ReportSubmitSerializer,
    ReportUpdateSerializer,
)
from .services import report_create, report_submit, report_update


class ReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            reports_visible_to(self.request.user)
            .prefetch_related("submissions")
            .order_by("-year", "center__license_number")
        )

    def get_serializer_class(self):
        return ReportSerializer if self.action == "list" else ReportDetailSerializer

    def _editable(self):
        """The report for a change: 404 when not visible, 403 when visible but not
        the user's centre (agency users read, never edit)."""
        report = self.get_object()
        if not reports_editable_by(self.request.user).filter(pk=report.pk).exists():
            raise PermissionDenied("Само служителите на центъра могат да променят доклада.")
        return report

    def _respond(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data, status=code)

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportDetailSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.is_center_staff:
            raise PermissionDenied("Докладите се създават от служителите на центъра.")
        serializer = ReportCreateSerializer(data=request.data, user=request.user)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = report_create(
            center=data["center"],
            year=data["year"],
            user=request.user,
            content=serializer.content(),
            framework_code=data.get("framework"),
        )
        return self._respond(report, status.HTTP_201_CREATED)

    @extend_schema(request=ReportUpdateSerializer, responses={200: ReportDetailSerializer})
    def partial_update(self, request, *args, **kwargs):
        report = self._editable()
        serializer = ReportUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = report_update(
            report=report,
            user=request.user,
            version=serializer.validated_data["version"],
            changes=serializer.content(),
        )
        return self._respond(report)

    @extend_schema(request=ReportSubmitSerializer, responses={200: ReportDetailSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self._editable()
        serializer = ReportSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = serializer.validated_data.get("version")
        report = report_submit(report=report, user=request.user, version=version)
        return self._respond(report)
