from django.contrib.auth.signals import user_logged_in

from .sessions import record_sign_in


def register_signal_handlers():
    user_logged_in.connect(record_sign_in, dispatch_uid="security_record_sign_in")
