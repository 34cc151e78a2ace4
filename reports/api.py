"""Aggregates API (CONTRACT.md §5): public statistics and trends; analyses."""

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAgencyUser
from centers.models import Kind
from core.years import FIRST_YEAR, LAST_YEAR

from .models import Analysis, AnalysisKind, AnalysisStatus
from .publication import not_published_message, statistics_seen_by, trends_seen_by
from .schemas import ERROR_SCHEMA, STATISTICS_DESCRIPTION, STATISTICS_SCHEMA, TRENDS_SCHEMA
from .services import (
    analyses_visible_to,
    analysis_edit,
    analysis_publish,
    analysis_request,
    analysis_retry,
)
from .statistics import StatisticsError

KIND = OpenApiParameter("kind", str, enum=Kind.values, default=Kind.CPO.value)
YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}


def _int(value, name):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: ["Цяло число."]}) from None


class StatisticsView(APIView):
    """National aggregates of a year: the published snapshot for the public, the live
    figures for agency users (CONTRACT.md §5, §6)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[KIND, OpenApiParameter("year", YEAR, OpenApiParameter.PATH)],
        responses={
            200: OpenApiResponse(STATISTICS_SCHEMA, description=STATISTICS_DESCRIPTION),
            404: OpenApiResponse(
                ERROR_SCHEMA,
                description="The year is not published yet (anonymous clients and centre "
                "staff): `detail` says so.",
            ),
        },
    )
    def get(self, request, year):
        year = _int(year, "year")
        kind = request.query_params.get("kind", Kind.CPO)
        try:
            figures = statistics_seen_by(request.user, year, kind)
        except StatisticsError as exc:
            raise ValidationError(exc.errors) from exc
        if figures is None:
            raise NotFound(not_published_message(year, kind))
        return Response(figures.as_json())


class TrendsView(APIView):
    """The statistics of every year from `from` to `to`: for the public only the
    published years, as published; for agency users every year, live."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            KIND,
            OpenApiParameter("from", YEAR, required=True),
            OpenApiParameter(
                "to", YEAR, required=True, description="At most 50 years after `from`."
            ),
        ],
        responses=OpenApiResponse(
            TRENDS_SCHEMA,
            description="The years in order. Anonymous clients and centre staff get only "
            "the published years; agency users every year of the span.",
        ),
    )
    def get(self, request):
        params = request.query_params
        first = _int(params.get("from"), "from")
        last = _int(params.get("to"), "to")
        try:
            return Response(trends_seen_by(request.user, params.get("kind", Kind.CPO), first, last))
        except StatisticsError as exc:
            raise ValidationError(exc.errors) from exc


class AnalysisSectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    generated = serializers.BooleanField()


class AnalysisSerializer(serializers.ModelSerializer):
    pdf_url = serializers.SerializerMethodField()
    statistics = serializers.JSONField(read_only=True)
    sections = AnalysisSectionSerializer(many=True, read_only=True)
    html_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()

    class Meta:
        model = Analysis
        fields = [
            "id",
            "year",
            "kind",
            "status",
            "progress",
            "error",
            "pdf_url",
            "html_url",
            "docx_url",
            "version",
            "published_at",
            "drafted_from",
            "created_at",
            "finished_at",
            "sections",
            "statistics",
        ]

    def get_pdf_url(self, analysis) -> str | None:
        if analysis.status != AnalysisStatus.DONE or not analysis.pdf:
            return None
        return f"/api/v1/analyses/{analysis.pk}/pdf/"

    # Once built (a PDF stored), the document also exists as HTML and DOCX.
    def get_html_url(self, analysis) -> str | None:
        return reverse("reports:analysis_document", args=[analysis.pk]) if analysis.pdf else None

    def get_docx_url(self, analysis) -> str | None:
        return reverse("reports:analysis_docx", args=[analysis.pk]) if analysis.pdf else None


class AnalysisSummarySerializer(AnalysisSerializer):
    """An analysis in the list: without its text and the statistics it was made from."""

    class Meta(AnalysisSerializer.Meta):
        fields = [f for f in AnalysisSerializer.Meta.fields if f not in ("statistics", "sections")]


class AnalysisRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = serializers.ChoiceField(choices=AnalysisKind.choices, default=AnalysisKind.ALL.value)


class AnalysisEditSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        allow_empty=False,
        help_text="{section code: text in the document's markup}",
    )


class AnalysesView(APIView):
    """Agency users ask for an analysis (a running one of the same year and kind is
    returned); the list: published analyses for everyone, drafts for agency users."""

    def get_permissions(self):
        return [IsAgencyUser()] if self.request.method == "POST" else [AllowAny()]

    @extend_schema(request=AnalysisRequestSerializer, responses={202: AnalysisSerializer})
    def post(self, request):
        serializer = AnalysisRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        analysis, _created = analysis_request(**serializer.validated_data, user=request.user)
        analysis.refresh_from_db()
        return Response(AnalysisSerializer(analysis).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=AnalysisSummarySerializer(many=True))
    def get(self, request):
        analyses = analyses_visible_to(request.user).defer("statistics", "sections")[:50]
        return Response(AnalysisSummarySerializer(analyses, many=True).data)


def _analysis(pk, user):
    analysis = analyses_visible_to(user).filter(pk=pk).first()
    if analysis is None:
        raise NotFound
    return analysis


class AnalysisView(APIView):
    """An analysis with its sections; agency users edit a draft's text (PATCH)."""

    def get_permissions(self):
        return [IsAgencyUser()] if self.request.method == "PATCH" else [AllowAny()]

    @extend_schema(responses=AnalysisSerializer)
    def get(self, request, pk):
        return Response(AnalysisSerializer(_analysis(pk, request.user)).data)

    @extend_schema(
        request=AnalysisEditSerializer,
        responses={200: AnalysisSerializer},
        description="Edit the text of a draft's sections, sending the `version` read "
        "(409 when stale, 400 once published or for an unknown section); the PDF is "
        "rebuilt in the background.",
    )
    def patch(self, request, pk):
        analysis = _analysis(pk, request.user)
        serializer = AnalysisEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        analysis = analysis_edit(analysis=analysis, user=request.user, **serializer.validated_data)
        return Response(AnalysisSerializer(analysis).data)


class AnalysisPublishView(APIView):
    permission_classes = [IsAgencyUser]

    @extend_schema(request=None, responses={200: AnalysisSerializer})
    def post(self, request, pk):
        analysis = analysis_publish(analysis=_analysis(pk, request.user), user=request.user)
        return Response(AnalysisSerializer(analysis).data)


class AnalysisRetryView(APIView):
    permission_classes = [IsAgencyUser]

    @extend_schema(request=None, responses={202: AnalysisSerializer})
    def post(self, request, pk):
        analysis = analysis_retry(analysis=_analysis(pk, request.user))
        return Response(AnalysisSerializer(analysis).data, status=status.HTTP_202_ACCEPTED)


class AnalysisPdfView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        analysis = _analysis(pk, request.user)
        if analysis.status != AnalysisStatus.DONE or not analysis.pdf:
            raise NotFound("Анализът още не е готов.")
        suffix = "" if analysis.published_at else "-proekt"
        name = f"analiz-{analysis.kind}-{analysis.year}{suffix}.pdf"
        return FileResponse(
            analysis.pdf.open("rb"),
            content_type="application/pdf",
            filename=name,
            as_attachment=request.query_params.get("inline") is None,
        )
