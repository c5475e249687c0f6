from django.db import models


class Entry(models.Model):
    author = models.CharField(max_length=80)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
