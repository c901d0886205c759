from axes.backends import AxesStandaloneBackend


class SignInLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout for every sign-in made over HTTP.

    A sign-in without a request (a management command, a script, ``Client.login`` in a
    test) cannot be a guess from outside, and there is no address to count it against:
    it is left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
