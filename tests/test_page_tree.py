"""The page-type rules of DESIGN §3, with Wagtail's own assertions."""

import wagtail_factories
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from about.models import INFORMATION_PAGE_TYPES, LeadersPage
from departments.models import DepartmentPage, unit_pages
from home.models import HomePage, StandardPage
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage
from questions.models import QuestionIndexPage
from schedule.models import ScheduleIndexPage, WeekSchedulePage

from .factories import DepartmentPageFactory, HomePageFactory, NewsIndexPageFactory
from .helpers import ensure_wagtail_roots


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page__only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {NewsIndexPage, LegalDocumentIndexPage, DepartmentPage, StandardPage}
            | {ScheduleIndexPage, QuestionIndexPage}
            | set(INFORMATION_PAGE_TYPES),
        )

    def test_department_page__only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(DepartmentPage, {HomePage})
        self.assertAllowedSubpageTypes(
            DepartmentPage,
            {
                NewsIndexPage,
                LegalDocumentIndexPage,
                StandardPage,
                ScheduleIndexPage,
                QuestionIndexPage,
            }
            | set(INFORMATION_PAGE_TYPES),
        )
        self.assertCanNotCreateAt(DepartmentPage, DepartmentPage)
        self.assertCanNotCreateAt(NewsIndexPage, DepartmentPage)

    def test_legal_documents__lists_under_the_home_page_or_a_unit_documents_in_lists(self):
        self.assertAllowedParentPageTypes(LegalDocumentIndexPage, {HomePage, DepartmentPage})
        self.assertAllowedSubpageTypes(LegalDocumentIndexPage, {LegalDocumentPage})
        self.assertAllowedParentPageTypes(LegalDocumentPage, {LegalDocumentIndexPage})
        self.assertAllowedSubpageTypes(LegalDocumentPage, set())

    def test_schedule__under_the_home_page_or_a_unit_weeks_in_it(self):
        self.assertAllowedParentPageTypes(ScheduleIndexPage, {HomePage, DepartmentPage})
        self.assertAllowedSubpageTypes(ScheduleIndexPage, {WeekSchedulePage})
        self.assertAllowedSubpageTypes(WeekSchedulePage, set())

    def test_news_index_page__under_the_home_page_or_a_unit(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, DepartmentPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)

    def test_news_page__only_under_a_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(DepartmentPage, NewsPage)

    def test_standard_page__for_plain_content(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, DepartmentPage, StandardPage})
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)


class CreateThroughTheAdminTests(WagtailPageTestCase):
    """Pages are made through the admin's create view, as an editor would make them."""

    def setUp(self):
        self.login()
        root = ensure_wagtail_roots()
        self.home = HomePageFactory(parent=root)
        self.unit = DepartmentPageFactory(parent=self.home, short_name="TVT")
        # The department's own news: inside a unit, nobody publishes directly.
        self.news_index = NewsIndexPageFactory(parent=self.home)

    def test_a_second_home_page__is_refused(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_unit__is_created_with_its_contact_details(self):
        self.assertCanCreate(
            self.home,
            DepartmentPage,
            nested_form_data(
                {
                    "title": "Thư viện thiếu nhi",
                    "slug": "thu-vien-thieu-nhi",
                    "full_name": "Thư viện thiếu nhi tỉnh Hà Nam",
                    "short_name": "TVTN",
                    "introduction": rich_text("<p>Phục vụ bạn đọc nhỏ tuổi.</p>"),
                    "address": "Phủ Lý, Hà Nam",
                    "phone": "0226 3000 000",
                    "email": "tvtn@example.vn",
                    "website": "",
                    "working_hours": "",
                }
            ),
        )
        unit = unit_pages().get(short_name="TVTN")
        self.assertEqual(unit.phone, "0226 3000 000")

    def test_leaders_page__is_created_with_its_leaders(self):
        self.assertCanCreate(
            self.home,
            LeadersPage,
            nested_form_data(
                {
                    "title": "Lãnh đạo Sở",
                    "slug": "lanh-dao",
                    "introduction": "",
                    "leaders": inline_formset(
                        [
                            {
                                "name": "Nguyễn Thị Lan",
                                "position": "Giám đốc",
                                "photo": "",
                                "phone": "",
                                "email": "",
                                "responsibilities": "",
                            }
                        ],
                        min=1,
                    ),
                }
            ),
        )
        page = LeadersPage.objects.get(slug="lanh-dao")
        self.assertEqual([leader.name for leader in page.leaders.all()], ["Nguyễn Thị Lan"])

    def test_unit__short_name_must_be_unique(self):
        response = self.client.post(
            f"/admin/pages/add/departments/departmentpage/{self.home.pk}/",
            nested_form_data(
                {
                    "title": "Thư viện khác",
                    "slug": "thu-vien-khac",
                    "full_name": "Thư viện khác",
                    "short_name": "tvt",
                    "introduction": rich_text(""),
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tên viết tắt này đã được một đơn vị khác sử dụng.")
        self.assertFalse(DepartmentPage.objects.filter(title="Thư viện khác").exists())

    def test_news_page__is_created_with_a_streamfield_body(self):
        self.assertCanCreate(
            self.news_index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Triển lãm sách mùa xuân",
                    "slug": "trien-lam-sach-mua-xuan",
                    "summary": "Thư viện mở triển lãm sách chào xuân.",
                    "date": "2022-01-20 08:00",
                    "source": "TVT",
                    "author": "Phòng Phục vụ bạn đọc",
                    "tags": "Văn hóa đọc, Triển lãm",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Hơn một nghìn đầu sách mới.</p>")),
                            ("quote", {"text": "Sách là người bạn lớn.", "attribution": ""}),
                        ]
                    ),
                }
            ),
        )
        article = NewsPage.objects.get(slug="trien-lam-sach-mua-xuan")
        self.assertEqual(article.source, "TVT")
        self.assertEqual(sorted(t.name for t in article.tags.all()), ["Triển lãm", "Văn hóa đọc"])
        self.assertEqual([block.block_type for block in article.body], ["paragraph", "quote"])


class AdminDateFormatTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        root = ensure_wagtail_roots()
        home = HomePageFactory(parent=root)
        # The department's own news: inside a unit, nobody publishes directly.
        self.news_index = NewsIndexPageFactory(parent=home)

    def test_date_as_the_admins_picker_writes_it__is_read_day_first(self):
        response = self.client.get(f"/admin/pages/add/news/newspage/{self.news_index.pk}/")
        self.assertRegex(
            response.content.decode(), r'name="date"[^>]*value="\d\d/\d\d/\d{4} \d\d:\d\d"'
        )
        self.assertCanCreate(
            self.news_index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Tin ngày 25 tháng 11",
                    "slug": "tin-ngay-25-thang-11",
                    "summary": "Tóm tắt.",
                    "date": "25/11/2021 08:00",
                    "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
                }
            ),
        )
        article = NewsPage.objects.get(slug="tin-ngay-25-thang-11")
        self.assertEqual(article.date.astimezone().strftime("%d/%m/%Y %H:%M"), "25/11/2021 08:00")


class ImageAltTextTests(WagtailPageTestCase):
    """Editors must describe a body image or mark it decorative (WCAG 1.1.1)."""

    def setUp(self):
        self.login()
        root = ensure_wagtail_roots()
        home = HomePageFactory(parent=root)
        # Published directly in the department's own news; submitted in a unit's.
        self.news_index = NewsIndexPageFactory(parent=home)
        unit = DepartmentPageFactory(parent=home, short_name="BTT")
        self.unit_news_index = NewsIndexPageFactory(parent=unit)
        self.image = wagtail_factories.ImageFactory(title="Hiện vật")

    def post_article(self, alt_text, decorative, action="publish"):
        index = self.news_index if action == "publish" else self.unit_news_index
        return self.client.post(
            f"/admin/pages/add/news/newspage/{index.pk}/",
            nested_form_data(
                {
                    f"action-{action}": action,
                    "title": "Tin có ảnh",
                    "slug": "tin-co-anh",
                    "summary": "Tóm tắt.",
                    "date": "25/11/2021 08:00",
                    "body": streamfield(
                        [
                            (
                                "image",
                                {
                                    "image": {
                                        "image": self.image.pk,
                                        "alt_text": alt_text,
                                        "decorative": decorative,
                                    },
                                    "caption": "Chú thích",
                                    "credit": "",
                                },
                            )
                        ]
                    ),
                }
            ),
        )

    def test_image_without_alt_text__cannot_be_published_or_submitted(self):
        for action in ("publish", "submit"):
            response = self.post_article(alt_text="", decorative="", action=action)
            self.assertEqual(response.status_code, 200)
            self.assertFalse(NewsPage.objects.filter(slug="tin-co-anh").exists())

    def test_image_with_alt_text_or_decorative__is_accepted(self):
        self.assertEqual(self.post_article(alt_text="Bình gốm", decorative="").status_code, 302)
        NewsPage.objects.filter(slug="tin-co-anh").delete()
        self.assertEqual(self.post_article(alt_text="", decorative="on").status_code, 302)
