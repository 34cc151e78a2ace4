"""Reports API (CONTRACT.md §5): list, read, create, edit with `version`, submit;
the agency's return and accept, plus assign, reopen and annul."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from accounts.permissions import Denied, is_center_staff, may_annul, may_decide, may_reopen

from .filters import ReportFilter
from .selectors import reports_editable_by, reports_visible_to
from .serializers import (
    AnnulSerializer,
    AssignSerializer,
    ReopenSerializer,
    ReportCreateSerializer,
    ReportDetailSerializer,
    ReportSerializer,
    ReportSubmitSerializer,
    ReportUpdateSerializer,
    ReturnSerializer,
)
from .transitions import (
    report_accept,
    report_annul,
    report_assign,
    report_create,
    report_reopen,
    report_return,
    report_submit,
    report_update,
)


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
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise NotFound from None
        # One query on the autosave path; the second only to tell 404 from 403.
        report = reports_editable_by(self.request.user).filter(pk=pk).only("pk").first()
        if report is None:
            self.get_object()
            raise PermissionDenied(Denied.NOT_CENTER_STAFF_EDIT)
        return report

    def _respond(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data, status=code)

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportDetailSerializer})
    def create(self, request, *args, **kwargs):
        if not is_center_staff(request.user):
            raise PermissionDenied(Denied.NOT_CENTER_STAFF_CREATE)
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

    @extend_schema(
        request=ReportUpdateSerializer,
        responses={200: ReportDetailSerializer},
        description=(
            "Save changes to a draft, based on the `version` read; a stale version is 409. "
            "With the request header `Prefer: return=minimal` (RFC 7240) the answer is only "
            '`{"id", "version", "status", "updated_at"}` and the header '
            "`Preference-Applied: return=minimal`: what the form's autosave asks for."
        ),
    )
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
        if "return=minimal" in request.headers.get("Prefer", ""):
            response = Response(
                {
                    "id": report.pk,
                    "version": report.version,
                    "status": report.status,
                    "updated_at": report.updated_at,
                }
            )
            response["Preference-Applied"] = "return=minimal"
            return response
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

    # --- The agency's decisions ----------------------------------------------------

    def _for_decision(self):
        if not may_decide(self.request.user):
            raise PermissionDenied(Denied.NOT_AGENCY)
        return self.get_object()

    @extend_schema(request=ReturnSerializer, responses={200: ReportDetailSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        report = self._for_decision()
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = report_return(
            report=report,
            expert=request.user,
            reason=data["reason"],
            remarks=data.get("remarks", []),
            due_date=data.get("due_date"),
            version=data.get("version"),
        )
        return self._respond(report)

    @extend_schema(request=ReportSubmitSerializer, responses={200: ReportDetailSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        report = self._for_decision()
        serializer = ReportSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = report_accept(
            report=report, expert=request.user, version=serializer.validated_data.get("version")
        )
        return self._respond(report)

    @extend_schema(request=AssignSerializer, responses={200: ReportDetailSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        report = self._for_decision()
        serializer = AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        expert = serializer.validated_data.get("expert", request.user)
        report = report_assign(report=report, expert=expert, by=request.user)
        return self._respond(report)

    @extend_schema(request=ReopenSerializer, responses={200: ReportDetailSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        report = self._for_decision()
        if not may_reopen(request.user):
            raise PermissionDenied(Denied.NOT_ADMINISTRATOR_REOPEN)
        serializer = ReopenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = report_reopen(
            report=report, administrator=request.user, reason=serializer.validated_data["reason"]
        )
        return self._respond(report)

    @extend_schema(
        request=AnnulSerializer,
        responses={200: ReportDetailSerializer},
        description=(
            "Agency administrators: annul a filed report with a reason. The report stays "
            "readable, with status `annulled`, and counts in no statistics."
        ),
    )
    @action(detail=True, methods=["post"])
    def annul(self, request, pk=None):
        report = self._for_decision()
        if not may_annul(request.user):
            raise PermissionDenied(Denied.NOT_ADMINISTRATOR_ANNUL)
        serializer = AnnulSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = report_annul(
            report=report, administrator=request.user, reason=serializer.validated_data["reason"]
        )
        return self._respond(report)
