"""The project's own interface text is complete in Vietnamese."""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


def test_every_project_message_has_a_vietnamese_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    untranslated = [
        entry.msgid
        for entry in po
        if not entry.comment.startswith("wagtail") and not entry.translated()
    ]
    assert len(po) > 100
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    expected = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) or e.msgstr_plural.get("0")
        for e in po.translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) or e.msgstr_plural.get("0")
        for e in mo
        if e.msgid and (e.msgstr or e.msgstr_plural)
    }
    assert compiled == expected
