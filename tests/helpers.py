"""Helpers for driving the Wagtail admin as a real user would."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def article_form_data(page, **overrides):
    """The edit form of a NewsPage as the browser would post it, with ``overrides``."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "date": page.date.strftime("%Y-%m-%d %H:%M"),
        "source": page.source,
        "author": page.author,
        "tags": "",
        "featured_image": "",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
        "go_live_at": "",
        "expire_at": "",
    }
    values.update(overrides)
    return nested_form_data(values)


def edit(client, page, action=None, **overrides):
    data = article_form_data(page, **overrides)
    if action:
        data[f"action-{action}"] = action
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def refused(response):
    """Wagtail answers a forbidden admin request with 403 or a redirect with a message."""
    return response.status_code in (302, 403)


def chooser_html(response):
    """The HTML of a chooser modal (sent wrapped in JSON) or of its search results."""
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def sign_in(client, username, password):
    """Sign in through the admin's login form, as a person does; True when it worked."""
    response = client.post("/admin/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session
