from rest_framework import serializers

from accounts.models import Role, User

from .models import Decision, Flag, Remark


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


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = ["code", "message"]
