"""Report JSON (CONTRACT.md §4 and §5): the content as in the import format, plus
the portal's computed figures."""

from typing import cast

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Role, User
from accounts.permissions import centers_staffed_by, is_agency
from centers.models import Center
from core.years import FIRST_YEAR, LAST_YEAR

from .content import PARTS
from .frameworks import json_number
from .kinds import kind_of
from .models import Decision, Remark
from .selectors import previous_submission, report_validation


class SubmissionSerializer(serializers.Serializer):
    """One submitted version of a report, as listed in `submissions`."""

    number = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    on_time = serializers.BooleanField()
    total_score = serializers.FloatField(allow_null=True)
    quality_level = serializers.CharField(allow_null=True)
    receipt_url = serializers.CharField()


class RemarkSerializer(serializers.ModelSerializer):
    field = serializers.CharField(required=False, allow_blank=True, max_length=60)
    text = serializers.CharField(max_length=4000)

    class Meta:
        model = Remark
        fields = ["field", "text"]


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000, allow_blank=True)
    remarks = RemarkSerializer(many=True, required=False)
    due_date = serializers.DateField(required=False)
    version = serializers.IntegerField(min_value=1, required=False)


class AssignSerializer(serializers.Serializer):
    expert = serializers.SlugRelatedField(
        slug_field="email",
        queryset=User.objects.filter(role__in=[Role.EXPERT, Role.ADMINISTRATOR], is_active=True),
        allow_null=True,
        required=False,
        help_text="E-mail of the expert; omitted: the caller takes the report.",
    )


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class AnnulSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class DecisionSerializer(serializers.ModelSerializer):
    remarks = RemarkSerializer(many=True, read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.get_full_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Decision
        fields = [
            "kind",
            "submission_number",
            "reason",
            "due_date",
            "decided_at",
            "decided_by",
            "remarks",
        ]


class FlagSerializer(serializers.Serializer):
    """A finding of the agency's automatic checks (review/checks.py) on the latest version."""

    code = serializers.CharField()
    message = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    center = serializers.CharField(source="center.license_number", read_only=True)
    center_name = serializers.CharField(source="center.name", read_only=True)
    kind = serializers.CharField(source="center.kind", read_only=True)
    year = serializers.IntegerField(read_only=True)
    framework = serializers.CharField(source="framework.code", read_only=True)
    status = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    submitted_at = serializers.DateTimeField(
        source="first_submitted_at", read_only=True, allow_null=True
    )
    last_submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    on_time = serializers.BooleanField(source="submitted_on_time", read_only=True, allow_null=True)
    scores = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()
    validation = serializers.SerializerMethodField()
    narrative = serializers.SerializerMethodField()
    total_score = serializers.SerializerMethodField()
    quality_level = serializers.SerializerMethodField()
    area_totals = serializers.SerializerMethodField()
    submissions = serializers.SerializerMethodField()

    def _part(self, report, name):
        return report.content.get(name) or {}

    def get_scores(self, report) -> dict:
        return self._part(report, "scores")

    def get_answers(self, report) -> dict:
        return self._part(report, "answers")

    def get_comments(self, report) -> dict:
        return self._part(report, "comments")

    def get_validation(self, report) -> dict:
        return report_validation(report) or {}

    def get_narrative(self, report) -> dict:
        return self._part(report, "narrative")

    def _score(self, report):
        cache = self.context.setdefault("_scores", {})
        if report.pk not in cache:
            cache[report.pk] = kind_of(report.framework.spec).score(
                report.framework.spec, report.content
            )
        return cache[report.pk]

    def get_total_score(self, report) -> float | None:
        result = self._score(report)
        return json_number(result.total) if result else None

    def get_quality_level(self, report) -> str | None:
        result = self._score(report)
        return result.level if result else None

    def get_area_totals(self, report) -> dict:
        result = self._score(report)
        return {k: json_number(v) for k, v in result.area_totals.items()} if result else {}

    @extend_schema_field(SubmissionSerializer(many=True))
    def get_submissions(self, report):
        return [
            {
                "number": s.number,
                "submitted_at": serializers.DateTimeField().to_representation(s.submitted_at),
                "on_time": s.on_time,
                "total_score": json_number(s.total_score) if s.total_score is not None else None,
                "quality_level": s.quality_level or None,
                "receipt_url": reverse("selfassessment:receipt", args=[report.pk, s.number]),
            }
            for s in report.submissions.all()
        ]


def _compared(triple):
    previous, current, change = triple
    return {
        "previous": json_number(previous) if previous is not None else None,
        "current": json_number(current) if current is not None else None,
        "change": json_number(change) if change is not None else None,
    }


class ReportDetailSerializer(ReportSerializer):
    comparison = serializers.SerializerMethodField()
    assigned_expert = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_assigned_expert(self, report):
        """The expert's e-mail for agency users; a centre sees only the name
        (the agency's staff addresses are not published to the centres)."""
        expert = report.assigned_expert
        if expert is None:
            return None
        request = self.context.get("request")
        if request is not None and is_agency(request.user):
            return expert.email
        return expert.full_name or None

    flags = serializers.SerializerMethodField()

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, report):
        """The agency's decisions with their remarks: the centre reads them beside its fields."""
        return DecisionSerializer(report.decisions.prefetch_related("remarks"), many=True).data

    @extend_schema_field(FlagSerializer(many=True, allow_null=True))
    def get_flags(self, report):
        """The automatic checks' findings on the latest version: agency users only."""
        request = self.context.get("request")
        if request is None or not is_agency(request.user):
            return None
        latest = report.submissions.current().first()
        findings = latest.flags.all() if latest is not None else []
        return FlagSerializer(findings, many=True).data

    def get_comparison(self, report) -> dict | None:
        """This report against the centre's previous submitted report, per criterion
        and area (ЦПО)."""
        previous = previous_submission(report)
        spec = report.framework.spec
        compared = (
            kind_of(spec).comparison(spec, report.content, previous.content) if previous else None
        )
        if compared is None:
            return None
        return {
            "previous_year": previous.report.year,
            "criteria": {code: _compared(t) for code, t in compared["criteria"].items()},
            "areas": {code: _compared(t) for code, t in compared["areas"].items()},
        }


class ContentSerializer(serializers.Serializer):
    """The editable parts; their rules (codes, points) are checked by the service."""

    scores = serializers.DictField(required=False, allow_null=True)
    answers = serializers.DictField(required=False, allow_null=True)
    comments = serializers.DictField(required=False, allow_null=True)
    validation = serializers.DictField(
        required=False,
        allow_null=True,
        help_text="Ignored: a report's validation figures come from the validation "
        "procedures register (GET validation-procedures/) when it is submitted.",
    )
    narrative = serializers.DictField(required=False, allow_null=True)

    def content(self):
        return {k: v for k, v in self.validated_data.items() if k in PARTS}


class ReportCreateSerializer(ContentSerializer):
    center = serializers.SlugRelatedField(
        slug_field="license_number", queryset=Center.objects.all()
    )
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    framework = serializers.CharField(required=False, max_length=40)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            # Centre staff create reports for their own centres only.
            cast(serializers.SlugRelatedField, self.fields["center"]).queryset = centers_staffed_by(
                user
            )


class ReportUpdateSerializer(ContentSerializer):
    version = serializers.IntegerField(min_value=1)


class ReportSubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False)
