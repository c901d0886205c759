# An administrator who switches the admin to English keeps the day-first dates of the
# project's date pickers.
from ..vi.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    TIME_INPUT_FORMATS,
)
