from django.urls import path

from . import views

app_name = "selfassessment"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/confirm/", views.report_confirm, name="confirm"),
    path("<int:pk>/receipt/<int:number>.pdf", views.report_receipt, name="receipt"),
]
