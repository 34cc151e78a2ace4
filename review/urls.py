from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.<str:fmt>", views.queue_export, name="export"),
    path("campaign/", views.campaign_dashboard, name="campaign"),
    path("<int:pk>/", views.report_review, name="detail"),
    path("<int:pk>/accept/", views.report_accept_view, name="accept"),
    path("<int:pk>/return/", views.report_return_view, name="return"),
    path("<int:pk>/assign/", views.report_assign_view, name="assign"),
    path("<int:pk>/reopen/", views.report_reopen_view, name="reopen"),
    path("<int:pk>/annul/", views.report_annul_view, name="annul"),
    path("<int:pk>/practice/", views.report_practice_view, name="practice"),
]
