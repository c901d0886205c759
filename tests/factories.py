"""Factories that build page trees the way the portal has them."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from departments.models import DepartmentPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Trang chủ"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang nội dung {n}")
    introduction = "Giới thiệu ngắn."

    class Meta:
        model = StandardPage


class DepartmentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Đơn vị {n}")
    full_name = factory.LazyAttribute(lambda page: f"{page.title} tỉnh Hà Nam")
    short_name = factory.Sequence(lambda n: f"DV{n}")

    class Meta:
        model = DepartmentPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tin tức"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin số {n}")
    summary = "Tóm tắt của tin."
    date = factory.Sequence(
        lambda n: timezone.make_aware(datetime.datetime(2022, 1, 1, 8)) + datetime.timedelta(days=n)
    )
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Nội dung.</p>"}])

    class Meta:
        model = NewsPage
