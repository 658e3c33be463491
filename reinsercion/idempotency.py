"""Create forms that a double submit cannot run twice.

Each rendering of a create form carries a fresh token (``form_token``). The first POST with
a token claims it in the same transaction as the record it creates (``ATOMIC_REQUESTS``)
and stores where it sent the user; any later POST with that token, whether a second click or
a parallel request that waited on the claim's unique index, gets the same redirect and
writes nothing.
"""

import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseRedirect

TOKEN_FIELD = "form_token"


class FormSubmission(models.Model):
    """A create form's token, claimed by its first submission."""

    token = models.UUIDField("código del formulario", unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario/a",
        on_delete=models.CASCADE,
        related_name="+",
    )
    path = models.CharField("dirección", max_length=300)
    result_url = models.CharField("resultado", max_length=300, blank=True)
    created_at = models.DateTimeField("enviado", auto_now_add=True)

    class Meta:
        verbose_name = "envío de formulario"
        verbose_name_plural = "envíos de formularios"

    def __str__(self):
        return f"{self.path} · {self.created_at:%d-%m-%Y %H:%M}"


def _posted_token(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


class IdempotentFormMixin:
    """For a ``FormView`` whose successful POST creates a record and redirects.

    The template includes ``includes/form_token.html`` inside the ``<form>``.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A form shown again with errors keeps its token: its first valid submit counts.
        context[TOKEN_FIELD] = _posted_token(self.request) or uuid.uuid4()
        return context

    def _first_result(self, token):
        submission = FormSubmission.objects.filter(token=token, user=self.request.user).first()
        if submission is None or not submission.result_url:
            return None
        return HttpResponseRedirect(submission.result_url)

    def post(self, request, *args, **kwargs):
        token = _posted_token(request)
        if token is None:
            return super().post(request, *args, **kwargs)
        if (first := self._first_result(token)) is not None:
            return first
        with transaction.atomic():
            try:
                # A parallel request with the same token waits here until this one commits.
                with transaction.atomic():
                    submission = FormSubmission.objects.create(
                        token=token, user=request.user, path=request.path[:300]
                    )
            except IntegrityError:
                return self._first_result(token) or HttpResponseRedirect(request.path)
            response = super().post(request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirect):
                submission.result_url = response.url[:300]
                submission.save(update_fields=["result_url"])
            else:
                # The form or the action refused the data: free the token for the corrected
                # form.
                transaction.set_rollback(True)
        return response
