from django.http import HttpResponse, JsonResponse

from .models import Note


def index(request):
    entries = Note.objects.order_by("-created_at")[:20]
    return JsonResponse({"entries": [{"author": e.author, "message": e.message} for e in entries]})


def health(request):
    return HttpResponse("ok")
