"""Settings shared by every environment.

The environment is read here and in ``production.py`` only. Values production cannot
do without are required there; the defaults below are harmless ones.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False

INSTALLED_APPS = [
    "home",
    "departments",
    "news",
    "legal",
    "about",
    "schedule",
    "questions",
    "compliance",
    "editorial",
    "search",
    "security",
    "govcms",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.RejectNullCharactersMiddleware",
    "security.middleware.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "govcms.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "departments.middleware.AdminConfinementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "govcms.urls"
WSGI_APPLICATION = "govcms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite for a first local run; PostgreSQL whenever DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first (DESIGN §6).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Pages in both languages (Wagtail's localisation): the Vietnamese tree at the portal's
# addresses, the English versions of the units' information under /en/ (govcms/urls.py),
# made with wagtail.contrib.simple_translation and approved like any page.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media (images, documents, renditions) on S3-compatible object storage (django-storages)
# when MEDIA_S3_BUCKET is set, so that several app servers share them without a shared
# disk. The bucket stays private: each file's address is signed and expires
# (MEDIA_S3_URL_SECONDS, longer than a page stays cached), and documents are always
# streamed by the portal after their collection's privacy check (WAGTAILDOCS_SERVE_METHOD).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "signature_version": "s3v4",
            "querystring_expire": int(os.environ.get("MEDIA_S3_URL_SECONDS", "7200")),
            "file_overwrite": False,
        },
    }

# The page editor of a long article easily passes Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Redis when REDIS_URL is set (shared by every app server), a per-process cache otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "govcms"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages served to anonymous visitors from the cache (govcms/page_cache.py);
# 0 turns the page cache off.
GOVCMS_PAGE_CACHE_ALIAS = "default"
GOVCMS_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# The HTTP cache in front (Varnish, deploy/varnish/govcms.vcl; govcms/frontend_cache.py):
# each address in FRONTEND_CACHE_URLS is a Varnish the app servers ban changed pages in.
# It keeps an anonymous visitor's page FRONTEND_CACHE_SECONDS at most, and a change drops
# it at once (and again GOVCMS_FRONTEND_CACHE_SECOND_BAN seconds later).
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {
        "BACKEND": "govcms.frontend_cache.VarnishBackend",
        "LOCATION": location.strip(),
    }
    for number, location in enumerate(
        filter(str.strip, os.environ.get("FRONTEND_CACHE_URLS", "").split(",")), start=1
    )
}
GOVCMS_FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "600"))
GOVCMS_FRONTEND_CACHE_SECOND_BAN = 5

# Every e-mail goes through the background worker (govcms/mail.py), which delivers it
# through GOVCMS_EMAIL_DELIVERY_BACKEND (SMTP in production: EMAIL_HOST, EMAIL_PORT…).
EMAIL_BACKEND = "govcms.mail.QueuedEmailBackend"
GOVCMS_EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")

# Background work (docs/architecture.md): Django's tasks, Wagtail's own (search and
# reference index updates) among them, are queued in PostgreSQL and done by
# `manage.py db_worker`; `manage.py run_scheduler` queues the periodic ones below.
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Task path: when it is queued (cron syntax, in TIME_ZONE).
GOVCMS_PERIODIC_TASKS = {
    "govcms.tasks.publish_scheduled_pages": "* * * * *",
    "questions.tasks.purge_question_data": "30 1 * * *",
    "govcms.tasks.prune_task_results": "45 1 * * *",
    "editorial.tasks.send_review_digests": "0 7 * * 1",
    "editorial.tasks.flush_views": "10 0 * * *",
}
# Where the public pages' views are counted (editorial/stats.py): Redis, the page cache's
# by default.
GOVCMS_VIEWS_REDIS_URL = os.environ.get("VIEWS_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
GOVCMS_VIEWS_KEY = os.environ.get("CACHE_KEY_PREFIX", "govcms") + ":views:{day}"

# Owners and review dates (editorial/reviews.py): months from publication, or from the
# last review, to the next review of each page type; None: an owner but no review date.
GOVCMS_REVIEW_MONTHS = {
    "news.NewsPage": None,
    "legal.LegalDocumentPage": 12,
    "about.IntroductionPage": 12,
    "about.FunctionsPage": 12,
    "about.OrganisationPage": 12,
    "about.LeadersPage": 6,
    "about.ContactPage": 6,
}
# The admin's "due for review" list looks this many days ahead.
GOVCMS_REVIEW_DUE_DAYS = int(os.environ.get("REVIEW_DUE_DAYS", "30"))

# Wagtail

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Sở Văn hóa, Thể thao và Du lịch"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The portal's public address (e.g. https://svhttdl.hanam.gov.vn). Links are written from
# the default Site record; a system check warns when the two differ (govcms/public_url.py).
GOVCMS_PUBLIC_URL = os.environ.get("PUBLIC_URL", "")

# "vi" is not among Wagtail's provided admin languages: without this the admin
# falls back to English (DESIGN §8).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# Slugs stay ASCII; the project's own transliteration turns "đ" into "d" (DESIGN §6).
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Wagtail's database search, with Vietnamese diacritics folded inside PostgreSQL
# (search/backend.py): the same query finds the same pages in the portal and the admin.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
    },
}

# Raster formats only: an SVG is a document that can carry scripts. Wagtail also refuses
# a file whose content does not match its extension, so a renamed SVG or HTML fails too.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every rendition decodes the whole picture, about 4 bytes a pixel: 40 million pixels
# (a 36-megapixel camera passes) keep one resize under ~160 MB of a worker's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Media shown by live pages change only through approval (docs/publishing.md).
WAGTAILIMAGES_IMAGE_FORM_BASE = "departments.media.UnitImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "departments.media.UnitDocumentForm"

# What offices publish: PDF, Microsoft and OpenDocument office files (the older binary
# formats too, archives are full of them), RTF, plain text and CSV data, and ZIP for a set
# of forms (the one archive format every system opens; RAR is a closed one). Nothing a
# browser would run as a page: no html, htm, svg, js or xml.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "rtf",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "ppt",
    "pptx",
    "odp",
    "txt",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always go through Wagtail's view, even on a remote storage, so that each one
# carries its collection's privacy, `X-Content-Type-Options: nosniff` and the CSP below.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# "Content-Security-Policy: default-src 'none'": nothing a document embeds may run or load.
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Only PDF opens in the browser; everything else downloads. Plain text too: served without
# a charset, a file in a legacy Vietnamese encoding would show as garbage.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# The admin's date pickers, in strftime notation.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# No calls from editors' browsers to outside services: the release check and Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Moderation e-mails go to the unit's approvers, not to every superuser (DESIGN §8).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Approval publishes through the project's own action: approvers hold no publish
# permission, the approval task has already checked who may approve (docs/publishing.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "departments.workflows.publish_approved_revision"

# Units and roles (docs/units.md). Group and collection names are data, in Vietnamese.
GOVCMS_UNIT_EDITORS_GROUP = "Biên tập viên {short_name}"
GOVCMS_UNIT_APPROVERS_GROUP = "Người duyệt tin {short_name}"
GOVCMS_UNIT_COLLECTION = "{short_name} – {title}"
GOVCMS_UNIT_WORKFLOW = "Quy trình duyệt tin {short_name}"
GOVCMS_UNIT_TASK = "Lãnh đạo {short_name} duyệt"
GOVCMS_SHARED_COLLECTION = "Dùng chung"
# The page type of a unit (DESIGN §2): govcms/units.py finds a page's unit by it.
GOVCMS_UNIT_PAGE_MODEL = "departments.DepartmentPage"
GOVCMS_BOARD_GROUP = "Ban biên tập cổng"
# The compliance dashboard (compliance/report.py): how old a unit's newest news or
# document may be before the dashboard says it is behind (days).
GOVCMS_COMPLIANCE_NEWS_DAYS = int(os.environ.get("COMPLIANCE_NEWS_DAYS", "30"))
GOVCMS_COMPLIANCE_DOCUMENTS_DAYS = int(os.environ.get("COMPLIANCE_DOCUMENTS_DAYS", "180"))
# The day of the week (0 = Monday … 6 = Sunday) from which the dashboard warns that next
# week's work schedule is not published yet; Friday by default.
GOVCMS_SCHEDULE_NEXT_WEEK_BY = int(os.environ.get("SCHEDULE_NEXT_WEEK_BY", "4"))

# Citizens' questions (questions/, docs/privacy.md): how many days a unit has to answer
# before the dashboard lists a question as late; how long the asker's name and contacts
# are kept once the question is closed (purge_question_data erases them); questions one
# address may send an hour; and how soon (seconds) a form may come back, and how late.
GOVCMS_QUESTIONS_ANSWER_DAYS = int(os.environ.get("QUESTIONS_ANSWER_DAYS", "15"))
GOVCMS_QUESTIONS_KEEP_PERSONAL_DAYS = int(os.environ.get("QUESTIONS_KEEP_PERSONAL_DAYS", "365"))
GOVCMS_QUESTIONS_PER_HOUR = int(os.environ.get("QUESTIONS_PER_HOUR", "5"))
GOVCMS_QUESTIONS_FORM_MIN_SECONDS = int(os.environ.get("QUESTIONS_FORM_MIN_SECONDS", "3"))
GOVCMS_QUESTIONS_FORM_MAX_SECONDS = int(os.environ.get("QUESTIONS_FORM_MAX_SECONDS", "86400"))

# Four-eyes principle: whoever wrote or submitted a revision cannot approve it, and only
# the portal board and administrators publish directly (DESIGN §5.3).
GOVCMS_FOUR_EYES = os.environ.get("GOVCMS_FOUR_EYES", "true").lower() not in ("0", "false", "no")

# Day-first date formats that also read back what the admin's date pickers write.
FORMAT_MODULE_PATH = ["govcms.formats"]


# --- Security (docs/security.md) ---------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "security.backends.SignInLockoutBackend",  # counts failures, refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failures an account is locked
# from that address until the cool-off ends or an administrator unlocks it (Settings →
# Sign-in lockouts, or `manage.py axes_reset_ip_username`). Locking the pair, not the
# account everywhere, means nobody can lock a colleague out from another address, and a
# whole office behind one address is not locked out by one person's typing.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "security.addresses.client_address"
AXES_VERBOSE = False  # no banner on every manage.py command
# Reverse proxies in front of the portal: the client's address is then read from
# X-Forwarded-For (security/addresses.py). 0: the connection's own address.
GOVCMS_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Searches each client address may run a minute (pages served from the page cache do
# not count), and title suggestions as a reader types: over them, a 429 (search/views.py).
GOVCMS_SEARCH_RATE_LIMIT = int(os.environ.get("SEARCH_RATE_LIMIT", "30"))
GOVCMS_SUGGEST_RATE_LIMIT = int(os.environ.get("SUGGEST_RATE_LIMIT", "120"))

# Password-protected pages and documents: after this many wrong passwords from one address
# (over every protected page and document together) the address is refused for
# PASSWORD_LOCKOUT_MINUTES (security/passwords.py).
GOVCMS_PASSWORD_FAILURE_LIMIT = int(os.environ.get("PASSWORD_FAILURE_LIMIT", "5"))
GOVCMS_PASSWORD_LOCKOUT = timedelta(minutes=int(os.environ.get("PASSWORD_LOCKOUT_MINUTES", "15")))

# Second sign-in factor (TOTP, django-otp) for everyone who can publish, approve or
# administer, decided by what they can do, not by group names (security/two_factor.py).
# No environment switch: production never runs without it; test settings turn it off.
GOVCMS_TWO_FACTOR = True
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Cổng thông tin")

# Sessions end after this many idle minutes (every request moves the end on).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
# ...and, however busy (an open admin tab keeps making requests), this many seconds after
# signing in (security.middleware.SessionLifetimeMiddleware).
GOVCMS_SESSION_MAX_AGE = int(os.environ.get("SESSION_MAX_HOURS", "12")) * 3600

# Response headers. Public pages run no inline script and no script from elsewhere;
# embedded videos come only from the providers listed. Nothing may frame the portal;
# Wagtail lets its own preview frame the admin (same origin only).
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.facebook.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin (security.middleware.PortalCSPMiddleware): Wagtail's editor needs inline
# scripts and styles, and shows previews of images and embeds from elsewhere.
GOVCMS_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
