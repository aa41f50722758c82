from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReferralsConfig(AppConfig):
    name = "apps.referrals"

    def ready(self):
        from apps.pagecache.generation import change_committed

        from .api import render_after_change as api_render_after_change
        from .cards import service_rows_changed, service_saved
        from .listing import render_after_change
        from .models import Service

        # A service's own rows (contacts, hours, areas, languages) are on its /help/ card.
        for name in Service.draft_inlines:
            model = Service._meta.get_field(name).related_model
            uid = f"card-token-{model._meta.label_lower}"
            post_save.connect(service_rows_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(service_rows_changed, sender=model, dispatch_uid=uid)
        post_save.connect(service_saved, sender=Service, dispatch_uid="card-render-service")
        # /help/'s main content is rendered once a change to the directory commits.
        change_committed.connect(render_after_change, dispatch_uid="help-listing")
        # So is the HSDS API's first page of services.
        change_committed.connect(api_render_after_change, dispatch_uid="hsds-services")
