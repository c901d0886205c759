"""Refresh the Vietnamese catalogues: the project's messages, all of Wagtail's, and the
Django messages that Django's own Vietnamese catalogue lacks.

Wagtail ships Vietnamese for only part of its admin (DESIGN §6); the project completes it
in ``locale/vi/LC_MESSAGES/django.po`` (and ``djangojs.po`` for the admin's scripts),
which Django prefers to the apps' own catalogues because they are in ``LOCALE_PATHS``.
Run after changing interface text or upgrading Wagtail; it lists every message that still
needs a translation.
"""

from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

LANGUAGE = "vi"
DOMAINS = ("django", "djangojs")
IGNORED = [".venv", "staticfiles", "media", "node_modules", "test-results", "tests"]
WAGTAIL_MARK = "wagtail"
DJANGO_MARK = "django"


def catalogue_path(domain="django"):
    return Path(settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def wagtail_entries(domain="django"):
    """Every distinct message of Wagtail's apps in ``domain``, from their English catalogues,
    with the apps that use it."""
    # polib is a development tool (requirements-dev.in), not installed in production.
    import polib

    entries = {}
    root = Path(wagtail.__file__).parent
    for path in sorted(root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        app = ".".join(("wagtail", *path.relative_to(root).parts[:-4]))
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and entry.msgid:
                entries.setdefault(key(entry), (entry, set()))[1].add(app)
    return entries


DJANGO_APPS_SHOWN_IN_THE_ADMIN = ("conf", "contrib/auth", "contrib/contenttypes", "contrib/sites")


def django_entries_missing_in_vietnamese():
    """Django's own messages that its Vietnamese catalogue leaves untranslated and the
    admin shows (relative times, password forms, language names)."""
    # polib is a development tool (requirements-dev.in), not installed in production.
    import polib

    entries = {}
    root = Path(django.__file__).parent
    for app in DJANGO_APPS_SHOWN_IN_THE_ADMIN:
        locale = root / app / "locale"
        vietnamese = locale / LANGUAGE / "LC_MESSAGES" / "django.po"
        translated = (
            {key(entry) for entry in polib.pofile(str(vietnamese)) if entry.translated()}
            if vietnamese.exists()
            else set()
        )
        for entry in polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po")):
            if entry.msgid and not entry.obsolete and key(entry) not in translated:
                entries.setdefault(key(entry), (entry, set()))[1].add(
                    "django." + app.replace("/", ".")
                )
    return entries


def upstream_entries(domain):
    """The messages the project translates for others: all of Wagtail's, and Django's
    untranslated ones; each with the apps that use it and a mark for its origin."""
    entries = {
        k: (entry, apps, WAGTAIL_MARK) for k, (entry, apps) in wagtail_entries(domain).items()
    }
    if domain == "django":
        for entry_key, (entry, apps) in django_entries_missing_in_vietnamese().items():
            entries.setdefault(entry_key, (entry, apps, DJANGO_MARK))
    return entries


def translation_of(entry):
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0) or entry.msgstr_plural.get("0") or ""
    return entry.msgstr


def is_upstream_entry(entry):
    return entry.comment.startswith((f"{WAGTAIL_MARK}:", f"{DJANGO_MARK}:"))


class Command(BaseCommand):
    help = (
        "Extract the project's messages, add every message of the installed Wagtail, keep "
        "existing translations, compile, and list what still needs translating."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with an error if any message lacks a translation.",
        )

    def handle(self, *args, check=False, **options):
        missing = []
        total = 0
        for domain in DOMAINS:
            catalogue, domain_missing = self.refresh(domain)
            total += len(catalogue)
            missing += domain_missing
        for domain, entry in missing:
            context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
            origin = entry.comment or "project"
            self.stdout.write(f"  untranslated {domain} ({origin}): {context}{entry.msgid!r}")
        self.stdout.write(
            f"{total - len(missing)} of {total} messages translated; {len(missing)} missing."
        )
        if check and missing:
            raise CommandError(f"{len(missing)} messages need a Vietnamese translation.")

    def refresh(self, domain):
        # polib is a development tool (requirements-dev.in), not installed in production.
        import polib

        path = catalogue_path(domain)
        previous = {}
        # Kept as it was, so that a run that changes nothing leaves the files unchanged.
        revision_date = ""
        if path.exists():
            existing = polib.pofile(str(path))
            revision_date = existing.metadata.get("PO-Revision-Date", "")
            for entry in existing:
                if not entry.obsolete and "fuzzy" not in entry.flags and translation_of(entry):
                    previous[key(entry)] = translation_of(entry)

        if domain == "django":
            call_command(
                "makemessages",
                locale=[LANGUAGE],
                ignore_patterns=IGNORED,
                no_location=True,
                no_obsolete=True,
                verbosity=0,
            )
            catalogue = polib.pofile(str(path), wrapwidth=0)
        else:
            # The project has no scripts of its own: this catalogue only completes Wagtail's.
            catalogue = polib.POFile(wrapwidth=0)
        own = {key(entry) for entry in catalogue}
        for entry_key, (source, apps, mark) in sorted(upstream_entries(domain).items()):
            if entry_key in own:
                continue
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                comment=f"{mark}: {', '.join(sorted(apps))}",
            )
            if source.msgid_plural:
                entry.msgstr_plural = {0: ""}
            catalogue.append(entry)

        missing = []
        for entry in catalogue:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            translation = previous.get(key(entry), "")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            if entry.msgid_plural:
                entry.msgstr_plural = {0: translation}
            else:
                entry.msgstr = translation
            if not translation:
                missing.append((domain, entry))

        catalogue.metadata_is_fuzzy = False
        catalogue.header = "Vietnamese interface text: the project's own and Wagtail's admin."
        catalogue.metadata = {
            "Project-Id-Version": "govcms",
            "PO-Revision-Date": (
                revision_date
                if revision_date and "YEAR" not in revision_date
                else timezone.localtime().strftime("%Y-%m-%d %H:%M%z")
            ),
            "Last-Translator": "govcms team",
            "Language-Team": "Vietnamese",
            "Language": LANGUAGE,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        catalogue.save(str(path))
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))
        return catalogue, missing
