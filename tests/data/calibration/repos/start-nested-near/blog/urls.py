from django.urls import path

from posts import views

urlpatterns = [
    path("", views.index),
    path("healthz", views.health),
]
