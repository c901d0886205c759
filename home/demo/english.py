"""The English versions (/en/) of the home page, of two units and of their information
pages, made the way an editor makes them (Wagtail's copy for translation), then written
in English and published."""

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from about.models import INFORMATION_PAGE_TYPES

HOME = {
    "title": "Home",
    "introduction": (
        "The shared portal of the public service units of the Department of Culture, "
        "Sports and Tourism of Ha Nam Province. News is published in Vietnamese; who each "
        "unit is and how to reach it is also given in English."
    ),
}
UNITS = {
    "TTXTDL": {
        "title": "Tourism Promotion Centre",
        "full_name": "Ha Nam Tourism Promotion Centre",
        "introduction": (
            "<p>The centre promotes the province as a destination, runs tourist information "
            "desks and takes part in travel fairs.</p>"
        ),
        "working_hours": "Monday to Friday, 7:30 – 17:00",
    },
    "TVT": {
        "title": "Provincial Library",
        "full_name": "Ha Nam Provincial Library",
        "introduction": (
            "<p>The library keeps the province's collections, serves readers on site and with "
            "its mobile library, and trains district and commune libraries.</p>"
        ),
        "working_hours": "Tuesday to Sunday, 7:30 – 17:00",
    },
}
# Each information page in English: its title and fields; leaders and divisions by order.
INFORMATION = {
    None: {
        "introduction": {
            "title": "Introduction",
            "summary": (
                "The Department of Culture, Sports and Tourism advises the Provincial People's "
                "Committee on culture, families, sport and tourism."
            ),
            "founded": "Decision No. 1029/QĐ-UBND (sample data)",
            "body": (
                "<p>The department was formed in 2008 by merging the province's culture, sport "
                "and tourism offices.</p><p>Its public service units are a tourism promotion "
                "centre, a library, a museum and a sports training centre, each with its own "
                "section of this portal.</p>"
            ),
        },
        "functions": {
            "title": "Functions and duties",
            "legal_basis": "Decision setting the department's functions and duties (sample data)",
            "position": (
                "<p>The department works under the Provincial People's Committee and follows "
                "the professional guidance of the Ministry of Culture, Sports and Tourism.</p>"
            ),
            "duties": (
                "<ul><li>Proposes plans for culture, sport and tourism to the Provincial "
                "People's Committee.</li><li>Guides and inspects its units.</li><li>Manages "
                "heritage sites, festivals and outdoor advertising.</li></ul>"
            ),
        },
        "organisation": {
            "title": "Organisation",
            "leadership": "Board of Directors",
            "divisions": [
                ("Department Office", "Chief of Office"),
                ("Culture Division", "Head of Division"),
                ("Sports Division", "Head of Division"),
                ("Tourism Division", "Head of Division"),
            ],
        },
        "leaders": {
            "title": "Leadership",
            "leaders": [
                ("Director", "Overall responsibility."),
                ("Deputy Director", "Culture and families."),
            ],
        },
        "contacts": {"title": "Contact", "working_hours": "Monday to Friday, 7:30 – 17:00"},
    },
    "TTXTDL": {
        "introduction": {
            "title": "Introduction",
            "summary": (
                "The centre presents the province's tourism to visitors from home and abroad."
            ),
            "founded": "",
            "body": (
                "<p>The centre brings destinations such as Tam Chuc pagoda, Ngu Dong Thi Son and "
                "the Doi Tam drum-making village closer to visitors.</p>"
            ),
        },
        "functions": {
            "title": "Functions and duties",
            "legal_basis": "",
            "position": "<p>A public service unit of the department.</p>",
            "duties": (
                "<ul><li>Organises travel fairs and promotion events.</li><li>Runs the tourist "
                "information desk.</li><li>Produces promotional material.</li></ul>"
            ),
        },
        "organisation": {
            "title": "Organisation",
            "leadership": "Board of Directors",
            "divisions": [
                ("Administration Division", "Head of Division"),
                ("Promotion and Information Division", "Head of Division"),
            ],
        },
        "leaders": {"title": "Leadership", "leaders": [("Director", "Overall responsibility.")]},
        "contacts": {"title": "Contact", "working_hours": "Monday to Friday, 7:30 – 17:00"},
    },
    "TVT": {
        "introduction": {
            "title": "Introduction",
            "summary": "The Provincial Library is the province's largest public library.",
            "founded": "",
            "body": (
                "<p>The library holds over two hundred thousand books, newspapers and local "
                "records, and serves readers on site and with its mobile library.</p>"
            ),
        },
        "functions": {
            "title": "Functions and duties",
            "legal_basis": "",
            "position": "<p>A public cultural service unit of the department.</p>",
            "duties": (
                "<ul><li>Builds and preserves the collections.</li><li>Serves readers and "
                "promotes reading.</li><li>Guides local libraries.</li></ul>"
            ),
        },
        "organisation": {
            "title": "Organisation",
            "leadership": "Board of Directors",
            "divisions": [
                ("Reader Services Division", "Head of Division"),
                ("Library Practice Division", "Head of Division"),
            ],
        },
        "leaders": {
            "title": "Leadership",
            "leaders": [
                ("Director", "Overall responsibility."),
                ("Deputy Director", "Library practice."),
            ],
        },
        "contacts": {"title": "Contact", "working_hours": "Tuesday to Sunday, 7:30 – 17:00"},
    },
}


def _english(page, locale, report, **fields):
    """The page's English version: copied for translation if missing, then given its
    English text and published. An existing version is left as it is."""
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    copy = CopyPageForTranslationAction(page=page, locale=locale).execute(
        skip_permission_checks=True
    )
    copy = type(page).objects.get(pk=copy.pk)
    divisions = fields.pop("divisions", None)
    leaders = fields.pop("leaders", None)
    for name, value in fields.items():
        setattr(copy, name, value)
    if divisions:
        for division, (name, position) in zip(copy.divisions.all(), divisions, strict=False):
            division.name, division.head_position = name, position
        copy.divisions = list(copy.divisions.all())
    if leaders:
        for leader, (position, duties) in zip(copy.leaders.all(), leaders, strict=False):
            leader.position, leader.responsibilities = position, duties
        copy.leaders = list(copy.leaders.all())
    copy.save_revision().publish()
    report.add("English version", str(copy.title))
    return copy


def ensure_english(home, units, report):
    locale, _created = Locale.objects.get_or_create(language_code="en")
    english_home = _english(home, locale, report, **HOME)
    owners = {None: home}
    for short_name, fields in UNITS.items():
        _english(units[short_name], locale, report, **fields)
        owners[short_name] = units[short_name]
    for short_name, pages in INFORMATION.items():
        owner = owners[short_name]
        for model in INFORMATION_PAGE_TYPES:
            source = model.objects.child_of(owner).first()
            if source is not None and model.information_key in pages:
                _english(source, locale, report, **pages[model.information_key])
    return english_home
