from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import User


class MeSerializer(serializers.ModelSerializer):
    # many=True makes a ManyRelatedField; read-only, so no queryset names the model.
    centers: "serializers.Field[Any, Any, Any, Any]" = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="license_number"
    )

    class Meta:
        model = User
        fields = ["email", "full_name", "role", "centers"]


class MeView(APIView):
    """The authenticated user: role and the centres (licence numbers) they report for."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)
