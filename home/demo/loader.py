"""Builds the demo portal. Every step looks for what it would create first, so a second
run changes nothing."""

import html
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from departments.models import DepartmentPage
from departments.provisioning import ensure_shared_collection, sync_all_units
from govcms.text import vietnamese_slugify
from home.models import HomePage, PortalSettings, StandardPage
from news.models import NewsIndexPage, NewsPage

from .about import INFORMATION, ensure_information, ensure_leaders
from .content import ARTICLES, PORTAL, SEED_ARTICLE, UNITS
from .documents import ensure_documents
from .english import ensure_english
from .images import emblem_png, placeholder_jpeg
from .questions import ensure_questions
from .schedule import ensure_schedules

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "quantri-demo-2026"
DEMO_PASSWORD = "demo-govcms-2026"
DEMO_BOARD_USERNAME = "bbt"
# A second board member: a publication without approval is reviewed by another member.
DEMO_SECOND_BOARD_USERNAME = "bbt2"
# The address `make run` serves the demo at, so that links and canonical URLs match it.
DEMO_SITE_HOSTNAME = "127.0.0.1"
DEMO_SITE_PORT = 8000
UNIT_NEWS_INDEX_TITLE = "Tin tức"


@dataclass
class Report:
    created: list = field(default_factory=list)

    def add(self, kind, name):
        self.created.append((kind, name))


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"}


def _ensure_image(title, collection, report):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        slug = vietnamese_slugify(title)
        image = Image(
            title=title,
            description=title,
            collection=collection,
            file=ImageFile(io.BytesIO(placeholder_jpeg(title)), name=f"{slug}.jpg"),
        )
        image.save()
        report.add("image", title)
    return image


def _ensure_child(parent, model, report, *, title, date=None, tags=(), **fields):
    """Return the child of ``parent`` with the slug of ``title``, creating and publishing it
    if it is missing. An existing page is left exactly as it is."""
    slug = vietnamese_slugify(title)
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(title=title, slug=slug, **fields)
    if date is not None:
        page.date = date
    if tags:
        page.tags.add(*tags)
    parent.add_child(instance=page)
    page.save_revision().publish()
    if date is not None:
        Page.objects.filter(pk=page.pk).update(first_published_at=date, last_published_at=date)
    report.add(model._meta.verbose_name, title)
    return page


def _ensure_home_page(report):
    """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for welcome in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            if welcome.is_leaf():
                welcome.delete()
        home = HomePage(
            title=PORTAL["home_title"], slug="trang-chu", introduction=PORTAL["home_introduction"]
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.add("home page", home.title)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    wanted = {
        "hostname": DEMO_SITE_HOSTNAME,
        "port": DEMO_SITE_PORT,
        "root_page_id": home.pk,
        "site_name": PORTAL["owner_name"],
    }
    if any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
        report.add("site", f"{site.hostname}:{site.port}")
    return home, site


def _ensure_portal_settings(site, report, collection):
    settings = PortalSettings.for_site(site)
    if not settings.address:
        for name in ("owner_name", "address", "phone", "email", "licence"):
            setattr(settings, name, PORTAL[name])
        settings.save()
        report.add("settings", settings.owner_name)
    if not settings.governing_agency:
        for name in ("governing_agency", "responsible_person", "licence_number"):
            setattr(settings, name, PORTAL[name])
        settings.emblem = _ensure_png(PORTAL["emblem_title"], emblem_png(256), collection, report)
        settings.icon = _ensure_png(
            PORTAL["icon_title"], emblem_png(512, square=True), collection, report
        )
        settings.save()
        report.add("identity", settings.governing_agency)
    if not settings.english_owner_name:
        for name in ("owner_name", "governing_agency", "address"):
            setattr(settings, f"english_{name}", PORTAL[f"english_{name}"])
        settings.save()
        report.add("identity", settings.english_owner_name)


def _ensure_png(title, content, collection, report):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(
            title=title,
            collection=collection,
            file=ImageFile(io.BytesIO(content), name=f"{vietnamese_slugify(title)}.png"),
        )
        image.save()
        report.add("image", title)
    return image


def _article_body(paragraphs, image=None):
    body = [_paragraph(text) for text in paragraphs]
    if image is not None:
        body.insert(1, _image_block(image, caption=image.title, credit=""))
    return body


def _image_block(image, caption, credit):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": image.title},
            "caption": caption,
            "credit": credit,
        },
    }


def _seed_body(collection, report):
    body = []
    for kind, value in SEED_ARTICLE["body"]:
        if kind == "paragraph":
            body.append(_paragraph(value))
        else:
            image = _ensure_image(value["image"], collection, report)
            body.append(_image_block(image, value["caption"], value["credit"]))
    return body


def _ensure_user(report, username, password, first_name, last_name, groups=(), **extra):
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return
    user = User.objects.create_user(
        username,
        email=f"{username}@example.vn",
        password=password,
        first_name=first_name,
        last_name=last_name,
        **extra,
    )
    user.groups.set(groups)
    report.add("user", username)


def demo_usernames(short_name):
    """The demo editor's and approver's usernames of a unit, e.g. bientap.ttxtdl."""
    ascii_name = vietnamese_slugify(short_name).replace("-", "")
    return f"bientap.{ascii_name}", f"duyet.{ascii_name}"


def _ensure_accounts(report):
    _ensure_user(
        report,
        DEMO_ADMIN_USERNAME,
        DEMO_ADMIN_PASSWORD,
        "Quản trị",
        "cổng",
        is_staff=True,
        is_superuser=True,
    )
    for username, last_name in (
        (DEMO_BOARD_USERNAME, "cổng"),
        (DEMO_SECOND_BOARD_USERNAME, "cổng 2"),
    ):
        _ensure_user(
            report,
            username,
            DEMO_PASSWORD,
            "Ban biên tập",
            last_name,
            groups=[Group.objects.get(name=settings.GOVCMS_BOARD_GROUP)],
        )
    for unit in DepartmentPage.objects.filter(resources__isnull=False).select_related(
        "resources__editors", "resources__approvers"
    ):
        editor, approver = demo_usernames(unit.short_name)
        _ensure_user(
            report,
            editor,
            DEMO_PASSWORD,
            "Biên tập viên",
            unit.short_name,
            groups=[unit.resources.editors],
        )
        _ensure_user(
            report,
            approver,
            DEMO_PASSWORD,
            "Lãnh đạo",
            unit.short_name,
            groups=[unit.resources.approvers],
        )


@transaction.atomic
def load_demo():
    """Build the demo portal on any database: its home, units, news and demo accounts.

    Returns a ``Report`` of what was created; it is empty when everything was there.
    """
    report = Report()
    home, site = _ensure_home_page(report)
    shared = ensure_shared_collection()
    _ensure_portal_settings(site, report, shared)

    indexes = {
        None: _ensure_child(
            home,
            NewsIndexPage,
            report,
            title=PORTAL["news_index_title"],
            introduction=PORTAL["news_index_introduction"],
        )
    }
    _ensure_child(
        home,
        StandardPage,
        report,
        title=PORTAL["about_title"],
        introduction=PORTAL["about_introduction"],
        body=[_paragraph(text) for text in PORTAL["about_paragraphs"]],
    )
    units = {}
    for data in UNITS:
        unit = units[data["short_name"]] = _ensure_child(
            home,
            DepartmentPage,
            report,
            title=data["title"],
            full_name=data["full_name"],
            short_name=data["short_name"],
            introduction=data["introduction"],
            address=data["address"],
            phone=data["phone"],
            email=data["email"],
            working_hours=data["working_hours"],
        )
        indexes[data["short_name"]] = _ensure_child(
            unit,
            NewsIndexPage,
            report,
            title=UNIT_NEWS_INDEX_TITLE,
            introduction=f"Tin hoạt động của {data['full_name']}.",
        )

    collections = {
        short_name: index.get_parent().specific.resources.collection if short_name else shared
        for short_name, index in indexes.items()
    }
    _ensure_child(
        indexes[SEED_ARTICLE["unit"]],
        NewsPage,
        report,
        title=SEED_ARTICLE["title"],
        date=SEED_ARTICLE["date"],
        summary=SEED_ARTICLE["summary"],
        source=SEED_ARTICLE["source"],
        body=_seed_body(collections[SEED_ARTICLE["unit"]], report),
        tags=SEED_ARTICLE["tags"],
    )
    for article in ARTICLES:
        image = (
            _ensure_image(article["image"], collections[article["unit"]], report)
            if article.get("image")
            else None
        )
        _ensure_child(
            indexes[article["unit"]],
            NewsPage,
            report,
            title=article["title"],
            date=article["date"],
            summary=article["summary"],
            source=article["unit"] or "Ban biên tập cổng",
            body=_article_body(article["paragraphs"], image),
            featured_image=image,
            tags=article["tags"],
        )
    for repair in sync_all_units():
        report.add("provisioned", repair)
    ensure_documents(home, units, collections, report, _ensure_child)
    for short_name, data in INFORMATION.items():
        owner = units[short_name] if short_name else home
        contact = next((unit for unit in UNITS if unit["short_name"] == short_name), PORTAL)
        ensure_information(owner, data, contact, report, _ensure_child)
    for data in UNITS:  # the units without the other pages in the demo have their leaders
        ensure_leaders(units[data["short_name"]], data["leaders"], report, _ensure_child)
    ensure_schedules(home, units, report, _ensure_child)
    ensure_questions(home, units, report, _ensure_child)
    ensure_english(home, units, report)
    for repair in sync_all_units():  # the board's rights on the English home page
        report.add("provisioned", repair)
    _ensure_accounts(report)
    return report
