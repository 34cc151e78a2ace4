from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("analyses/", views.analyses_page, name="analyses"),
    path("benchmark/<str:license_number>/<int:year>/", views.benchmark_page, name="benchmark"),
]
