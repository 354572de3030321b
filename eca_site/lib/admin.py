"""ModelAdmin bases shared by the apps' admins (imports no app)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from simple_history.utils import bulk_update_with_history

from . import content_version
from .forms import SingleLineFormMixin


def has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


class PublishableAdmin(admin.ModelAdmin):
    """Publish / unpublish bulk actions for staff-kept content with an `is_published` flag
    (events, news, documents: no review workflow).

    The actions save through django-simple-history when the model keeps history, so a bulk
    (un)publish is versioned with who and when like any other edit.
    """

    actions = ["publish", "unpublish"]

    def _set_published(self, request, queryset, value):
        changed = list(queryset.exclude(is_published=value))
        if not changed:
            return 0
        now = timezone.now()
        for obj in changed:
            obj.is_published = value
            obj.updated = now
        if has_history(self.model):
            bulk_update_with_history(
                changed,
                self.model,
                ["is_published", "updated"],
                default_user=request.user,
                default_change_reason="published" if value else "unpublished",
            )
        else:
            self.model._default_manager.bulk_update(changed, ["is_published", "updated"])
        content_version.changed()  # bulk writes send no signals
        return len(changed)

    @admin.action(description=_("Publish selected items"))
    def publish(self, request, queryset):
        updated = self._set_published(request, queryset, True)
        self.message_user(
            request,
            ngettext("%(count)d item(s) published.", "%(count)d item(s) published.", updated)
            % {"count": updated},
        )

    @admin.action(description=_("Unpublish selected items"))
    def unpublish(self, request, queryset):
        updated = self._set_published(request, queryset, False)
        self.message_user(
            request,
            ngettext("%(count)d item(s) unpublished.", "%(count)d item(s) unpublished.", updated)
            % {"count": updated},
        )


class SuperuserDeleteAdmin(admin.ModelAdmin):
    """Only superusers may delete (after Django's confirmation page listing what goes with it);
    other staff withdraw or unpublish instead."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


# The 27 member states of the European Union (ISO 3166-1 alpha-2), listed first in filters.
EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


def country_in_use_filter(field_path, title=None):
    """A list filter offering only the countries the admin's rows use (not all ~250), EU
    member states first, then the others, each group by name. `field_path` is a
    django-countries field, e.g. "country" or "organisation__country"; the URL parameter is
    the one Django's own field filter used (`<field_path>__exact`), so saved links still work.
    """

    class CountryInUseFilter(admin.SimpleListFilter):
        parameter_name = f"{field_path}__exact"

        def lookups(self, request, model_admin):
            codes = (
                model_admin.get_queryset(request)
                .exclude(**{field_path: ""})
                .order_by()
                .values_list(field_path, flat=True)
                .distinct()
            )
            named = [(code not in EU_MEMBER_STATES, countries.name(code), code) for code in codes]
            return [(code, name) for _not_eu, name, code in sorted(named)]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field_path: self.value()})
            return queryset

    CountryInUseFilter.title = title or _("country")
    return CountryInUseFilter


# ----- moderation: items that staff publish, send back or reject (best practices, opportunities)
class ModerationQueueFilter(admin.SimpleListFilter):
    """Opens on the queue of submitted items (`queryset.awaiting_review()`); "All" shows every
    status."""

    title = _("moderation")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(None, gettext("Awaiting review")), ("all", gettext("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {}, [self.parameter_name]
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all" or request.GET.get("status__exact"):
            return queryset
        return queryset.awaiting_review()


class ModerationForm(SingleLineFormMixin, forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        required=False,
        label=_("Comment"),
        help_text=_("E-mailed with the decision and kept in the item's history."),
    )


class ModerationAdmin(admin.ModelAdmin):
    """Moderation actions that ask for a comment on a confirmation page
    (`templates/admin/moderate.html`), then run the app's workflow one item at a time (history
    row + e-mail: save() has side effects, so no update()).

    A subclass sets `moderation_labels` (("best practice", "best practices")),
    `moderation_recipients` (who
    gets the e-mail: "Each submitter gets"), `comment_optional_for` (statuses decided without a
    comment) and `transition_error` (the workflow's refusal), and implements
    `moderate_one(obj, to_status, user, comment)`. Its actions call `self.moderate(...)`.
    """

    moderation_labels = (_("item"), _("items"))
    moderation_recipients = _("Each submitter gets")
    comment_optional_for = ()
    transition_error = ValueError
    moderation_related = ("organisation",)  # what moderate_one and its e-mail read

    def moderate_one(self, obj, to_status, user, comment):
        raise NotImplementedError

    def moderation_done_message(self, count, verb):
        """The message after the action, e.g. "3 best practices published." A subclass may
        return a whole translated sentence (ngettext) instead of this assembled one."""
        label = self.moderation_labels[0 if count == 1 else 1]
        # Translators: "3 best practices published."; label and verb come from the app's admin.
        return gettext("%(count)s %(label)s %(verb)s.") % {
            "count": count,
            "label": label,
            "verb": verb,
        }

    def moderate(self, request, queryset, to_status, verb, title):
        applying = "apply" in request.POST
        form = ModerationForm(request.POST if applying else None)
        comment_required = to_status not in self.comment_optional_for
        form.fields["comment"].required = comment_required
        queryset = queryset.select_related(*self.moderation_related)
        if applying and form.is_valid():
            done, skipped = 0, []
            for obj in queryset:
                try:
                    self.moderate_one(obj, to_status, request.user, form.cleaned_data["comment"])
                    done += 1
                except self.transition_error as error:
                    skipped.append(str(error))
            if done:
                self.message_user(request, self.moderation_done_message(done, verb))
            for reason in skipped:
                self.message_user(request, reason, level=messages.WARNING)
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "title": title,
            "verb": verb,
            "items_label": self.moderation_labels[1],
            "recipients": self.moderation_recipients,
            "queryset": queryset,
            "form": form,
            "comment_required": comment_required,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/moderate.html", ctx)
