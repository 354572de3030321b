"""The site's error page for "405 Method Not Allowed" (imports no app).

Django's `require_POST` and `require_safe` answer a wrong method with an empty 405 body: a
visitor who opens `/accounts/logout/` in the address bar saw a blank page. This middleware
renders `templates/405.html` (the site's error layout, with a way on) instead, keeping the
`Allow` header. A 405 with a body of its own (an API's answer) is left as it is.
"""

from django.shortcuts import render


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        allowed = response.get("Allow", "")
        page = render(request, "405.html", {"allowed": allowed}, status=405)
        if allowed:
            page["Allow"] = allowed
        return page
