from django.urls import path

from . import validation_views as views

app_name = "validation"

urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("new/<str:license_number>/", views.procedure_create_view, name="create"),
    path("<int:pk>/", views.procedure_edit_view, name="edit"),
]
