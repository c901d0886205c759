"""Editors at work in the admin (issue 21): each simulated editor signs in, then, again and
again, opens the explorer of their unit's news, opens an article's edit form, saves it as
a draft (the form as the browser sends it: every field as rendered, the StreamField as the
editor's script writes it) and submits it for approval, thinking 5 to 10 seconds between
steps (``BENCH_LOAD_THINK``). Each article is edited once: submitted, it waits for the
unit's approvers.

Run by ``bench/run.py --only load`` against gunicorn serving the large data set under the
production settings; ``BENCH_LOAD_FILE`` names the editors, their passwords, their news
lists and the articles each may take (bench/run.py writes it).

Production sets secure cookies and trusts ``X-Forwarded-Proto`` from the proxy in front:
the client says it comes through HTTPS, and sends its cookies over the plain connection.
"""

import itertools
import json
import os
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from locust import HttpUser, SequentialTaskSet, between, task
from requests.cookies import RequestsCookieJar

with open(os.environ["BENCH_LOAD_FILE"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
EDITORS = itertools.cycle(PLAN["editors"])
# Seconds an editor spends between two steps (reading the list, editing the article).
THINK = [float(seconds) for seconds in os.environ.get("BENCH_LOAD_THINK", "5,10").split(",")]


class PlainConnectionCookies(RequestsCookieJar):
    """Keeps the secure cookies the portal sets for the plain connection the benchmark
    uses (the proxy in front speaks HTTPS in production)."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def edit_form_data(html):
    """The edit form's fields as the browser would post them, and its named buttons; None
    if there is no form (the page is locked, or the answer is no edit form)."""
    # Only the form is parsed (the page around it is as large again): the simulated
    # editors share the machine with the server they measure.
    start = html.rfind("<form", 0, max(html.find('id="page-edit-form"'), 0))
    end = html.find("</form>", start)
    form = BeautifulSoup(html[start : end + 7], "html.parser").find("form", id="page-edit-form")
    if start < 0 or end < 0 or form is None:
        return None, {}
    buttons = {
        button["name"]: button.get("value", "")
        for button in form.find_all("button", attrs={"name": True})
    }
    data = []
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            # The parser keeps the newline that follows the opening tag; browsers drop it.
            text = field.string or ""
            data.append((name, text[1:] if text.startswith("\n") else text))
        elif field.name == "select":
            for option in field.find_all("option", selected=True):
                data.append((name, option.get("value", option.text)))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.append((name, field.get("value", "on")))
        elif field.get("type") not in ("submit", "button", "file"):
            data.append((name, field.get("value", "")))
    # StreamFields are drawn by the admin's script from their data, and posted as the
    # script writes them: a count, then each block's type, value, id, order.
    for block in form.find_all(attrs={"data-controller": "w-block"}):
        name = block["id"]
        values = json.loads(block["data-w-block-arguments-value"])[0]
        data.append((f"{name}-count", str(len(values))))
        for number, child in enumerate(values):
            data += [
                (f"{name}-{number}-type", child["type"]),
                (f"{name}-{number}-value", child["value"]),
                (f"{name}-{number}-id", child.get("id") or ""),
                (f"{name}-{number}-order", str(number)),
                (f"{name}-{number}-deleted", ""),
            ]
    return data, buttons


class EditorsDay(SequentialTaskSet):
    def on_start(self):
        self.editor = self.user.editor

    def post(self, url, data, name, redirected_to):
        """A POST from the edit form, answered by a redirect that ``redirected_to`` accepts
        (a refused or invalid form comes back with a 200 and the form)."""
        with self.client.post(
            url,
            data,
            name=name,
            allow_redirects=False,
            headers={"Referer": self.user.origin + url},
            catch_response=True,
        ) as response:
            location = urlsplit(response.headers.get("Location", "")).path
            if response.status_code != 302 or not redirected_to(location):
                response.failure(f"{response.status_code}, to {location or 'nowhere'}")
                return None
            return location

    @task
    def open_explorer(self):
        self.client.get(self.editor["explorer"], name="explorer")

    def load_edit_form(self):
        with self.client.get(self.edit_url, name="edit form", catch_response=True) as response:
            self.form, self.buttons = edit_form_data(response.text)
            if self.form is None:
                response.failure("no edit form")

    @task
    def open_edit_form(self):
        self.article = next(self.user.articles)
        self.edit_url = f"/admin/pages/{self.article}/edit/"
        self.load_edit_form()

    @task
    def save_draft(self):
        if self.form is None:
            return
        if self.post(self.edit_url, self.form, "save draft", lambda to: to == self.edit_url):
            # The browser follows the redirect back to the form: the editor goes on there.
            self.load_edit_form()

    @task
    def submit_for_approval(self):
        if self.form is None:
            return
        if "action-submit" not in self.buttons:
            self.user.environment.events.request.fire(
                request_type="POST",
                name="submit",
                response_time=0,
                response_length=0,
                exception=AssertionError("no submit button"),
            )
            return
        button = ("action-submit", self.buttons["action-submit"])
        # Submitted, the page goes to its explorer listing (never back to the form).
        location = self.post(
            self.edit_url,
            [*self.form, button],
            "submit",
            lambda to: to.startswith("/admin/pages/") and to != self.edit_url,
        )
        if location:
            self.client.get(location, name="explorer")


class Editor(HttpUser):
    wait_time = between(*THINK)
    tasks = [EditorsDay]

    def on_start(self):
        self.origin = "https://" + urlsplit(self.host).netloc
        self.client.cookies = PlainConnectionCookies()
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.editor = next(EDITORS)
        self.articles = iter(self.editor["articles"])
        form = BeautifulSoup(self.client.get("/admin/login/", name="sign in").text, "html.parser")
        token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})
        with self.client.post(
            "/admin/login/",
            {
                "username": self.editor["username"],
                "password": self.editor["password"],
                "csrfmiddlewaretoken": token["value"] if token else "",
                "next": "/admin/",
            },
            name="sign in",
            allow_redirects=False,
            headers={"Referer": self.origin + "/admin/login/"},
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused ({response.status_code})")
