"""Protocol versions 1, 2 and 3 side by side: bytes per registration and round trips of the same work.

    .venv/bin/python -m bench.bench_versions                  # print the figures
    .venv/bin/python -m bench.bench_versions --write-docs     # also rewrite its section of docs/performance.md

For each version a real `sws-hub serve` (SQLite, initialised in a temporary folder) and a village
laptop enrolled with a token from `sws-hub device-token`, in the same village. All run this village client; the one
measured as version 1 sends its requests without the `X-SWS-Versions` header, which makes each one,
byte for byte, the request of a laptop released before version 2 (the version 1 request is unchanged:
tests/vectors/binding.json), and the hub answers it in version 1. The one measured as version 2 speaks
versions 1 and 2 only, as a laptop released before version 3 (`speaking_up_to_2`), so the hub answers it
in version 2; version 3 seals its bodies and the hub's replies. Each laptop saves the same number of
household members from the district generator (19 form fields, one change-set each) and syncs with
its own engine and default settings. Requests and bytes are the laptop's own count (`CountingSession`:
bodies and headers as sent, replies as read from the socket, before gzip decoding); bytes depend on
neither the link nor the machine, so a run on loopback gives the slow link's bytes and round trips.
Versions 2 and 3 then push the same 10,000 once more, each from a laptop of its own, through the
emulated 2G link (`bench.slowlink`), timed.
"""

import argparse
import contextlib
import dataclasses
import os
import sys
import tempfile
from pathlib import Path
from unittest import mock

from bench.bench_client import HubServer, VillageLaptop, timed_sync, village_people, write_section

HEADING = "## Protocol versions 1, 2 and 3"
VERSIONS = (1, 2, 3)
FIRST, LATER = 10_000, 100  # the first push of a village, as in docs/performance.md's other sections


class AsVersion1:
    """The HTTP transport, minus the one header by which a laptop announces version 2."""

    def __init__(self, transport):
        self.transport, self.session = transport, transport.session

    def exchange(self, request):
        return self.transport.exchange(dataclasses.replace(request, versions=()))


@contextlib.contextmanager
def speaking_up_to_2():
    """This client as a laptop released before version 3: it announces and signs versions 1 and 2 only."""
    from sync_protocol import binding
    from village_client.sync import engine

    with mock.patch.object(binding, "SUPPORTED_VERSIONS", frozenset({1, 2})), \
            mock.patch.object(engine, "SUPPORTED_VERSIONS", frozenset({1, 2})), \
            mock.patch.object(engine, "PROTOCOL_VERSION", 2):
        yield


def speaking(version: int):
    return speaking_up_to_2() if version == 2 else contextlib.nullcontext()


def enrolled(root: Path, hub: HubServer, village: str, version: int, name: str) -> VillageLaptop:
    """A laptop enrolled at `hub` that learns the hub's version from its answers, as a version 1 or 2 laptop does
    (its enrollment reply names no versions it reads), or, for version 3, from the signed enrollment reply."""
    from village_client.store import open_store

    laptop = VillageLaptop(root / name, village).enroll(hub)
    if version < 3:
        with open_store(laptop.data_dir) as store:
            store.update_device(hub_protocol=0)
    return laptop


def synced(laptop, transport) -> dict:
    before = transport.session.counters()
    laptop.sync(transport)
    return {name: value - before[name] for name, value in transport.session.counters().items()}


def measure(root: Path, hub: HubServer, village: str, version: int, seed: int) -> dict:
    from village_client.sync.http import HttpTransport

    laptop = enrolled(root, hub, village, version, f"v{version}")
    transport = HttpTransport(hub.url)
    transport = AsVersion1(transport) if version == 1 else transport
    people = village_people(FIRST + LATER, seed, village)
    laptop.save(people[:FIRST])
    results = {"first": synced(laptop, transport)}
    laptop.save(people[FIRST:])
    results["later"] = synced(laptop, transport)
    results["idle"] = synced(laptop, transport)
    if version >= 2:  # a stick that stayed away past the challenge's lifetime: the feed comes one round later
        from village_client.store import open_store

        with open_store(laptop.data_dir) as store:
            store.update_device(challenge="")
        results["stale"] = synced(laptop, transport)
    return results


def slow_push(root: Path, hub: HubServer, version: int) -> dict:
    """The first push of FIRST registrations through the emulated 2G link, timed."""
    from bench.slowlink import SlowLink

    laptop = enrolled(root, hub, "35.07.01.2002", version, f"slow-v{version}")
    laptop.save(village_people(FIRST, 22, "35.07.01.2002"))
    with SlowLink(hub.address()) as link:
        return timed_sync(laptop, link.url)


def run() -> dict:
    """Each version with a hub of its own, the same village and the same people: the same work."""
    results = {}
    for version in VERSIONS:
        with tempfile.TemporaryDirectory(prefix="sws-bench-versions-") as folder, HubServer(Path(folder)) as hub, \
                speaking(version):
            results[version] = measure(Path(folder), hub, "35.07.01.2001", version, 21)
            if version >= 2:
                results[version]["slow"] = slow_push(Path(folder), hub, version)
    return results


def per(count: int, value: int) -> str:
    return f"{value / count:,.1f}"


def change(before: int, after: int) -> str:
    return f"{(after - before) / before * 100:+.1f}%" if before else "-"


def joined(runs: list, name: str) -> str:
    return " / ".join(f"{run[name]:,}" for run in runs)


def section(r: dict, load: tuple) -> str:
    rows = [("first push", FIRST, "first"), ("later push", LATER, "later"), ("sync with nothing to do", 0, "idle")]
    lines = [HEADING, "",
             "Measured with `.venv/bin/python -m bench.bench_versions`: a real `sws-hub serve` on 127.0.0.1 (SQLite),",
             "for each version a hub of its own and a laptop of this client speaking as a laptop released before the",
             "next version does (module docstring), in the same village with the same people.",
             f"Each saves {FIRST:,} household members (19 form fields, one change-set each) from the district",
             f"generator, pushes them, saves {LATER} more, pushes those, then syncs with nothing to do. Bytes are",
             "headers and bodies as sent and replies as read from the socket (gzip), so they are the slow link's too.",
             "Record ids carry each laptop's own device id, so two pushes of the same people differ by some tens of",
             "bytes from key to key. Times over the emulated 2G link include the hub's own work, so they vary with",
             f"what else the machine runs (load average {load[0]:.1f} before, {load[1]:.1f} after); bytes do not.",
             "",
             "| sync | registrations | requests v1 / v2 / v3 | bytes up v1 / v2 / v3 | bytes down v1 / v2 / v3 "
             "| bytes per registration v1 / v2 / v3 (both ways) | v3 against v2 |",
             "|---|---|---|---|---|---|---|"]
    for label, count, key in rows:
        runs = [r[version][key] for version in VERSIONS]
        both = [run["bytes_sent"] + run["bytes_received"] for run in runs]
        shown = " / ".join(per(count, value) for value in both) if count else \
            " / ".join(f"{value:,} B" for value in both)
        lines.append(f"| {label} | {count:,} | {joined(runs, 'requests')} | {joined(runs, 'bytes_sent')} | "
                     f"{joined(runs, 'bytes_received')} | {shown} | {change(both[1], both[2])} |")
    lines += ["", *notes(r)]
    return "\n".join(lines) + "\n"


def notes(r: dict) -> list:
    stale, slow = r[3]["stale"], {version: r[version]["slow"] for version in (2, 3)}
    return [
        "- First push of 10,000 through the emulated 2G link (`bench/slowlink.py`), a laptop and village of its own "
        f"for each: version 2 {slow[2]['seconds']:.1f} s ({slow[2]['requests']} requests, "
        f"{slow[2]['bytes_sent']:,} B up, {slow[2]['bytes_received']:,} B down); version 3 "
        f"{slow[3]['seconds']:.1f} s ({slow[3]['requests']} requests, {slow[3]['bytes_sent']:,} B up, "
        f"{slow[3]['bytes_received']:,} B down).",
        "- What version 3 adds: 51 bytes per sealed box (a one-time X25519 key, the Poly1305 tag and the "
        "format bytes: `sync_protocol/sealing.py`), one box per request body and one per reply. The reply's "
        "box travels in base64 inside the JSON, which the reply's gzip brings back to about its binary size. "
        "Sealed bytes do not compress, so the hub compresses what a reply carries before sealing it (zlib), "
        "as the change-sets are compressed before they are sealed.",
        "- Round trips: a laptop enrolled at a version 3 hub reads the hub's versions in its signed enrollment "
        "reply and seals its first request; having no challenge yet, that request pushes and its feed comes "
        "one round later. After that no version adds a round trip: every reply carries the challenge for the "
        "next request. A request whose challenge is missing or older than 30 days (a stick that stayed away) "
        f"has its feed page withheld and pulled one round later: {stale['requests']} requests, "
        f"{stale['bytes_sent']:,} B up and {stale['bytes_received']:,} B down for a sync with nothing to do "
        "(version 3).",
        "- What version 2 adds per request: the `X-SWS-Versions`, `X-SWS-Counter` and `X-SWS-Challenge` "
        "headers; per reply: `v`, `device`, `counter`, `challenge`, `withheld` and the hub's 64-byte "
        "signature in base64.",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite the section '{HEADING}' of docs")
    args = parser.parse_args(sys.argv[1:])
    before = os.getloadavg()[0]
    text = section(run(), (before, os.getloadavg()[0]))
    print(text)
    if args.write_docs:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
