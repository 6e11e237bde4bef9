"""Each form declares what receives its answers, and a handler provides it (no module patches another)."""
import handlers  # noqa: F401  (importing the package registers every handler and submitter)
from forms.definitions import FORMS
from handlers import form_flow
from handlers.base import SUBMITTERS


def test_every_form_declares_a_submitter_a_handler_provides():
    reschedule = form_flow.form_of({"code": "RESCHEDULE-1"})
    for form in [*FORMS.values(), reschedule]:
        assert form.submitter in SUBMITTERS, form.code
    assert {form.submitter for form in FORMS.values()} == {"apply", "appointment", "register"}
