"""The complaints desk in the demo: a village complaint sent up to the sub-district, answered at the hub's
desk, and the answer back on the village's laptop at its next sync (the desk is a web page; the demo
fills in its form as a browser would)."""

import re

import requests

from sws_demo.call_centre import CSRF, TIMEOUT, log_in
from sws_demo.day import say, sync
from sws_demo.district import District, Laptop

RESPONSE = "Sudah dicek: ibu hamil ini masuk usulan PKH tahap berikutnya; kartu dikirim lewat desa bulan depan."


def a_complaint_answered_at_the_desk(district: District, village: Laptop) -> None:
    recorded = village.cli(district.programs, "complaint", "add", "category=exclusion_error", "programme_code=PKH",
                           "description=Ibu hamil di RT 3 belum menerima PKH.", f"village_code={village.scope}",
                           "complainant_name=Rina Wati").stdout
    complaint_id, reference = re.search(r"complaint (\S+) recorded: (\S+)", recorded).groups()
    say(f"{village.name}: records a complaint the village cannot settle", recorded)
    say(f"{village.name}: sends it up to the sub-district SWS coordinator",
        village.cli(district.programs, "complaint", "event", complaint_id, "escalation",
                    "escalation_level=sub_district").stdout)
    sync(district, village, "and the complaint reaches the hub's desk")
    with requests.Session() as browser:
        log_in(browser, district.hub_url)
        page = browser.get(f"{district.hub_url}/desk/complaint/{complaint_id}", timeout=TIMEOUT)
        answer = browser.post(f"{district.hub_url}/desk/complaint/{complaint_id}/respond", timeout=TIMEOUT,
                              allow_redirects=False, data={"text": RESPONSE, "csrf_token": CSRF.search(page.text)[1]})
        if answer.status_code != 302:
            raise RuntimeError(f"the desk's response was refused ({answer.status_code})")
    say(f"The desk answers complaint {reference} at the sub-district level", RESPONSE)
    sync(district, village, "and receives the desk's response")
    say(f"{village.name}: the complaint as the village sees it now, to read to the complainant",
        village.cli(district.programs, "complaint", "show", complaint_id).stdout)
