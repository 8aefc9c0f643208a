"""The admin site keeps the Renja lock (renja.kunci): a row of a Renja that forbids changes is
view-only and cannot be deleted, one by one, in bulk or as part of a cascade; no form saves a
row into such a Renja; a history revert is refused the same way."""

import copy

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects, unquote
from django.core.exceptions import PermissionDenied
from django.db import router
from django.forms.models import BaseInlineFormSet, construct_instance
from django.utils.functional import cached_property

from renja.kunci import alasan_terkunci, alasan_terkunci_semua

MEMO = "_alasan_terkunci"


def _alasan(request, obj):
    """alasan_terkunci of a stored object, remembered for the request: the admin asks several
    times per page, and once per row of a deletion (filled beforehand by get_deleted_objects)."""
    if obj is None:
        return None
    if obj.pk is None:
        return alasan_terkunci(obj)
    memo = request.__dict__.setdefault(MEMO, {})
    key = (obj._meta.label, obj.pk)
    if key not in memo:
        memo[key] = alasan_terkunci(obj)
    return memo[key]


class KunciForm(forms.ModelForm):
    """Refuses, with the reason, a new or changed row that would be written into a locked Renja
    (a row added to a finalised Renja, or moved into one)."""

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() or self.instance._state.adding:
            candidate = construct_instance(self, copy.copy(self.instance), self._meta.fields, self._meta.exclude)
            if reason := alasan_terkunci(candidate):
                raise forms.ValidationError(reason)
        return cleaned


class KunciInlineFormSet(BaseInlineFormSet):
    """A row whose own Renja is locked, among rows that are open (a target of a finalised year
    under an indicator still in an open Renja), is shown disabled: what is posted for it,
    deletion included, is ignored."""

    @cached_property
    def terkunci(self):
        rows = list(self.get_queryset())
        return {o.pk: reason for o, reason in zip(rows, alasan_terkunci_semua(rows), strict=True) if reason}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i < self.initial_form_count() and form.instance.pk in self.terkunci:
            for name, field in form.fields.items():
                if name not in (self.fk.name, self._pk_field.name):
                    field.disabled = True
        return form


class KunciIzin:
    """has_change_permission / has_delete_permission are False for a locked object (for an
    inline: while its parent is locked)."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _alasan(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _alasan(request, obj)


class KunciAdminMixin(KunciIzin):
    """For the ModelAdmin (a SimpleHistoryAdmin) of every Renja-owned model."""

    form = KunciForm

    def get_deleted_objects(self, objs, request):
        """The locks of every row a deletion would take (the selected ones and their cascade), a
        few queries per model: the admin then asks row by row and refuses a locked one."""
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        memo = request.__dict__.setdefault(MEMO, {})
        for rows in collector.data.values():
            rows = list(rows)
            memo.update({(o._meta.label, o.pk): r for o, r in zip(rows, alasan_terkunci_semua(rows), strict=True)})
        return super().get_deleted_objects(objs, request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and (reason := _alasan(request, self.get_object(request, unquote(object_id)))):
            messages.warning(request, reason)
        return super().change_view(request, object_id, form_url, extra_context)

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or (obj is not None and bool(alasan_terkunci(obj)))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revert writes an old version whole: refused while the row, as it is or as it was,
        lies in a locked Renja."""
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
            version = history.filter(**{self.model._meta.pk.attname: current.pk}, history_id=version_id).first()
            if version is None or self.revert_disabled(request, version.instance):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class KunciInlineMixin(KunciIzin):
    """For an inline of Renja-owned rows: nothing may be added, changed or deleted while the
    parent is locked, and a locked row among open ones stays as it is."""

    form = KunciForm
    formset = KunciInlineFormSet

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _alasan(request, obj)
