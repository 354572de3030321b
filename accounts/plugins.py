"""What accounts contributes to the site's shared registries: the language of an address's
e-mails (eca_site.lib.mail asks it) and the /my/ panel to change it."""

from django.template.loader import render_to_string

from .forms import EmailLanguageForm
from .models import AccountProfile


def email_language_panel(request):
    """The /my/ dashboard's panel: the language of the account's e-mails."""
    language = (
        AccountProfile.objects.filter(user_id=request.user.pk)
        .values_list("language", flat=True)
        .first()
    )
    form = EmailLanguageForm(initial={"language": language}) if language else None
    return render_to_string("my/_email_language.html", {"form": form}, request=request)
