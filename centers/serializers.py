from typing import cast

from rest_framework import serializers

from accounts.permissions import centers_staffed_by

from .models import (
    Center,
    LicensedProfession,
    LicenseStatusChange,
    ValidationProcedure,
    ValidationScope,
    ValidationStatus,
)


class LicensedProfessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LicensedProfession
        fields = ["profession_code", "profession_name", "specialty_code", "specialty_name"]


class LicenseStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = LicenseStatusChange
        fields = ["status", "since"]


class CenterSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(read_only=True)

    class Meta:
        model = Center
        fields = [
            "license_number",
            "kind",
            "name",
            "eik",
            "region",
            "region_name",
            "municipality",
            "address",
            "license_date",
            "status",
            "status_since",
            "website",
            "email",
            "phone",
        ]


class CenterDetailSerializer(CenterSerializer):
    status_history = LicenseStatusChangeSerializer(many=True, read_only=True)
    professions = LicensedProfessionSerializer(many=True, read_only=True)

    class Meta(CenterSerializer.Meta):
        fields = [*CenterSerializer.Meta.fields, "status_history", "professions"]


class ValidationProcedureSerializer(serializers.ModelSerializer):
    center = serializers.CharField(source="center.license_number", read_only=True)

    class Meta:
        model = ValidationProcedure
        fields = [
            "id",
            "center",
            "profession_code",
            "profession_name",
            "specialty_code",
            "specialty_name",
            "scope",
            "start_date",
            "end_date",
            "applicants",
            "validated",
            "status",
            "note",
            "version",
        ]
        read_only_fields = fields


class ValidationProcedureWriteSerializer(serializers.Serializer):
    """The fields a centre sends; cross-field rules are the service's."""

    specialty_code = serializers.CharField(max_length=7)
    scope = serializers.ChoiceField(choices=ValidationScope.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    applicants = serializers.IntegerField(min_value=0, max_value=1_000_000)
    validated = serializers.IntegerField(min_value=0, max_value=1_000_000)
    status = serializers.ChoiceField(choices=ValidationStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ValidationProcedureCreateSerializer(ValidationProcedureWriteSerializer):
    center = serializers.SlugRelatedField(
        slug_field="license_number", queryset=Center.objects.all()
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            cast(serializers.SlugRelatedField, self.fields["center"]).queryset = centers_staffed_by(
                user
            )


class ValidationProcedureUpdateSerializer(ValidationProcedureWriteSerializer):
    version = serializers.IntegerField(min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False
