"""The portal's URLs plus one view that fails, to see the 500 page (test_error_pages)."""

from django.urls import path

from navet_portal.urls import handler400, handler404, handler500, urlpatterns


def _fail(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test-failure/", _fail),
    path("api/v1/test-failure/", _fail),
    *urlpatterns,
]
__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]
