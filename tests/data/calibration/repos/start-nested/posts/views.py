from django.http import HttpResponse, JsonResponse

from .models import Post


def index(request):
    entries = Post.objects.order_by("-created_at")[:20]
    return JsonResponse({"posts": [{"title": e.title, "body": e.body} for e in entries]})


def health(request):
    return HttpResponse("ok")
