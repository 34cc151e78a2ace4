from django.urls import path

from . import analysis_views, views

app_name = "reports"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("analyses/", analysis_views.analyses_page, name="analyses"),
    path("analyses/<int:pk>/", analysis_views.analysis_document_page, name="analysis_document"),
    path("analyses/<int:pk>/edit/", analysis_views.analysis_edit_page, name="analysis_edit"),
    path("analyses/<int:pk>/docx/", analysis_views.analysis_docx_download, name="analysis_docx"),
    path("benchmark/<str:license_number>/<int:year>/", views.benchmark_page, name="benchmark"),
]
