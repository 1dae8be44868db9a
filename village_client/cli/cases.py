"""`sws-village case`: a case worker opens cases and follows them offline (docs/cases.md)."""

import click

from schemas.case_needs import answer_text, questions
from schemas.choices import choice_label, values
from schemas.display import value_text
from schemas.local_time import local_time, zone_name
from schemas.messages import label
from schemas.region import region_name
from village_client import cases
from village_client.cli.support import OFFICER, fail_on_known_errors, field_values, logged_in, pass_env
from village_client.messages import text


@click.group("case")
def case_command():
    """Cases: personal plans of vulnerable households and the one-roof services for migrant workers."""


@case_command.command("open")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def case_open(env, username, fields):
    """Open a case for a person (nik=) or a household (kk_number=); crisis cases stay with you.

    Example: sws-village case open --officer dewi case_kind=returnee subject_name="Sri Wahyuni"
    nik=3507015505900001 village_code=35.07.01.2001 summary="Pulang dari Hong Kong"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        case_id = cases.open_case(store, logged_in(env, store, username), field_values(fields))
    click.echo(f"case {case_id} opened")


@case_command.command("event")
@OFFICER
@click.argument("case_id")
@click.argument("kind", type=click.Choice(values("case_event_kind")))
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def case_event(env, username, case_id, kind, fields):
    """Add a step to a case: assessment (answers.<question>=...), plan_action, session, referral,
    referral_answer, migrant (documents=passport,contract), closure or note.

    Example: sws-village case event --officer dewi kzdvvj2umn-12 referral service_code=BLK-KEPANJEN
    text="Pelatihan tata boga"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        event_id = cases.add_case_event(store, officer, case_id, {"kind": kind, **field_values(fields)})
        state = cases.case_file(store, case_id, officer)["state"]
    click.echo(f"event {event_id} added; case {case_id} is {state.status}")


@case_command.command("list")
@OFFICER
@pass_env
def case_list(env, username):
    """The cases you may see, newest first, with their status.

    Example: sws-village case list --officer dewi
    """
    lang = env["lang"]
    with fail_on_known_errors(env), env["open"]() as store:
        shown, withheld = cases.cases(store, logged_in(env, store, username))
    for case, state in shown:
        click.echo(f"{case['id']}  {case['subject_name']}  {value_text('case', 'case_kind', case['case_kind'], lang)}  "
                   f"{_village(case['village_code'])}  {value_text('case', 'opened_on', case['opened_on'], lang)}  "
                   f"{choice_label('case_status', state.status, lang)}")
    hidden = f", {withheld} crisis cases of other case workers not shown" if withheld else ""
    click.echo(f"{len(shown)} cases{hidden}")


@case_command.command("show")
@OFFICER
@click.argument("case_id")
@pass_env
def case_show(env, username, case_id):
    """Show a case, its state (plan, referrals, migrant worker's record) and its timeline.

    Example: sws-village case show --officer dewi kzdvvj2umn-12
    """
    with fail_on_known_errors(env), env["open"]() as store:
        found = cases.case_file(store, case_id, logged_in(env, store, username))
    for line in case_lines(found, env["lang"]):
        click.echo(line)


def _village(code) -> str:
    return f"{region_name(code or '') or '-'} ({code or '-'})"


def case_lines(found: dict, lang: str) -> list:
    """A case as lines of text: what it is, where it stands, its answers, plan, referrals, timeline."""
    case, state = found["case"], found["state"]
    lines = [f"{label(name, lang)}: {value_text('case', name, case.get(name), lang)}"
             for name in ("subject_name", "case_kind", "nik", "kk_number", "opened_on", "summary")]
    lines.append(f"{label('village_code', lang)}: {_village(case['village_code'])}")
    lines.append(f"{label('status', lang)}: {choice_label('case_status', state.status, lang)}")
    if state.closure_reason:
        reason = choice_label("case_closure_reason", state.closure_reason, lang)
        closed = value_text("case", "opened_on", state.closed_on, lang)
        lines.append(f"{label('closure_reason', lang)}: {reason} ({closed})")
    return lines + _state_lines(state, lang) + _timeline(found, lang)


def _state_lines(state, lang: str) -> list:
    known, waiting = questions(), text("case.waiting", lang)
    lines = [f"  {known[code]['label'][lang]}: {answer_text(code, answer, lang)}"
             for code, answer in state.answers.items() if code in known]
    lines += [f"  {label('action', lang)}: {action['service_code']} {action['action']} — {action['responsible']}, "
              f"{value_text('case_event', 'due_date', action['due_date'], lang)}" for action in state.actions]
    lines += [f"  {label('referral_answer', lang)}: {referral['event']['service_code']} "
              f"{choice_label('referral_answer', referral['answer'], lang) if referral['answer'] else waiting}"
              for referral in state.referrals.values()]
    return lines + [f"  {label(name, lang)}: {value_text('case_event', name, value, lang)}"
                    for name, value in state.migrant.items()]


def _timeline(found: dict, lang: str) -> list:
    state, zone, lines = found["state"], zone_name(found["case"].get("village_code")), []
    for event in found["events"]:
        name = found["people"].get(event["officer"])
        who = f"{name} ({event['officer']})" if name else event["officer"]  # a hub user has no name here
        detail = " · ".join(value_text("case_event", name, event[name], lang) for name in
                            ("session_kind", "session_outcome", "service_code", "referral_answer", "closure_reason",
                             "text") if event.get(name))
        lines.append(f"  {event.get('step') or 0}. {value_text('case_event', 'date', event.get('date'), lang)} · "
                     f"{local_time(event['time'], zone)} · {who}: "
                     f"{value_text('case_event', 'kind', event['kind'], lang)} {detail}".rstrip())
        lines += [f"    ! {error.message(lang)} [{error.rule}]" for error in state.flags.get(event["id"], ())]
    return lines
