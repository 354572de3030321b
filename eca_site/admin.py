"""The admin site (`admin.site`); the ModelAdmin bases apps share are in eca_site/lib/admin.py."""

from django.contrib import admin
from django.utils.decorators import method_decorator

from eca_site.lib.forms import SingleLineFormMixin
from eca_site.lib.ratelimit import ratelimit


def single_line_form(form):
    """`form` with SingleLineFormMixin (control characters out of single-line fields)."""
    if issubclass(form, SingleLineFormMixin):
        return form
    return type(form.__name__, (SingleLineFormMixin, form), {"__module__": form.__module__})


class SiteAdmin(admin.AdminSite):
    """`admin.site`: titles, and a rate limit on login POSTs on top of django-axes' lockout."""

    site_header = "European Cluster Directory administration"
    site_title = "Cluster Directory admin"
    index_title = "Back office"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin's form and inline forms strip control characters from single-line
        fields, like every other form of the site (issue 12, bug 1)."""
        admin_class = admin_class or admin.ModelAdmin
        options["form"] = single_line_form(options.get("form", admin_class.form))
        options["inlines"] = [
            type(inline.__name__, (inline,), {"form": single_line_form(inline.form)})
            for inline in options.get("inlines", admin_class.inlines)
        ]
        super().register(model_or_iterable, admin_class, **options)

    @method_decorator(ratelimit("30/10m", key="admin-login"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
