"""Two indexes on Wagtail's pages that the admin needs at scale (docs/performance.md, "The
admin at scale"); without them each of these read the whole page table:

- depth and path: the tree's root (``depth = 1``, looked up on every admin screen), a
  page's children (its depth and path prefix: the explorer, the page chooser and their
  counts) and the lists directly under each unit (the compliance panel);
- the last publication date of published pages: the aging pages report, oldest first.
"""

from django.db import migrations

DEPTH = "CREATE INDEX IF NOT EXISTS govcms_page_depth_path ON wagtailcore_page (depth, path)"
DROP_DEPTH = "DROP INDEX IF EXISTS govcms_page_depth_path"
PUBLISHED = (
    "CREATE INDEX IF NOT EXISTS govcms_page_last_published ON wagtailcore_page "
    "(last_published_at) WHERE last_published_at IS NOT NULL"
)
DROP_PUBLISHED = "DROP INDEX IF EXISTS govcms_page_last_published"


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0005_remove_unit_page_leaders"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
    ]

    operations = [
        migrations.RunSQL(DEPTH, DROP_DEPTH),
        migrations.RunSQL(PUBLISHED, DROP_PUBLISHED),
    ]
