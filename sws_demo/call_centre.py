"""The call centre in the demo: a caller the population does not hold, a complaint settled on the phone.

The hub's call centre is a web page; the demo fills in its form as a browser would (log in, then post
the call with the session's CSRF token), then the village's laptop syncs and holds the complaint,
already resolved with the answer given on the phone.
"""

import re

import requests

from schemas.region import region_name
from sws_demo.day import say, sync
from sws_demo.district import ADMIN_PASSWORD, District, Laptop

TIMEOUT = (5, 30)  # (connect, read) seconds: the hub is on this machine
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CALL = {"caller_name": "Sulastri", "caller_nik": "3507014506850002", "caller_phone": "0812-3456-7890",
        "topic": "payment", "programme_code": "PKH", "outcome": "complaint_recorded", "category": "payment_delay",
        "summary": "PKH tahap dua belum cair, kapan dibayar?",
        "answer": "Tahap dua dibayar mulai tanggal 15 lewat Kantor Pos; bawa KTP dan kartu KKS."}


def a_call_settled_at_once(district: District, village: Laptop) -> None:
    say("The hub loads the directory of services (sample data)", district.hub("directory", "load").stdout)
    with requests.Session() as browser:
        log_in(browser, district.hub_url)
        token = CSRF.search(browser.get(f"{district.hub_url}/callcentre/calls/new", timeout=TIMEOUT).text)[1]
        answer = browser.post(f"{district.hub_url}/callcentre/calls", timeout=TIMEOUT, allow_redirects=False,
                              data={**CALL, "village_code": village.scope, "csrf_token": token})
        if answer.status_code != 302:
            raise RuntimeError(f"the call was refused ({answer.status_code})")
        complaint_id = answer.headers["Location"].rsplit("/", 1)[-1]
    say(f"The call centre takes a call from {CALL['caller_name']} (not in the population) and settles the "
        f"complaint on the phone: it is recorded resolved for {region_name(village.scope)} ({village.scope})")
    sync(district, village, "and receives the call centre's complaint")
    shown = village.cli(district.programs, "complaint", "show", complaint_id).stdout
    reference = shown.splitlines()[0].split(": ", 1)[-1]  # the form's first line: its reference number
    say(f"{village.name}: complaint {reference} as the village sees it", shown)


def log_in(browser: requests.Session, hub_url: str) -> None:
    """Log in to the hub's admin UI as the demo's admin (the session keeps the cookie)."""
    token = CSRF.search(browser.get(f"{hub_url}/login", timeout=TIMEOUT).text)[1]
    answer = browser.post(f"{hub_url}/login", timeout=TIMEOUT, allow_redirects=False,
                          data={"username": "admin", "password": ADMIN_PASSWORD, "csrf_token": token})
    if answer.status_code != 302:
        raise RuntimeError(f"the demo could not log in to the hub ({answer.status_code})")
