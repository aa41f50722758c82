from django.conf import settings
from django.core.cache import cache
from django.db import models

from apps.pagecache import generation

SITE_SETTINGS_CACHE_KEY = "site:settings:v2"
NEUTRAL_STRIP_TEXT = "Emergency? Call your local emergency number."


class SiteSettings(models.Model):
    """The few words of the public shell that editors change without a deploy.

    There is one row (pk=1); ``SiteSettings.current()`` reads it through the cache so
    the help strip costs no query on most pages.
    """

    help_strip_heading = models.CharField(max_length=80, default="Get help now")
    help_strip_text = models.CharField(
        max_length=300,
        default=NEUTRAL_STRIP_TEXT,
        help_text="The strip's line when the reader's country is unknown: one short line "
        "(under 50 characters) a frightened reader can act on at once.",
    )
    emergency_numbers = models.CharField(
        max_length=200,
        default="911 (US, Canada) · 999 (UK) · 000 (Australia) · 112 (EU)",
        help_text="Emergency numbers by country: the one line of numbers on every printout.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="Public contact for readers; falls back to CONTACT_EMAIL."
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls, request=None):
        """The row, cached under the shell's version (Generation.shell, apps/pagecache),
        which a save changes: every worker reads the new text on its next request (a key
        deleted here would leave the other workers' per-process caches holding the old
        one), and an edit to an article does not make every worker read the row again."""
        key = f"{SITE_SETTINGS_CACHE_KEY}:{generation.current(request).shell_key}"
        settings_row = cache.get(key)
        if settings_row is None:
            settings_row = cls.objects.filter(pk=1).first() or cls(pk=1)
            if not getattr(request, "editorial_preview", None):
                cache.set(key, settings_row, 3600)
                # The last one read, for the outage page, which cannot read the generation.
                cache.set(SITE_SETTINGS_CACHE_KEY, settings_row, None)
        return settings_row

    @property
    def public_contact_email(self):
        """The address readers are shown: this row's, else the CONTACT_EMAIL setting."""
        return self.contact_email or settings.CONTACT_EMAIL


class FeaturedQuestion(models.Model):
    """An article editors put on the home page, in the order they choose.

    Readers arrive with one question ("does kratom cause insomnia?"); the home page
    leads with the answers editors judge most needed, not simply the newest.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="featured_question",
        help_text="Only published articles show; a draft waits here until it is published.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return str(self.article)
