from wagtail.admin.widgets import SlugInput

from .text import slug_formatters


class VietnameseSlugInput(SlugInput):
    """The admin's slug field, transliterating Vietnamese as the editor types a title."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or slug_formatters(), locale=locale)
