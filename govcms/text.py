"""Vietnamese text helpers shared by the whole project: transliteration and slugs."""

import re
import unicodedata

from django.utils.text import slugify

# Every precomposed Vietnamese letter that carries a mark, by its ASCII base letter.
# "đ" has no Unicode decomposition, which is why Django's slugify drops it.
VIETNAMESE_LETTERS = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    # "ð" (U+00F0, and "Ð" U+00D0 upper case) looks like "đ" and is typed or pasted for it.
    "d": "đð",
    "e": "èéẻẽẹêềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọôồốổỗộơờớởỡợ",
    "u": "ùúủũụưừứửữự",
    "y": "ỳýỷỹỵ",
}

_TRANSLITERATION = str.maketrans(
    {
        marked: base_case
        for base, letters in VIETNAMESE_LETTERS.items()
        for base_case, letters_case in ((base, letters), (base.upper(), letters.upper()))
        for marked in letters_case
    }
)


def transliterate(text):
    """Return ``text`` with Vietnamese letters replaced by their ASCII base letter."""
    return unicodedata.normalize("NFC", text).translate(_TRANSLITERATION)


# PostgreSQL's text search configuration for Vietnamese ("simple" with unaccent first),
# made by migration search/0002: the portal's search index and every query that reads it.
SEARCH_CONFIG = "govcms_vi"

# Characters that separate words or numbers in titles but that slugify would drop, joining
# what they separate: "2/9" would become "29" and "125/QĐ-UBND" "125qd-ubnd".
SEPARATORS = "/\\"


def vietnamese_slugify(text):
    """ASCII slug that reads naturally: "Đồng chí" becomes "dong-chi", "Quốc khánh 2/9"
    becomes "quoc-khanh-2-9"."""
    text = transliterate(text)
    for separator in SEPARATORS:
        text = text.replace(separator, "-")
    return slugify(text)


def slug_formatters():
    """The same transliteration as regex rules for the admin's slug script.

    Wagtail's ``SlugInput`` applies these before its own transliteration, whose tables
    have no Vietnamese and turn "đ" into "dj" (its Serbian table).
    """
    rules = []
    for base, letters in VIETNAMESE_LETTERS.items():
        rules.append((f"[{letters}]", base))
        rules.append((f"[{letters.upper()}]", base.upper()))
    # Titles typed in decomposed form: drop the combining marks left on base letters.
    rules.append(("[\u0300-\u036f]", ""))
    rules.append((f"[{re.escape(SEPARATORS)}]", "-"))
    return rules
