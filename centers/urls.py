from django.urls import path

from . import views

app_name = "centers"

urlpatterns = [
    path("", views.center_list, name="list"),
    path("export.csv", views.center_export, name="export"),
    path("<path:license_number>/", views.center_detail, name="detail"),
]
