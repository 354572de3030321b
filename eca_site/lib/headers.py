"""Response headers Django has no setting for (imports no app)."""

from django.conf import settings


def permissions_policy(features):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Adds `Permissions-Policy` from `settings.PERMISSIONS_POLICY` unless a view set one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
