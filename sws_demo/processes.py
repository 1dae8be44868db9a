"""Running the demo's programs as separate processes, the way people run them."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Programs:
    """Runs `sws-hub` and `sws-village` commands with a shared environment; keeps long-running servers."""

    def __init__(self, log_dir: Path, env: dict):
        self.log_dir, self.env, self.servers = log_dir, {**os.environ, **env}, []
        log_dir.mkdir(parents=True, exist_ok=True)

    def run(self, program: str, *args, env=None, check=True, stdin=None) -> subprocess.CompletedProcess:
        """Run one command to completion; its output is returned (and raised on failure when `check`)."""
        result = subprocess.run([str(BIN / program), *map(str, args)], env={**self.env, **(env or {})},
                                capture_output=True, text=True, input=stdin, timeout=600)
        if check and result.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(map(str, args))} failed:\n{result.stdout}{result.stderr}")
        return result

    def start(self, name: str, program: str, *args, url: str, env=None) -> subprocess.Popen:
        """Start a server in the background and wait until `url` answers."""
        log = open(self.log_dir / f"{name}.log", "w")  # noqa: SIM115 - kept open for the server's life
        process = subprocess.Popen([str(BIN / program), *map(str, args)], env={**self.env, **(env or {})},
                                   stdout=log, stderr=subprocess.STDOUT)
        self.servers.append((process, log))
        _wait_for(url, process, self.log_dir / f"{name}.log")
        return process

    def stop_all(self) -> None:
        for process, log in reversed(self.servers):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        self.servers.clear()


def _wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} did not start:\n{log.read_text()}")
        try:
            requests.get(url, timeout=(1, 2))
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s; see {log}")
