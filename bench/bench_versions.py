"""Protocol versions 1 and 2 side by side: bytes per registration and round trips of the same work.

    .venv/bin/python -m bench.bench_versions                  # print the figures
    .venv/bin/python -m bench.bench_versions --write-docs     # also rewrite its section of docs/performance.md

For each version a real `sws-hub serve` (SQLite, initialised in a temporary folder) and a village
laptop enrolled with a token from `sws-hub device-token`, in the same village. Both run this village client; the one
measured as version 1 sends its requests without the `X-SWS-Versions` header, which makes each one,
byte for byte, the request of a laptop released before version 2 (the version 1 request is unchanged:
tests/vectors/binding.json), and the hub answers it in version 1. Each laptop saves the same number of
household members from the district generator (19 form fields, one change-set each) and syncs with
its own engine and default settings. Requests and bytes are the laptop's own count (`CountingSession`:
bodies and headers as sent, replies as read from the socket, before gzip decoding); bytes depend on
neither the link nor the machine, so a run on loopback gives the slow link's bytes and round trips.
"""

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

from bench.bench_client import HubServer, VillageLaptop, village_people, write_section

HEADING = "## Protocol versions 1 and 2"
FIRST, LATER = 10_000, 100  # the first push of a village, as in docs/performance.md's other sections


class AsVersion1:
    """The HTTP transport, minus the one header by which a laptop announces version 2."""

    def __init__(self, transport):
        self.transport, self.session = transport, transport.session

    def exchange(self, request):
        return self.transport.exchange(dataclasses.replace(request, versions=()))


def synced(laptop, transport) -> dict:
    before = transport.session.counters()
    laptop.sync(transport)
    return {name: value - before[name] for name, value in transport.session.counters().items()}


def measure(root: Path, hub: HubServer, village: str, version: int, seed: int) -> dict:
    from village_client.sync.http import HttpTransport

    laptop = VillageLaptop(root / f"v{version}", village).enroll(hub)
    transport = HttpTransport(hub.url)
    transport = AsVersion1(transport) if version == 1 else transport
    people = village_people(FIRST + LATER, seed, village)
    laptop.save(people[:FIRST])
    results = {"first": synced(laptop, transport)}
    laptop.save(people[FIRST:])
    results["later"] = synced(laptop, transport)
    results["idle"] = synced(laptop, transport)
    if version == 2:  # a stick that stayed away past the challenge's lifetime: the feed comes one round later
        from village_client.store import open_store

        with open_store(laptop.data_dir) as store:
            store.update_device(challenge="")
        results["stale"] = synced(laptop, transport)
    return results


def run() -> dict:
    """Each version with a hub of its own, the same village and the same people: the same work."""
    results = {}
    for version in (1, 2):
        with tempfile.TemporaryDirectory(prefix="sws-bench-versions-") as folder, HubServer(Path(folder)) as hub:
            results[version] = measure(Path(folder), hub, "35.07.01.2001", version, 21)
    return results


def per(count: int, value: int) -> str:
    return f"{value / count:,.1f}"


def change(before: int, after: int) -> str:
    return f"{(after - before) / before * 100:+.1f}%" if before else "-"


def section(r: dict) -> str:
    rows = [("first push", FIRST, "first"), ("later push", LATER, "later"), ("sync with nothing to do", 0, "idle")]
    lines = [HEADING, "",
             "Measured with `.venv/bin/python -m bench.bench_versions`: a real `sws-hub serve` on 127.0.0.1 (SQLite),",
             "for each version a hub of its own and a laptop of this client (the version 1 one sending its requests as",
             "a laptop released before version 2 does: module docstring), in the same village with the same people.",
             f"Each saves {FIRST:,} household members (19 form fields, one change-set each) from the district",
             f"generator, pushes them, saves {LATER} more, pushes those, then syncs with nothing to do. Bytes are",
             "headers and bodies as sent and replies as read from the socket (gzip), so they are the slow link's too.",
             "Record ids carry each laptop's own device id, so two pushes of the same people differ by some tens of",
             "bytes from key to key.",
             "",
             "| sync | registrations | requests v1 / v2 | bytes up v1 / v2 | bytes down v1 / v2 "
             "| bytes per registration v1 / v2 (both ways) | change |",
             "|---|---|---|---|---|---|---|"]
    for label, count, key in rows:
        one, two = r[1][key], r[2][key]
        both = (one["bytes_sent"] + one["bytes_received"], two["bytes_sent"] + two["bytes_received"])
        shown = f"{per(count, both[0])} / {per(count, both[1])}" if count else f"{both[0]:,} B / {both[1]:,} B"
        lines.append(f"| {label} | {count:,} | {one['requests']} / {two['requests']} | "
                     f"{one['bytes_sent']:,} / {two['bytes_sent']:,} | {one['bytes_received']:,} / "
                     f"{two['bytes_received']:,} | {shown} | {change(both[0], both[1])} |")
    stale = r[2]["stale"]
    lines += ["", f"- Round trips: the same in both versions for every sync above. Version 2 adds no round trip: "
              "the first request of a laptop that has not heard the hub answer in version 2 is a version 1 "
              "request announcing `1,2`, and every reply carries the challenge for the next request. Only a "
              "request whose challenge is missing or older than 30 days (a stick that stayed away) has its "
              f"feed page withheld and pulled one round later: {stale['requests']} requests, "
              f"{stale['bytes_sent']:,} B up and {stale['bytes_received']:,} B down for a sync with nothing to do.",
              "- What version 2 adds per request: the `X-SWS-Versions`, `X-SWS-Counter` and `X-SWS-Challenge` "
              "headers; per reply: `v`, `device`, `counter`, `challenge`, `withheld` and the hub's 64-byte "
              "signature in base64. The change-sets themselves travel exactly as in version 1."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite the section '{HEADING}' of docs")
    args = parser.parse_args(sys.argv[1:])
    text = section(run())
    print(text)
    if args.write_docs:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
