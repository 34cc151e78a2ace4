from rest_framework import serializers

from .models import Center, LicensedProfession, LicenseStatusChange


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
