from django.conf import settings


def client_address(request):
    """The visitor's address, as the sign-in lockout counts it.

    Behind GOVCMS_TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it
    received the request from to X-Forwarded-For, the client is that many entries from the
    end; whatever comes before them is the client's own claim and cannot be trusted.
    Without proxies it is the connection's own address.
    """
    proxies = settings.GOVCMS_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
