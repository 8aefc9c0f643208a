"""Security headers Django 5.2 does not set itself."""

# Everything from this origin only; no inline script or style in the app's pages (the grid
# and the charts are static files and SVG elements). The admin's own templates use inline
# styles and scripts, so its pages get a looser policy; only staff reach them.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
CSP_ADMIN = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class HeaderKeamananMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP_ADMIN if request.path.startswith("/admin/") else CSP)
        response.setdefault("Permissions-Policy", PERMISSIONS)
        return response
