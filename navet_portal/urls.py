from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = _("НАПОО — администрация на портала")
admin.site.site_title = _("Портал за качеството")
admin.site.index_title = _("Администрация")

urlpatterns = [
    path("", include("pages.urls")),
    path("centers/", include("centers.urls")),
    path("reports/", include("selfassessment.urls")),
    path("validation/", include("centers.validation_urls")),
    path("review/", include("review.urls")),
    path("statistics/", include("reports.urls")),
    path("accounts/", include("accounts.urls")),
    path("saml2/", include("accounts.saml_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("navet_portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

handler400 = "core.views.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
