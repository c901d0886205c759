"""The admin form of every portal page."""

import datetime
from collections import defaultdict

from django import forms
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from .editing import REFUSED_SAVE


class MinuteDateTimeField(forms.DateTimeField):
    """A date and time that counts as changed only when the editor changed it.

    Otherwise every save from the editor would be a change, and an approver approving
    from the editor would save a revision of their own, which four eyes then refuses:
    - Django compares a field with a callable default (``timezone.now``) against a hidden
      "initial" input, which Wagtail's panels never render;
    - the admin shows and sends times to the minute, while an import, a script or the
      demo may store seconds.
    """

    def __init__(self, *args, show_hidden_initial=False, **kwargs):
        # Django asks for the hidden initial input; it is dropped (see above).
        super().__init__(*args, **kwargs)

    def has_changed(self, initial, data):
        if isinstance(initial, datetime.datetime):
            initial = initial.replace(second=0, microsecond=0)
        return super().has_changed(initial, data)


# Hook: ``fn(user, objects)`` yields a message for each object ``user`` may not use.
CHECK_PAGE_REFERENCES_HOOK = "check_page_form_references"


def _references_in(form, unchanged_rows=False):
    """(model, primary key) of every object a bound, cleaned form refers to by id: foreign
    keys (images, documents, pages, snippets), StreamField blocks and rich-text links.

    With ``unchanged_rows``, an inline row already on the page keeps the objects it had
    without a check: they were checked when added, or added by the board."""
    model = form._meta.model
    existing = unchanged_rows and form.instance.pk is not None
    for name, value in form.cleaned_data.items():
        if value is None:
            continue
        if existing and getattr(value, "pk", None) == form.initial.get(name):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(value, models.Model):
            yield type(value), value.pk
        elif hasattr(field, "extract_references"):
            for ref_model, object_id, _model_path, _content_path in field.extract_references(value):
                yield ref_model, object_id


def is_database_id(value):
    """Whether ``value`` is a database id as forms send it: ASCII digits only ("²" and
    other Unicode digits pass ``str.isdigit`` and then fail as ids)."""
    value = str(value)
    return value.isascii() and value.isdigit()


class PortalPageForm(WagtailAdminPageForm):
    """Refuses objects the editing user may not use, however their ids reached the form.

    The choosers only offer what a user may choose; a forged POST (or a pasted rich-text
    link) can name any id. Every object the page and its inline panels refer to is
    handed to the ``check_page_form_references`` hooks, which say what is refused. The
    preview runs the same form, so a refused object does not render there either.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            # The inline panels' row ids ("files-0-id") are read while the form is built;
            # a StreamField's block ids ("body-0-id") are not numbers and stay as they are.
            inline = {
                relation.get_accessor_name()
                for relation in get_all_child_relations(self._meta.model)
            }
            rows = [
                key
                for key in data
                if key.endswith("-id")
                and key.split("-", 1)[0] in inline
                and data[key]
                and not is_database_id(data[key])
            ]
            if rows:
                data = data.copy()
                for key in rows:
                    data[key] = ""
        super().__init__(data, *args, **kwargs)
        if self.is_bound:
            self._drop_malformed_ids()

    def _forms(self):
        return [self] + [child for formset in self.formsets.values() for child in formset.forms]

    def _replace_data(self, data):
        self.data = data
        for formset in self.formsets.values():
            formset.data = data
            for child in formset.forms:
                child.data = data

    def _drop_malformed_ids(self):
        """An id that is not a number (typed into a forged form) is treated as empty: the
        field's own "required" rule then answers, instead of the chooser failing to show
        it again."""
        data = None
        for form in self._forms():
            for name, field in form.fields.items():
                if not isinstance(field, forms.ModelChoiceField) or field.to_field_name not in (
                    None,
                    field.queryset.model._meta.pk.name,
                ):
                    continue
                key = form.add_prefix(name)
                values = self.data.getlist(key) if hasattr(self.data, "getlist") else []
                if any(value and not is_database_id(value) for value in values):
                    data = data if data is not None else self.data.copy()
                    data.setlist(key, [value for value in values if is_database_id(value)])
        if data is not None:
            self._replace_data(data)

    def referenced_objects(self):
        ids = defaultdict(set)
        forms = [self] + [
            child
            for formset in self.formsets.values()
            for child in formset.forms
            if hasattr(child, "cleaned_data") and not child.cleaned_data.get("DELETE")
        ]
        for form in forms:
            for model, pk in _references_in(form, unchanged_rows=form is not self):
                try:
                    ids[model].add(model._meta.pk.to_python(pk))
                except ValidationError:
                    continue  # a malformed id in rich text refers to nothing
        return [
            obj for model, pks in ids.items() for obj in model._default_manager.filter(pk__in=pks)
        ]

    def clean(self):
        cleaned_data = super().clean()
        # A before_edit_page hook refused this save, and said why in a message (for
        # instance, someone saved a newer version since the form was opened).
        if self.data.get(REFUSED_SAVE):
            self.add_error(None, _("The page was not saved: see the message above."))
        # A workflow action (approve, request changes) from the editor acts on the version
        # under review. Sent with changes, it would first save them as a revision of the
        # approver's own, which four eyes then refuses; sent from a form opened on an
        # older version, it would save that older content over the newer one.
        elif self.data.get("action-workflow-action") and self.has_changed():
            self.add_error(
                None,
                _(
                    "The form differs from the version under review: you changed it, or "
                    "it changed after you opened it. Save your changes as a draft (another "
                    "approver then reviews them), or reload the page to review the "
                    "current version. The dashboard approves the version under review as "
                    "it is."
                ),
            )
        return cleaned_data

    def is_valid(self):
        valid = super().is_valid()
        if not self.is_bound or self.for_user is None:
            return valid
        objects = self.referenced_objects()
        refused, refusals = [], []
        for obj in objects:
            messages = [
                message
                for check in hooks.get_hooks(CHECK_PAGE_REFERENCES_HOOK)
                for message in check(self.for_user, [obj])
            ]
            if messages:
                refused.append(obj)
                refusals.extend(messages)
                for message in messages:
                    self.add_error(None, message)
        if refused and not self._forget_refused(refused):
            # Named inside a StreamField or rich text, where it cannot be blanked alone:
            # only a forged form gets there (the choosers never offer it), and the form is
            # not shown back with it.
            raise PermissionDenied(refusals[0])
        return valid and not refused

    def _forget_refused(self, refused):
        """Blank the fields that name a refused object, so that the form shown again does
        not display it (a chooser shows its title, an image chooser its picture)."""
        refused = {(type(obj), obj.pk) for obj in refused}
        blanked = set()
        data = self.data.copy()
        for form in self._forms():
            for name, value in getattr(form, "cleaned_data", {}).items():
                if isinstance(value, models.Model) and (type(value), value.pk) in refused:
                    data[form.add_prefix(name)] = ""
                    blanked.add((type(value), value.pk))
        self._replace_data(data)
        return blanked == refused
