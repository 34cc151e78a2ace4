"""Aggregates API (CONTRACT.md §5): public statistics and trends; analyses."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAgencyUser
from centers.models import Kind
from core.years import FIRST_YEAR, LAST_YEAR

from .cache import cached_statistics, cached_trends
from .models import Analysis, AnalysisStatus
from .services import analysis_request, analysis_retry
from .statistics import StatisticsError

KIND = OpenApiParameter("kind", str, enum=Kind.values, default=Kind.CPO.value)
YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}


def _int(value, name):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: ["Цяло число."]}) from None


class StatisticsView(APIView):
    """National aggregates of a year (public)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[KIND, OpenApiParameter("year", YEAR, OpenApiParameter.PATH)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, year):
        try:
            statistics = cached_statistics(
                _int(year, "year"), request.query_params.get("kind", Kind.CPO)
            )
            return Response(statistics.as_json())
        except StatisticsError as exc:
            raise ValidationError(exc.errors) from exc


class TrendsView(APIView):
    """The statistics of every year from `from` to `to` (public)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            KIND,
            OpenApiParameter("from", YEAR, required=True),
            OpenApiParameter(
                "to", YEAR, required=True, description="At most 50 years after `from`."
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        params = request.query_params
        first = _int(params.get("from"), "from")
        last = _int(params.get("to"), "to")
        try:
            return Response(cached_trends(params.get("kind", Kind.CPO), first, last).as_json())
        except StatisticsError as exc:
            raise ValidationError(exc.errors) from exc


class AnalysisSerializer(serializers.ModelSerializer):
    pdf_url = serializers.SerializerMethodField()
    statistics = serializers.JSONField(read_only=True)

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
            "created_at",
            "finished_at",
            "statistics",
        ]

    def get_pdf_url(self, analysis) -> str | None:
        if analysis.status != AnalysisStatus.DONE:
            return None
        return f"/api/v1/analyses/{analysis.pk}/pdf/"


class AnalysisSummarySerializer(AnalysisSerializer):
    """An analysis in the list: without the statistics it was made from."""

    class Meta(AnalysisSerializer.Meta):
        fields = [f for f in AnalysisSerializer.Meta.fields if f != "statistics"]


class AnalysisRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = serializers.ChoiceField(choices=Kind.choices)


class AnalysesView(APIView):
    """Agency users ask for an analysis; a running one of the same year and kind is returned."""

    permission_classes = [IsAgencyUser]

    @extend_schema(request=AnalysisRequestSerializer, responses={202: AnalysisSerializer})
    def post(self, request):
        serializer = AnalysisRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        analysis, _created = analysis_request(**serializer.validated_data, user=request.user)
        analysis.refresh_from_db()
        return Response(AnalysisSerializer(analysis).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=AnalysisSummarySerializer(many=True))
    def get(self, request):
        analyses = Analysis.objects.defer("statistics")[:50]
        return Response(AnalysisSummarySerializer(analyses, many=True).data)


def _analysis(pk, user):
    analysis = Analysis.objects.filter(pk=pk).first()
    # Finished analyses are public; the ones in the making are the agency's.
    if analysis is None or (
        analysis.status != AnalysisStatus.DONE and not (user.is_authenticated and user.is_agency)
    ):
        raise NotFound
    return analysis


class AnalysisView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=AnalysisSerializer)
    def get(self, request, pk):
        return Response(AnalysisSerializer(_analysis(pk, request.user)).data)


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
        name = f"analiz-{analysis.kind}-{analysis.year}.pdf"
        return FileResponse(
            analysis.pdf.open("rb"),
            content_type="application/pdf",
            filename=name,
            as_attachment=True,
        )
