"""schema.org data in a page, as search engines read it."""

import json

from django.utils.safestring import mark_safe

# Characters that would let a value close the <script> element or open a comment in it.
JSON_IN_HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``data`` as a JSON-LD script element, safe to place in the page."""
    encoded = json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{encoded}</script>')  # noqa: S308
