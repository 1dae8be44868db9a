"""Headers on every answer of the hub: what the browser may load, frame and tell other sites.

The pages load scripts and styles from the hub only (`static/`); inline style attributes stay allowed
(the server-drawn SVG charts use them), inline scripts do not. No page may be framed (clickjacking),
and a link out of the hub does not carry the page's address (it may name a person or a NIK).
"""

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                           "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                           "form-action 'self'")
HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Frame-Options": "DENY",
           "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff"}


def add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
