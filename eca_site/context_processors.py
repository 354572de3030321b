from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The site's name is a description, not a brand: it is translated. settings.SITE_NAME holds the
# English source; this marker puts it in the catalogues.
gettext_noop("European Cluster Directory")


def site(request):
    return {"SITE_NAME": gettext(settings.SITE_NAME), "DEBUG_BANNER": settings.DEBUG}
