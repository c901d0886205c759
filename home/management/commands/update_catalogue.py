"""Refresh the Vietnamese catalogue: the project's own messages plus all of Wagtail's.

Wagtail ships Vietnamese for only part of its admin (DESIGN §6); the project completes it
in ``locale/vi/LC_MESSAGES/django.po``, which Django prefers to the apps' own catalogues
because it is listed in ``LOCALE_PATHS``. Run after changing interface text or upgrading
Wagtail; it lists every message that still needs a translation.
"""

from pathlib import Path

import wagtail
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

LANGUAGE = "vi"
IGNORED = [".venv", "staticfiles", "media", "node_modules", "test-results", "tests"]
WAGTAIL_MARK = "wagtail"


def catalogue_path():
    return Path(settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / "django.po"


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def wagtail_entries():
    """Every distinct message of Wagtail's apps, from their English catalogues."""
    import polib

    entries = {}
    root = Path(wagtail.__file__).parent
    for path in sorted(root.glob("**/locale/en/LC_MESSAGES/django.po")):
        app = path.relative_to(root).parts[:-4]
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and entry.msgid:
                entries.setdefault(key(entry), (entry, set()))[1].add(".".join(("wagtail",) + app))
    return entries


def translation_of(entry):
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0) or entry.msgstr_plural.get("0") or ""
    return entry.msgstr


class Command(BaseCommand):
    help = (
        "Extract the project's messages, add every message of the pinned Wagtail, keep "
        "existing translations, compile, and list what still needs translating."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with an error if any message lacks a translation.",
        )

    def handle(self, *args, check=False, **options):
        import polib

        path = catalogue_path()
        previous = {}
        if path.exists():
            for entry in polib.pofile(str(path)):
                if not entry.obsolete and "fuzzy" not in entry.flags and translation_of(entry):
                    previous[key(entry)] = translation_of(entry)

        call_command(
            "makemessages",
            locale=[LANGUAGE],
            ignore_patterns=IGNORED,
            no_location=True,
            no_obsolete=True,
            verbosity=0,
        )
        catalogue = polib.pofile(str(path), wrapwidth=0)
        own = {key(entry) for entry in catalogue}
        for existing_key, (source, apps) in sorted(wagtail_entries().items()):
            if existing_key in own:
                continue
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                comment=f"{WAGTAIL_MARK}: {', '.join(sorted(apps))}",
            )
            if source.msgid_plural:
                entry.msgstr_plural = {0: ""}
            catalogue.append(entry)

        missing = []
        for entry in catalogue:
            translation = previous.get(key(entry)) or translation_of(entry)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                translation = previous.get(key(entry), "")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            if entry.msgid_plural:
                entry.msgstr_plural = {0: translation}
            else:
                entry.msgstr = translation
            if not translation:
                missing.append(entry)

        catalogue.metadata_is_fuzzy = False
        catalogue.header = "Vietnamese interface text: the project's own and Wagtail's admin."
        catalogue.metadata.update(
            {
                "Project-Id-Version": "govcms",
                "Language": LANGUAGE,
                "Language-Team": "Vietnamese",
                "Last-Translator": "govcms team",
                "Plural-Forms": "nplurals=1; plural=0;",
                "Content-Type": "text/plain; charset=UTF-8",
            }
        )
        catalogue.metadata.pop("POT-Creation-Date", None)
        catalogue.metadata.setdefault(
            "PO-Revision-Date", timezone.localtime().strftime("%Y-%m-%d %H:%M%z")
        )
        catalogue.save(str(path))
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))

        for entry in missing:
            context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
            origin = entry.comment or "project"
            self.stdout.write(f"  untranslated ({origin}): {context}{entry.msgid!r}")
        total = len(catalogue)
        self.stdout.write(
            f"{total - len(missing)} of {total} messages translated; {len(missing)} missing."
        )
        if check and missing:
            raise CommandError(f"{len(missing)} messages need a Vietnamese translation.")
