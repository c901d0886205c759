import json

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages

from . import admin_listings, admin_views
from .editing import refuse_save, refused_overwrite


@hooks.register("before_serve_page")
def note_served_page(page, request, serve_args, serve_kwargs):
    """The page a public response shows, for its HTTP cache tags (govcms/frontend_cache.py)."""
    request.served_page = page


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("phien/", admin_views.session_status, name="govcms_session_status"),
        path("phien/da-dang-nhap/", admin_views.signed_in_again, name="govcms_signed_in_again"),
    ]


@hooks.register("construct_explorer_page_queryset")
def explorer_rows_in_fixed_queries(parent_page, pages, request):
    return admin_listings.explorer_rows(pages)


@hooks.register("construct_page_chooser_queryset")
def chooser_rows_in_fixed_queries(pages, request):
    return admin_listings.chooser_rows(pages)


@hooks.register("construct_page_listing_buttons", order=100)
def draw_menu_buttons_quickly(buttons, page, user, context=None):
    admin_listings.quick_menu_buttons(buttons)


@hooks.register("insert_editor_js")
def keep_edits_js():
    login = reverse("wagtailadmin_login")
    texts = {
        "title": _("Your changes have not been saved yet"),
        "expired": _(
            "Your session has ended, so nothing was sent. What you wrote is still on this "
            "page. Sign in again in the new tab; this page then saves it the way you chose."
        ),
        "otherUser": _(
            "The new tab is signed in with another account. Sign in with your own account "
            "to save what you wrote."
        ),
        "offline": _(
            "The server cannot be reached. What you wrote is still on this page; check the "
            "connection, then press “Save again”."
        ),
        "confirmUser": _(
            "This page will be saved under the account %(username)s. If that is your "
            "account, press “Save again”."
        ),
        "signIn": _("Sign in again"),
        "retry": _("Save again"),
        "close": _("Close"),
    }
    return format_html(
        '<script src="{}" data-session-url="{}" data-login-url="{}" data-texts="{}"></script>',
        static("govcms/admin/keep-edits.js"),
        reverse("govcms_session_status"),
        f"{login}?{urlencode({'next': reverse('govcms_signed_in_again')})}",
        json.dumps(texts, ensure_ascii=False),
    )


@hooks.register("before_edit_page")
def warn_of_newer_revision(request, page):
    """Refuses the save of an editor who is behind (someone saved since the form was
    opened): the page form sees the mark and keeps the form, with what was typed, on the
    screen. The message says who saved when, and links to the comparison. Wagtail's
    autosave (a JSON request) refuses such a save itself."""
    if (
        request.method != "POST"
        or not request.accepts("text/html")
        # A workflow action never overwrites: the page form refuses one sent with changes.
        or request.POST.get("action-workflow-action")
    ):
        return None
    newer = refused_overwrite(page, request.POST, request.user)
    if newer is None:
        return None
    loaded = request.POST.get("loaded_revision_id", "")
    buttons = []
    if loaded.isdigit() and int(loaded) != newer.pk:
        compare = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, loaded, newer.pk))
        buttons.append(admin_messages.button(compare, _("Compare the two versions"), True))
    admin_messages.warning(
        request,
        _(
            "%(user)s saved a newer version of this page at %(time)s, while you were "
            "editing. Nothing of yours was saved, and your changes are still in the form. "
            "Compare the versions; to replace theirs with yours, save again."
        )
        % {
            "user": newer.user.get_full_name() or newer.user.get_username()
            if newer.user
            else _("Someone"),
            "time": date_format(localtime(newer.created_at), "SHORT_DATETIME_FORMAT"),
        },
        buttons=buttons,
    )
    refuse_save(request)
    return None
