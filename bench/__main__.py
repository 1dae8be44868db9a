"""`python -m bench` (`make bench`): every benchmark module in turn, each in a fresh interpreter.

    .venv/bin/python -m bench                   # every benchmark at the sizes docs/performance.md states
    .venv/bin/python -m bench --size quick      # small sizes: a first look, about five minutes here
    .venv/bin/python -m bench --size full       # the district's full size (2.7 million people), hours
    .venv/bin/python -m bench --write-docs      # also rewrite their sections of docs/performance.md
    .venv/bin/python -m bench --only bench_push,bench_client

Each module measures one part and prints its figures; a fresh interpreter per module keeps one
module's imports, caches and memory out of the next one's figures.
"""

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

MODULES = ("bench_protocol", "bench_generator", "bench_push", "bench_client", "bench_laptop", "bench_population",
           "bench_population_pull", "bench_reports", "bench_load", "bench_province", "bench_versions", "bench_payments")
HERE = Path(__file__).resolve().parent

# Each module's own options for a size; a module not named runs at its default size. "default" is what
# docs/performance.md states for each section; "full" is Kabupaten Malang's 2.7 million people.
SIZES = {
    "quick": {
        "bench_generator": ["--sizes", "100000"],
        "bench_push": ["--repeat", "1"],
        "bench_client": ["--repeat", "1"],
        "bench_laptop": ["--people", "1000", "--csv-rows", "2000"],
        "bench_population": ["--people", "27000", "--databases", "sqlite"],
        "bench_reports": ["--people", "27000"],
        "bench_load": ["--quick"],
        "bench_province": ["--people", "500"],
        "bench_payments": ["--people", "27000"],
    },
    "default": {},
    "full": {
        "bench_population": ["--people", "2700000"],
        "bench_reports": ["--people", "2700000"],
        "bench_province": ["--people", "10000"],
        "bench_payments": ["--people", "2700000"],
    },
}


def available(names) -> list:
    """The named modules present in bench/ (bench_population comes with the population work)."""
    return [name for name in names if importlib.util.find_spec(f"bench.{name}") is not None]


def accepts_write_docs(name: str) -> bool:
    return "--write-docs" in (HERE / f"{name}.py").read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true",
                        help="pass --write-docs to the benchmarks that rewrite their section of docs/performance.md")
    parser.add_argument("--only", help="comma-separated module names, e.g. bench_push,bench_client")
    parser.add_argument("--size", choices=sorted(SIZES), default="default",
                        help="quick: small sizes for a first look; default: the sizes docs/performance.md states; "
                             "full: 2.7 million people where a module takes a population")
    args = parser.parse_args()
    if args.write_docs and args.size == "quick":
        parser.error("--write-docs with --size quick would replace the documented figures with small ones")
    failed = []
    for name in available(args.only.split(",") if args.only else MODULES):
        command = [sys.executable, "-m", f"bench.{name}", *SIZES[args.size].get(name, [])]
        if args.write_docs and accepts_write_docs(name):
            command.append("--write-docs")
        print(f"== {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        if subprocess.run(command, cwd=HERE.parent, check=False).returncode:
            failed.append(name)
        print(f"== {name}: {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
