from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("xac-thuc-hai-buoc/", views.verify, name="security_two_factor_verify"),
        path("xac-thuc-hai-buoc/cai-dat/", views.enrol, name="security_two_factor_enrol"),
        path("khoa-dang-nhap/", views.lockouts, name="security_lockouts"),
        path("khoa-dang-nhap/<int:attempt_id>/mo/", views.unlock, name="security_unlock"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return SuperuserMenuItem(
        _("Sign-in lockouts"), reverse("security_lockouts"), icon_name="lock", order=900
    )
