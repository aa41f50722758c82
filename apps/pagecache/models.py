import json
import secrets

from django.db import models


def new_shell_token():
    return secrets.token_hex(8)


class Generation(models.Model):
    """One row (pk=1): the number of the public site's current state.

    Every public change bumps ``counter`` (apps/pagecache/generation.py); everything
    cached for readers is keyed by it, so a change is visible on the next request on
    every worker and app server, whatever the cache backend. ``next_change`` is the
    earliest scheduled go-live time still ahead, so a scheduled item goes live without
    cron: the first request after that time bumps the counter.
    """

    counter = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField()
    next_change = models.DateTimeField(null=True, blank=True)
    # Changed only when what every page's shell shows changes (the help strip's services,
    # the site settings; generation.SHELL_MODELS), so the strip and the settings are not
    # rebuilt after every edit to an article. Random, not a count: a database restored
    # from a backup never meets entries cached under the same value.
    shell = models.CharField(max_length=16, default=new_shell_token)
    # Changed by every change but a content item's save that other items' pages do not
    # show (Publishable.page_only_fields): items' stored pages are kept under it, so such
    # a save renders that item's page again and no other (apps/editorial/pages.py).
    parts = models.CharField(max_length=16, default=new_shell_token)

    # With a read replica (hub/db_router.py), a lagging copy of this row would serve
    # pages from before a change: it is always read on the primary.
    read_from_primary = True

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return f"Generation {self.counter}"

    @property
    def key(self):
        """What cache keys are built from: the counter and its time, so a database
        restored from a backup (an older counter) never meets entries cached under the
        same counter before the restore."""
        return f"{self.counter}.{int(self.changed_at.timestamp() * 1_000_000)}"

    @property
    def parts_key(self):
        """What items' stored pages are kept under."""
        return f"parts.{self.parts}"

    @property
    def shell_key(self):
        """What the help strip and site settings are cached under."""
        return f"shell.{self.shell}"


class JSONTextField(models.TextField):
    """JSON kept as plain text: the database stores and returns it as it is.

    For values only ever written and read whole, never queried inside. As ``jsonb``,
    PostgreSQL parsed an item's parts (about 35 KB) on every write and printed them back
    on every read: 0.45 ms of a 0.9 ms query on the project's machine, against 0.33 ms
    for the same value as text.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        return None if value is None else json.dumps(value)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class Fragment(models.Model):
    """The rendered, item-specific parts of one public item's page (apps/editorial/pages.py).

    In the database rather than the cache: every worker and app server shares it, and it
    survives a cache outage. Valid only for the generation and day it was rendered under
    (``generation`` holds ``Generation.key``), so it is never stale; rendered when the item
    is saved, or by the first request that finds it out of date.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    generation = models.CharField(max_length=80)  # Generation.key and the code version
    day = models.DateField()
    # Set when the page shows something the clock changes ("Open now").
    valid_until = models.DateTimeField(null=True, blank=True)
    parts = JSONTextField()  # {part name: HTML}

    read_from_primary = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="fragment_item")
        ]

    def __str__(self):
        return f"Fragment of {self.content_type_id}:{self.object_id}"
