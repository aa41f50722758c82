from django.db import models


class SignInThrottle(models.Model):
    """Recent failed staff sign-ins for one account or one client.

    ``key`` is a keyed hash (HMAC with SECRET_KEY) of the user name or of the client
    address, so the table holds neither: not the names people mistyped (sometimes their
    password) and not readers' or staff's IP addresses. Rows are deleted a day after the
    last failure, and at once after a successful sign-in for the account.
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", "account"
        CLIENT = "client", "client"

    scope = models.CharField(max_length=10, choices=Scope.choices)
    key = models.CharField(max_length=64)
    failures = models.PositiveIntegerField(default=0)
    last_failure = models.DateTimeField()
    # No attempt is checked (no password hashed) before this moment.
    retry_after = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="unique_sign_in_throttle")
        ]
        indexes = [models.Index(fields=["last_failure"])]

    def __str__(self):
        return f"{self.scope} {self.key[:12]}: {self.failures} failures"
