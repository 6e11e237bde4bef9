"""What a confirmed form hands to its package: who it is about, the answers shown, the secrets."""
from __future__ import annotations

from applications import operations as ops
from forms.definitions import Form
from handlers import form_flow


def person(form: Form, answers: dict) -> ops.Person:
    """The person the form is about, as the applications package records them."""
    return ops.Person(name=answers.get(form.name_field, ""), phone=answers.get("phone", ""),
                      id_number=answers.get(form.id_field, ""),
                      community=answers.get("community", ""))


def split(form: Form, flow: dict, answers: dict) -> tuple[dict, dict]:
    """Answers to show (labelled, personal values masked) and secrets to seal."""
    shown = {f.label: form_flow.shown(f, flow["answers"][f.key]) for f in form.fields}
    secrets = {f.key: answers[f.key] for f in form.fields if f.sensitive}
    return shown, secrets
