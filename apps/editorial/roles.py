"""Staff roles as Django groups, defined once and applied idempotently.

The same definitions run from the data migration, after every ``migrate``
(post_migrate) and from ``manage.py sync_roles``, so a content type added later
gets its permissions without anyone editing a group by hand.
"""

from django.apps import apps as global_apps
from django.contrib.auth import get_permission_codename

from .registry import has_medical_review, publishable_models

WRITER = "Writer"
MEDICAL_REVIEWER = "Medical reviewer"
PUBLISHER = "Publisher"

# What each role may do with every content type (Publishable subclass). Everyone
# edits: a reviewer fixes a dose in the text, a publisher fixes a typo before going live.
CONTENT_ACTIONS = {
    WRITER: ("add", "change", "view"),
    MEDICAL_REVIEWER: ("change", "view", "review"),
    PUBLISHER: ("add", "change", "view", "publish"),
}
# Everything else staff need, as "app_label.codename".
OTHER_PERMISSIONS = {
    WRITER: [
        "editorial.view_checkstatus",
        "editorial.view_checkacceptance",
        "editorial.view_topic",
        "editorial.view_contributor",
        "editorial.add_source",
        "editorial.change_source",
        "editorial.view_source",
    ],
    MEDICAL_REVIEWER: [
        "editorial.view_checkstatus",
        "editorial.view_checkacceptance",
        "editorial.view_topic",
        "editorial.view_contributor",
        "editorial.add_source",
        "editorial.change_source",
        "editorial.view_source",
        "feedback.view_feedback",
        "feedback.change_feedback",
    ],
    PUBLISHER: [
        "editorial.view_checkstatus",
        "editorial.view_checkacceptance",
        "editorial.add_topic",
        "editorial.change_topic",
        "editorial.view_topic",
        "editorial.add_contributor",
        "editorial.change_contributor",
        "editorial.view_contributor",
        "editorial.add_source",
        "editorial.change_source",
        "editorial.view_source",
        "feedback.view_feedback",
        "feedback.change_feedback",
        "redirects.add_redirect",
        "redirects.change_redirect",
        "redirects.view_redirect",
    ],
}
# Models edited inside a content type's form (a service's contacts and hours) follow
# the content type's add/change/view rights.
CONTENT_APPS = ("articles", "alternatives", "referrals")


def create_model_permissions(apps, using):
    """Every model's default permissions (add, change, delete, view, plus Meta.permissions).

    Django creates these in its own post_migrate handler, app by app; the roles need
    them all, whatever order the apps migrate in. Built with the public models rather
    than django.contrib.auth's create_permissions, which skips the migration state's
    apps (they have no models module).
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    types = ContentType.objects.db_manager(using)
    existing = set(Permission.objects.db_manager(using).values_list("content_type_id", "codename"))
    missing = []
    for model in apps.get_models():
        opts = model._meta
        content_type, _ = types.get_or_create(app_label=opts.app_label, model=opts.model_name)
        wanted = [
            (get_permission_codename(action, opts), f"Can {action} {opts.verbose_name_raw}")
            for action in opts.default_permissions
        ] + list(opts.permissions)
        for codename, name in wanted:
            if (content_type.pk, codename) not in existing:
                existing.add((content_type.pk, codename))
                missing.append(Permission(content_type=content_type, codename=codename, name=name))
    Permission.objects.db_manager(using).bulk_create(missing)


def sync_roles(apps=global_apps, using="default"):
    """Create the groups and the review/publish permissions; safe to run any time."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    create_model_permissions(apps, using)

    publishable = publishable_models(apps)
    related = [
        model
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS
        and model not in publishable
        and not model._meta.model_name.startswith("historical")
    ]
    wanted = {role: set() for role in CONTENT_ACTIONS}
    for model in publishable:
        opts = model._meta
        content_type, _ = ContentType.objects.db_manager(using).get_or_create(
            app_label=opts.app_label, model=opts.model_name
        )
        for action, label in (("review", "Can review"), ("publish", "Can publish")):
            Permission.objects.db_manager(using).get_or_create(
                content_type=content_type,
                codename=f"{action}_{opts.model_name}",
                defaults={"name": f"{label} {opts.verbose_name}"},
            )
        for role, actions in CONTENT_ACTIONS.items():
            wanted[role] |= {(opts.app_label, f"{a}_{opts.model_name}") for a in actions}
        if not has_medical_review(model):
            # Help services are verified, not medically reviewed: a Publisher verifies
            # them too (never the author of the change: see workflow.change_authors).
            wanted[PUBLISHER].add((opts.app_label, f"review_{opts.model_name}"))
    for model in related:
        opts = model._meta
        for role, actions in CONTENT_ACTIONS.items():
            wanted[role] |= {
                (opts.app_label, f"{a}_{opts.model_name}")
                for a in actions
                if a in ("add", "change", "view", "delete")
            }
            # Removing a contact or an opening-hours row from a service is an edit.
            edited_inline = any(
                field.many_to_one and field.related_model in publishable
                for field in opts.get_fields()
            )
            if "change" in actions and edited_inline:
                wanted[role].add((opts.app_label, f"delete_{opts.model_name}"))
    for role, names in OTHER_PERMISSIONS.items():
        wanted[role] |= {tuple(name.split(".", 1)) for name in names}

    for role, names in wanted.items():
        group, _ = Group.objects.db_manager(using).get_or_create(name=role)
        permissions = [
            permission
            for permission in Permission.objects.db_manager(using).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in names
        ]
        group.permissions.set(permissions)
    return wanted
