"""Pictures of the public portal for people: each page type at 360 and 1280 pixels wide.

Builds the demo portal in a throwaway SQLite database, serves it with Django's development
server, and has Debian's Chromium (driven by Playwright) save full-page screenshots to
docs/screenshots/. Run it with `make screenshots`.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PORT = 8130
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = {"phone": 360, "desktop": 1280}
PAGES_CODE = """
from departments.models import DepartmentPage
from news.models import NewsIndexPage, NewsPage
unit = DepartmentPage.objects.order_by("path").first()
news = NewsIndexPage.objects.child_of(unit).get()
article = NewsPage.objects.live().filter(title__startswith="Hội nghị tổng kết").first()
print("home=/")
print(f"unit={unit.url}")
print(f"news-list={news.url}")
print(f"article={article.url}")
print("search=/tim-kiem/?q=thi+%C4%91ua")
print("not-found=/khong-co-trang-nay/")
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
print(f"documents={LegalDocumentIndexPage.objects.get(depth=3).url}")
print(f"document={LegalDocumentPage.objects.get(number='125/QĐ-SVHTTDL').url}")
print(f"organisation={unit.url}co-cau-to-chuc/")
print(f"schedule={unit.url}lich-cong-tac/")
print(f"questions={unit.url}hoi-dap/")
print(f"ask={unit.url}hoi-dap/gui-cau-hoi/")
print(f"english=/en{unit.url}")
"""


SCROLL_THROUGH = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)));
    }
    window.scrollTo(0, 0);
}"""


def main():
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="govcms-screenshots-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "govcms.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
        }
        env.pop("REDIS_URL", None)

        def manage(*args, **kwargs):
            return subprocess.run(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
            )

        manage("migrate", "--noinput", "-v0")
        manage("load_demo", capture_output=True)
        pages = dict(
            line.split("=", 1)
            for line in manage(
                "shell", "--no-imports", "-c", PAGES_CODE, capture_output=True, text=True
            ).stdout.split()
            if "=" in line
        )
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5)
                    break
                except OSError:
                    time.sleep(0.2)
            OUT.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                for device, width in WIDTHS.items():
                    context = browser.new_context(
                        locale="vi-VN", viewport={"width": width, "height": 900}
                    )
                    tab = context.new_page()
                    for name, path in pages.items():
                        tab.goto(f"http://127.0.0.1:{PORT}{path}", wait_until="networkidle")
                        # Lazy pictures load only once scrolled to: scroll through the page.
                        tab.evaluate(SCROLL_THROUGH)
                        tab.wait_for_function("[...document.images].every(i => i.complete)")
                        target = OUT / f"{name}-{device}.png"
                        tab.screenshot(path=target, full_page=True)
                        print(f"saved {target.relative_to(ROOT)}")
                    context.close()
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
