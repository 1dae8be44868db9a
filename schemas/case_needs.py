"""The needs assessment of a case: a form defined as data (schemas/needs_assessment.json).

    QUESTIONS["wants"]["label"]["en"]       # "Main need"
    check_answers({"main_income": "none", "health_insurance": False, "wants": "job"})   # Check

A case worker answers the questions when a case opens and again whenever the situation changes (an
`assessment` event of `schemas.case`). The questions, their kinds (choice, integer, boolean, text),
their limits and which must be answered are data, like the catalogue's eligibility rules: the form
grows by editing the file, and laptops and the hub read the same file. An error names the question
(`answers.<code>`) so a form shows it beside the question.
"""

import functools
import json
from pathlib import Path

from schemas import fields as f
from schemas.errors import Check, FieldError

FORM_FILE = Path(__file__).resolve().parent / "needs_assessment.json"


@functools.lru_cache(maxsize=1)
def needs_form() -> dict:
    """The assessment form as the file holds it."""
    return json.loads(FORM_FILE.read_text(encoding="utf-8"))


def questions() -> dict:
    """{question code: question} in the form's order."""
    return {question["code"]: question for question in needs_form()["questions"]}


def _answer_errors(question: dict, value) -> list[FieldError]:
    where, params = f"answers.{question['code']}", {"question": question["label"]}
    kind = question["type"]
    if kind == "choice" and value not in question["choices"]:
        return [FieldError(where, "answer_choice", {**params, "choices": list(question["choices"])})]
    if kind == "boolean" and not isinstance(value, bool):
        return [FieldError(where, "answer_boolean", params)]
    if kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)
                              or not question.get("min", 0) <= value <= question.get("max", 10**12)):
        return [FieldError(where, "answer_number", {**params, "min": question.get("min", 0),
                                                    "max": question.get("max", 10**12)})]
    if kind == "text" and (not isinstance(value, str) or len(value) > question.get("max", 300)):
        return [FieldError(where, "answer_text", {**params, "max": question.get("max", 300)})]
    return []


def check_answers(value) -> Check:
    """The answers checked against the form: every answer to a known question, of its kind; the required given."""
    if not isinstance(value, dict):
        return Check(None, (FieldError("answers", "answers_invalid"),))
    known, errors = questions(), []
    for code, answer in value.items():
        if code not in known:
            errors.append(FieldError(f"answers.{code}", "answer_unknown", {"question": str(code)}))
        elif answer is not None:
            errors += _answer_errors(known[code], answer)
    for code, question in known.items():
        if question.get("required") and value.get(code) is None:
            errors.append(FieldError(f"answers.{code}", "answer_required", {"question": question["label"]}))
    if errors:
        return Check(None, tuple(errors))
    return Check({code: answer for code, answer in value.items() if answer is not None})


class NeedsAnswers(f.Field):
    """The answers of a needs assessment: {question code: answer}, checked against the form."""

    def check(self, value) -> Check:
        return check_answers(value)


def answer_text(code: str, answer, lang: str) -> str:
    """An answer as a person reads it: a choice's label, ya/tidak, a number or the text."""
    question = questions().get(code)
    if question is None:
        return str(answer)
    if question["type"] == "choice":
        return question["choices"].get(answer, {}).get(lang, str(answer))
    if question["type"] == "boolean":
        from schemas.display import YES_NO  # the labels every yes/no shows; display imports this module's schema

        return YES_NO[lang][0 if answer else 1]
    return str(answer)
