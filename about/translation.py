"""English versions, through Wagtail's simple_translation, kept to what the portal
translates: the home page, the units' pages and their information pages (not news,
documents, schedules or questions, which are published in Vietnamese only), one page at
a time. A translation is a draft copy under the English version of the page's parent,
which has to exist first; it then goes through the unit's approval like any page."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import Locale

from .models import INFORMATION_PAGE_TYPES

TRANSLATED_MODELS = {"homepage", "departmentpage"} | {
    model._meta.model_name for model in INFORMATION_PAGE_TYPES
}
SUBMIT_PAGE_ROUTE = "translation/submit/page/<int:page_id>/"


def is_translated(page):
    return page.specific_class._meta.model_name in TRANSLATED_MODELS


class SubmitEnglishVersionView(SubmitPageTranslationView):
    """Wagtail's "Translate" for a page, refused for the types the portal does not
    translate, and without its "include subtree" (which would copy a unit's news)."""

    def get_form(self):
        form = super().get_form()
        if "include_subtree" in form.fields:
            form.fields["include_subtree"].widget = forms.HiddenInput()
        return form

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm("simple_translation.submit_translation"):
            page = self.get_object()
            if not is_translated(page):
                messages.error(
                    request,
                    _("Only a unit's page and its information pages have English versions."),
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, **kwargs):
        request.POST = request.POST.copy()
        request.POST.pop("include_subtree", None)
        parent = self.object.get_parent()
        if not parent.is_root():
            ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
            chosen = Locale.objects.filter(pk__in=ids)
            untranslated = chosen.exclude(
                pk__in=parent.get_translations(inclusive=True).values("locale_id")
            )
            if untranslated.exists():
                # Wagtail's form only greys these languages out; it does not refuse them.
                messages.error(
                    request,
                    _("Make the English version of '%(parent)s' first.") % {"parent": parent.title},
                )
                return redirect("wagtailadmin_pages:edit", self.object.pk)
        return super().post(request, **kwargs)


@hooks.register("register_admin_urls")
def guarded_translation_urls():
    # Registered before simple_translation's own (about comes first in INSTALLED_APPS),
    # so this view answers the same address.
    return [
        path(
            "",
            include(
                (
                    [path(SUBMIT_PAGE_ROUTE, SubmitEnglishVersionView.as_view(), name="submit")],
                    "about_translation",
                ),
                namespace="about_translation",
            ),
        )
    ]


def _offers_translation(button):
    return "/translation/submit/" in (getattr(button, "url", None) or "")


@hooks.register("construct_page_listing_buttons")
def hide_translate_where_not_offered(buttons, page, user, context=None):
    """No "Translate" in the page listing for the types the portal does not translate
    (it sits in the "More" menu, a dropdown of buttons)."""
    if is_translated(page):
        return
    buttons[:] = [button for button in buttons if not _offers_translation(button)]
    for button in buttons:
        inner = getattr(button, "dropdown_buttons", None)
        if inner:
            inner[:] = [item for item in inner if not _offers_translation(item)]
