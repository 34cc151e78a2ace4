# No app_name: the names `home` and `dashboard` are used bare by templates and by
# LOGIN_REDIRECT_URL / LOGOUT_REDIRECT_URL.
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
