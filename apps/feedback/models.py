"""Reader feedback, kept anonymous by construction.

There is deliberately no field for an IP address, user agent, cookie or any other
identifier, and the time is kept to the hour so a message cannot be matched to a
line in a server log. Rate limiting happens in the cache only (see ratelimit.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


class Feedback(models.Model):
    page = models.CharField(max_length=300, help_text="The path the reader was on.")
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    item = GenericForeignKey("content_type", "object_id")
    helpful = models.BooleanField(null=True, db_index=True)
    message = models.TextField("problem reported", blank=True, max_length=2000)
    created_at = models.DateTimeField(default=this_hour, db_index=True)
    resolved = models.BooleanField(default=False, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    staff_note = models.TextField(blank=True, help_text="Only staff see this.")

    class Meta:
        ordering = ["resolved", "-created_at"]
        verbose_name_plural = "feedback"
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # The admin: open reports first, newest first; sorting by date.
            models.Index(fields=["resolved", "-created_at"], name="feedback_queue"),
            models.Index(fields=["created_at"], name="feedback_created"),
        ]

    def __str__(self):
        verdict = {True: "Helpful", False: "Not helpful", None: "Report"}[self.helpful]
        return f"{verdict} on {self.page}"

    def resolve(self, user):
        self.resolved, self.resolved_by, self.resolved_at = True, user, timezone.now()
