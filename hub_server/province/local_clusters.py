"""Throwaway PostgreSQL clusters on this machine, for the province demo, its benchmark and its test.

Each cluster is `initdb` + `pg_ctl` of PostgreSQL's own binaries in a folder of the caller's, listening on
127.0.0.1 at a free port with `wal_level=logical`, trust authentication for the local user `postgres`, and
stopped and removed by `stop()`. PostgreSQL refuses to run as root: a root caller runs the server as the
`postgres` system user (Debian's packages create it), the folder handed over to it.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")
SERVER_USER = "postgres"
SETTINGS = {"wal_level": "logical", "max_replication_slots": "16", "max_wal_senders": "16",
            "max_logical_replication_workers": "16", "max_worker_processes": "24", "fsync": "off",
            "shared_buffers": "32MB", "listen_addresses": "'127.0.0.1'", "unix_socket_directories": "''"}


class ClustersUnavailable(Exception):
    """PostgreSQL's server binaries, or a user that may run them, are not on this machine."""


class ClusterFailed(RuntimeError):
    """initdb or pg_ctl failed: what they printed."""


@dataclass
class LocalCluster:
    name: str
    data_dir: Path
    port: int
    bin_dir: Path
    as_user: str | None  # run the server as this system user (we are root), else as ourselves

    def dsn(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user={SERVER_USER} dbname={dbname} connect_timeout=5"

    def url(self, dbname: str, schema: str | None = None) -> str:
        """SQLAlchemy URL of a database of this cluster; with `schema`, the hub keeps its tables there."""
        options = f"?options=-csearch_path%3D{schema}" if schema else ""
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{dbname}{options}"

    def create_database(self, dbname: str) -> None:
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{dbname}"')

    def start(self) -> None:
        """Start the server (again, after `halt`) on its port, and wait until it answers."""
        options = " ".join(f"-c {key}={value}" for key, value in SETTINGS.items())
        self._run("pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.data_dir / "server.log"), "-w",
                  "-t", "60", "-o", f"-p {self.port} {options}")
        _wait_until_answering(self)

    def halt(self) -> None:
        """Stop the server, keeping its data (as a power cut or a maintenance window would)."""
        self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w", check=False)

    def stop(self) -> None:
        """Stop the server and remove its data."""
        self.halt()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / program), *args]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if check and result.returncode:
            raise ClusterFailed(f"{program} failed: {result.stdout}{result.stderr}".strip())
        return result


def server_binaries() -> Path:
    """The folder holding initdb and pg_ctl. Raises ClustersUnavailable."""
    for folder in BIN_DIRS:
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    raise ClustersUnavailable("PostgreSQL's initdb and pg_ctl are not installed (Debian: postgresql-15)")


def server_user() -> str | None:
    """None when we may run the server ourselves; the system user to run it as when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ClustersUnavailable("running as root and there is no `postgres` system user to run PostgreSQL") \
            from None
    if not shutil.which("runuser"):
        raise ClustersUnavailable("running as root and `runuser` is missing")
    return SERVER_USER


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cluster(name: str, parent: Path, attempts: int = 3) -> LocalCluster:
    """A new cluster in `parent`/`name`, started and answering.

    Raises ClustersUnavailable when this machine cannot run one, ClusterFailed when initdb or pg_ctl fail."""
    as_user = server_user()
    cluster = LocalCluster(name, Path(parent) / name, free_port(), server_binaries(), as_user)
    cluster.data_dir.mkdir(parents=True)
    if as_user:
        record = pwd.getpwnam(as_user)
        os.chown(cluster.data_dir, record.pw_uid, record.pw_gid)
    cluster.data_dir.chmod(0o700)
    cluster._run("initdb", "-D", str(cluster.data_dir), "-U", SERVER_USER, "-A", "trust", "-E", "UTF8",
                 "--locale", "C", "--no-sync")
    for attempt in range(attempts):
        try:
            cluster.start()
            return cluster
        except ClusterFailed:
            # Another process took the free port between our probe and the server's bind: take another.
            log = cluster.data_dir / "server.log"
            if attempt == attempts - 1 or "could not bind" not in _read(log):
                raise
            cluster.port = free_port()
    return cluster


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def _wait_until_answering(cluster: LocalCluster, timeout: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(cluster.dsn()).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def scratch_parent() -> Path:
    """A new folder for clusters that the server's user may enter (the caller removes it)."""
    parent = Path(tempfile.mkdtemp(prefix="sws-clusters-"))
    parent.chmod(0o755)
    return parent
