"""Every kind of public page is valid HTML, as the Nu Html Checker (the W3C's validator,
npm's vnu-jar on the machine's Java) judges it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from departments.models import unit_pages
from home.models import StandardPage
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage, topic_url
from questions.models import AnswerPage

pytestmark = pytest.mark.django_db
VNU = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def public_pages():
    unit = unit_pages().live().order_by("path").first()
    news_list = NewsIndexPage.objects.child_of(unit).get()
    article = NewsPage.objects.child_of(news_list).live().order_by("-date").first()
    documents = LegalDocumentIndexPage.objects.get(depth=3)
    return {
        "home": ("/", 200),
        "unit": (unit.url, 200),
        "news-list": (news_list.url, 200),
        "topic": (topic_url(news_list, article.tags.first()), 200),
        "article": (article.url, 200),
        "standard-page": (StandardPage.objects.live().first().url, 200),
        "search-results": ("/tim-kiem/?q=thi+dua&sap-xep=moi-nhat", 200),
        "search-errors": ("/tim-kiem/?q=thi+dua&tu-ngay=31/02/2026", 200),
        "document-list": (documents.url + "?loai=quyet-dinh&nam=abcd", 200),
        "document": (LegalDocumentPage.objects.get(number="125/QĐ-SVHTTDL").url, 200),
        "not-found": ("/khong-co-trang-nay/", 404),
        "introduction": ("/gioi-thieu/", 200),
        "functions": ("/chuc-nang-nhiem-vu/", 200),
        "organisation": ("/co-cau-to-chuc/", 200),
        "leaders": ("/lanh-dao/", 200),
        "contact": ("/lien-he/", 200),
        "schedule": ("/lich-cong-tac/", 200),
        "schedule-empty-week": ("/lich-cong-tac/tuan-1-2020/", 200),
        "questions": ("/hoi-dap/", 200),
        "ask": ("/hoi-dap/gui-cau-hoi/", 200),
        "answer": (AnswerPage.objects.live().first().url, 200),
        "english-home": ("/en/", 200),
        "english-unit": ("/en" + unit.url, 200),
    }


def test_public_pages_have_no_html_errors(client, demo, tmp_path):
    assert shutil.which("java"), "Java is missing: scripts/install-system-packages.sh"
    assert VNU.exists(), "vnu-jar is missing: npm ci"
    for name, (url, status) in public_pages().items():
        response = client.get(url)
        assert response.status_code == status, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    checked = subprocess.run(
        ["java", "-Xss2m", "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages
    ]
    assert errors == []
    assert checked.returncode == 0
