from django.urls import path

from entries import views

urlpatterns = [
    path("", views.index),
    path("healthz", views.health),
]
