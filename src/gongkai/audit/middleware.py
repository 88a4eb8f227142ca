from gongkai.audit.context import source_ip


class RequestContextMiddleware:
    """Remember the client IP for the audit trail while the request runs.

    ``REMOTE_ADDR`` is used as is: behind a reverse proxy, the proxy must set it (e.g. uwsgi/nginx
    ``real_ip``); trusting ``X-Forwarded-For`` blindly would let anyone forge the logged address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = source_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            source_ip.reset(token)
