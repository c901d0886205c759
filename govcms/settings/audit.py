"""`make audit` (scripts/audit.py): the production settings, with the app server serving
the uploaded media itself, as nginx does in production (docs/architecture.md), so that
Lighthouse sees every picture."""

from .production import *  # noqa: F403

GOVCMS_SERVE_MEDIA = True
