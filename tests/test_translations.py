"""The admin speaks Vietnamese: the project's catalogue completes Wagtail's translation."""

import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from home.management.commands.update_catalogue import (
    DOMAINS,
    is_upstream_entry,
    key,
    translation_of,
    wagtail_entries,
)

CATALOGUES = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary-vi.md"
REQUIRED_WAGTAIL_COVERAGE = 0.99

PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +-]?\d*(?:\.\d+)?[sdifr]|%[sdif%]|\{[^{}]*\}")
HTML_TAG = re.compile(r"<[^>]+>")


def catalogue(domain):
    return polib.pofile(str(CATALOGUES / f"{domain}.po"))


@pytest.fixture(scope="module")
def entries():
    return [(domain, entry) for domain in DOMAINS for entry in catalogue(domain)]


def test_every_project_message_is_translated():
    own = [entry for entry in catalogue("django") if not is_upstream_entry(entry)]
    assert len(own) > 100
    assert [entry.msgid for entry in own if not translation_of(entry)] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_wagtail_messages_are_translated(domain):
    """At least 99% of the pinned Wagtail's distinct messages resolve to Vietnamese."""
    translated = {key(entry) for entry in catalogue(domain) if translation_of(entry)}
    wagtail = set(wagtail_entries(domain))
    coverage = len(wagtail & translated) / len(wagtail)
    assert coverage >= REQUIRED_WAGTAIL_COVERAGE, f"{coverage:.1%} of {len(wagtail)} messages"


def test_django_prefers_the_project_catalogue_to_wagtails_own():
    with translation.override("vi"):
        # Wagtail's own catalogue says "Phê chuẩn" and lacks the others.
        assert translation.gettext("Approve") == "Phê duyệt"
        assert translation.gettext("Save draft") == "Lưu bản nháp"
        assert translation.gettext("Awaiting your review") == "Đang chờ bạn duyệt"
        assert translation.pgettext("pagination", "Pages") == "Phân trang"


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_source(domain):
    source = {key(e): translation_of(e) for e in catalogue(domain) if translation_of(e)}
    compiled = polib.mofile(str(CATALOGUES / f"{domain}.mo"))
    assert {key(e): translation_of(e) for e in compiled if e.msgid} == source


def test_placeholders_html_and_plurals_survive(entries):
    broken = []
    for domain, entry in entries:
        text = translation_of(entry)
        if not text:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        for pattern in (PLACEHOLDER, HTML_TAG):
            expected = set().union(*(pattern.findall(source) for source in sources))
            for token in expected:
                needed = max(source.count(token) for source in sources)
                if text.count(token) < needed:
                    broken.append((domain, entry.msgid, token))
            for token in set(pattern.findall(text)) - expected:
                broken.append((domain, entry.msgid, f"unexpected {token}"))
        if entry.msgid_plural and set(entry.msgstr_plural) != {0}:
            broken.append((domain, entry.msgid, "Vietnamese has exactly one plural form"))
        if entry.msgid.strip() == entry.msgid and text.strip() != text:
            broken.append((domain, entry.msgid, "stray whitespace"))
    assert broken == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_msgfmt_check_passes(domain):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUES / f"{domain}.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def glossary_table(heading=None):
    """The rows of the glossary's table under ``heading`` (the first table when None), as
    lists of cells."""
    rows, inside = [], heading is None
    for line in GLOSSARY.read_text().splitlines():
        if line.startswith("## "):
            if rows:
                break
            inside = line[3:].strip() == heading
        elif inside and line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= {"-", " "}:
                rows.append(cells)
    return rows[1:]  # without the heading row


def glossary_terms():
    """(English, Vietnamese) pairs of the glossary's single-term rows."""
    return [
        (english, vietnamese)
        for english, vietnamese, *_notes in glossary_table()
        if not any(mark in english + vietnamese for mark in '/,();"…')
    ]


def test_words_the_glossary_rejects_are_used_nowhere(entries):
    avoided = [row[0].lower() for row in glossary_table("Words not to use")]
    assert {"kiểm duyệt", "bộ sưu tập", "quyền riêng tư", "bí danh"} <= set(avoided)
    found = [
        (entry.msgid, word)
        for _domain, entry in entries
        for word in avoided
        if word in translation_of(entry).lower()
    ]
    assert found == []


def test_plural_model_names_do_not_begin_with_cac():
    """They follow numbers ("1-20 trong tổng số 57 trang") and fill "Không có … nào"."""
    with translation.override("vi"):
        names = {str(model._meta.verbose_name_plural) for model in apps.get_models()}
    assert "trang" in names
    assert sorted(name for name in names if name.lower().startswith("các ")) == []


# Where a phrase has its own rendering, the words inside it are not checked one by one.
PHRASES = {
    r"submit(?:ted|ting)? (?:\w+ )?for moderation": "gửi duyệt",
    r"workflow tasks?": "bước duyệt",
}


def test_glossary_terms_are_rendered_the_same_everywhere(entries):
    terms = {}
    for english, vietnamese in glossary_terms():
        terms.setdefault(english, []).append(vietnamese)
    assert len(terms) >= 30
    inconsistent = []
    for _domain, entry in entries:
        text = translation_of(entry).lower()
        if not text:
            continue
        source = " ".join(filter(None, [entry.msgid, entry.msgid_plural]))
        source = HTML_TAG.sub(" ", PLACEHOLDER.sub(" ", source)).lower()
        for phrase, rendering in PHRASES.items():
            if re.search(phrase, source):
                if rendering not in text:
                    inconsistent.append((entry.msgid, phrase, rendering))
                source = re.sub(phrase, " ", source)
        for english, renderings in terms.items():
            if re.search(rf"\b{re.escape(english)}(?:s|es)?\b", source) and not any(
                vietnamese in text for vietnamese in renderings
            ):
                inconsistent.append((entry.msgid, english, renderings))
    assert inconsistent == []
