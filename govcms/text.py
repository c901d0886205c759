"""Vietnamese text helpers shared by the whole project: transliteration and slugs."""

import unicodedata

from django.utils.text import slugify

# Every precomposed Vietnamese letter that carries a mark, by its ASCII base letter.
# "đ" has no Unicode decomposition, which is why Django's slugify drops it.
VIETNAMESE_LETTERS = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    "d": "đ",
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


def vietnamese_slugify(text):
    """ASCII slug that reads naturally: "Đồng chí" becomes "dong-chi"."""
    return slugify(transliterate(text))


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
    return rules
