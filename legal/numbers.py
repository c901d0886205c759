"""Document numbers and symbols (số ký hiệu), as Vietnamese administrative documents write
them: a number, a slash, and a symbol of letters joined by hyphens ("125/QĐ-SVHTTDL",
"12/2024/TT-BVHTTDL")."""

import re

from govcms.text import transliterate

# Number (digits), optionally a year, then the symbol: groups of letters and digits
# joined by hyphens, the first of them the kind of document.
NUMBER_PATTERN = re.compile(r"^\d{1,5}(/\d{4})?/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


def tidy(number):
    """The number as it is shown: no spaces around its separators, upper case."""
    number = re.sub(r"\s*([/-])\s*", r"\1", " ".join(number.split()))
    return number.upper()


def is_well_formed(number):
    return bool(NUMBER_PATTERN.match(tidy(number)))


def lookup_key(text):
    """The key a number is found by, however it is typed: "125/QĐ-SVHTTDL",
    "125/qd-svhttdl" and "125 QĐ" all begin the same key, "125QD…"."""
    return re.sub(r"[^0-9A-Z]", "", transliterate(text).upper())


def looks_like_a_number(text):
    """Whether a query is (the start of) a document number: it begins with digits and has
    a letter or a separator after them ("125 QĐ", "125/qd"), not plain words."""
    return bool(re.match(r"^\s*\d{1,5}\s*[/ -]?\s*\d{0,4}\s*[/ -]?\s*[A-Za-zĐđ]", text))
