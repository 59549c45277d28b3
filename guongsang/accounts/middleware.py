from guongsang.accounts.audit import set_request_address


class AuditAddressMiddleware:
    """Remember the client address so audit entries written during the request carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        set_request_address(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            set_request_address(None)
