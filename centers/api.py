"""Public register API: `GET centers/` and `GET centers/{license_number}/` (CONTRACT.md §5)."""

from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .filters import CenterFilter
from .models import Center
from .serializers import CenterDetailSerializer, CenterSerializer


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
