from django.http import HttpResponse, JsonResponse

from .models import Entry


def index(request):
    entries = Entry.objects.order_by("-created_at")[:20]
    return JsonResponse({"entries": [{"author": e.author, "message": e.message} for e in entries]})


def health(request):
    return HttpResponse("ok")
