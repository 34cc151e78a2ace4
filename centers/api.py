"""Register API: the public `centers/` (CONTRACT.md §5) and `validation-procedures/`."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.permissions import Denied, is_center_staff

from .filters import CenterFilter, ValidationProcedureFilter
from .models import Center
from .selectors import procedures_visible_to
from .serializers import (
    CenterDetailSerializer,
    CenterSerializer,
    ValidationProcedureCreateSerializer,
    ValidationProcedureSerializer,
    ValidationProcedureUpdateSerializer,
)
from .services import procedure_create, procedure_update


class CenterViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    filterset_class = CenterFilter
    lookup_field = "license_number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        if self.action == "retrieve":
            return Center.objects.prefetch_related("status_history", "professions")
        return Center.objects.all()

    def get_serializer_class(self):
        return CenterDetailSerializer if self.action == "retrieve" else CenterSerializer


class ValidationProcedureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The validation procedures register: centre staff record their centres'
    procedures; agency users read all. PATCH sends the `version` it read."""

    serializer_class = ValidationProcedureSerializer
    filterset_class = ValidationProcedureFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return procedures_visible_to(self.request.user).order_by("-start_date", "-pk")

    def _require_center_staff(self):
        if not is_center_staff(self.request.user):
            raise PermissionDenied(Denied.NOT_CENTER_STAFF_PROCEDURES)

    @extend_schema(
        request=ValidationProcedureCreateSerializer, responses={201: ValidationProcedureSerializer}
    )
    def create(self, request, *args, **kwargs):
        self._require_center_staff()
        serializer = ValidationProcedureCreateSerializer(data=request.data, user=request.user)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        center = values.pop("center")
        procedure = procedure_create(center=center, user=request.user, values=values)
        return Response(
            ValidationProcedureSerializer(procedure).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=ValidationProcedureUpdateSerializer, responses={200: ValidationProcedureSerializer}
    )
    def partial_update(self, request, *args, **kwargs):
        procedure = self.get_object()
        self._require_center_staff()
        serializer = ValidationProcedureUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version = values.pop("version")
        procedure = procedure_update(
            procedure=procedure, user=request.user, version=version, values=values
        )
        return Response(ValidationProcedureSerializer(procedure).data)
