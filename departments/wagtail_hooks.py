from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from .confinement import choosable_pages, crosses_units


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    return choosable_pages(pages, request.user)


def _refuse_cross_unit(request, page):
    messages.error(request, _("Content cannot be moved or copied to another unit."))
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_move_page")
def refuse_move_across_units(request, page, destination):
    if not request.user.is_superuser and crosses_units(page, destination):
        return _refuse_cross_unit(request, page)
    return None


@hooks.register("before_copy_page")
def refuse_copy_across_units(request, page):
    destination_id = request.POST.get("new_parent_page", "")
    if request.method != "POST" or not destination_id.isdigit():
        return None
    destination = Page.objects.filter(pk=destination_id).first()
    if (
        destination is not None
        and not request.user.is_superuser
        and crosses_units(page, destination)
    ):
        return _refuse_cross_unit(request, page)
    return None
