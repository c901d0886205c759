"""An index on Wagtail's ``url_path``, which the home page's routing looks pages up by."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS govcms_page_url_path ON wagtailcore_page (url_path)"
DROP = "DROP INDEX IF EXISTS govcms_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_featured_news"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
