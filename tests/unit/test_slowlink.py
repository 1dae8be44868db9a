"""The emulated slow link used by the benchmarks: real sockets on 127.0.0.1, and its schedule arithmetic.

Times are checked as lower bounds (the emulation never delivers early) and from the emulation's own
accounting, never as upper bounds on the wall clock.
"""

import random
import socket
import threading
import time

import pytest

from bench.slowlink import Direction, LinkModel, RtoEstimator, SlowLink

FAST = LinkModel(rate_bps=50_000_000, delay=0.002, loss=0.0)


class Peer:
    """A one-connection server on 127.0.0.1: echoes what it reads, or counts it and answers the count."""

    def __init__(self, echo: bool):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = self.listener.getsockname()
        self.echo = echo
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            received = 0
            while data := connection.recv(65536):
                received += len(data)
                if self.echo:
                    connection.sendall(data)
            if not self.echo:
                connection.sendall(str(received).encode())
            connection.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.thread.join(10)
        self.listener.close()


def exchange(port: int, payload: bytes) -> bytes:
    """Send `payload`, close the sending side, and read everything that comes back."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
        sender = threading.Thread(target=lambda: (client.sendall(payload), client.shutdown(socket.SHUT_WR)))
        sender.start()
        chunks = []
        while data := client.recv(65536):
            chunks.append(data)
        sender.join(10)
    return b"".join(chunks)


@pytest.fixture
def peer(request):
    server = Peer(echo=request.param == "echo")
    yield server
    server.close()


@pytest.mark.parametrize("peer", ["echo"], indirect=True)
def test_bytes_cross_intact_in_both_directions_and_are_counted(peer):
    payload = random.Random(3).randbytes(200_000)
    with SlowLink(peer.address, FAST) as link:
        assert exchange(link.port, payload) == payload
        counters = link.counters()
    assert counters["connections"] == 1
    assert counters["bytes_up"] == counters["bytes_down"] == len(payload)
    assert counters["segments_up"] >= len(payload) / FAST.mss


@pytest.mark.parametrize("peer", ["count"], indirect=True)
def test_a_transfer_takes_at_least_its_serialisation_time(peer):
    model = LinkModel(rate_bps=400_000, delay=0.05, loss=0.0)
    size = 20_000
    serialisation = size * 8 / model.rate_bps  # 0.4 s, payload alone
    started = time.monotonic()
    with SlowLink(peer.address, model) as link:
        assert exchange(link.port, bytes(size)) == str(size).encode()
        elapsed = time.monotonic() - started
        up, _ = link.directions[0]
    assert up.bytes == size
    assert up.serialising >= serialisation + up.segments * model.header_bytes * 8 / model.rate_bps
    assert up.last_due - up.first_ready >= serialisation + model.delay
    # Connection set-up, the request's way up and the answer's way down each cross the delay.
    assert elapsed >= serialisation + 4 * model.delay


def schedule(model: LinkModel, sizes, seed_parts=(1, 1, "up")) -> list:
    direction = Direction(model, seed_parts, opens_at=0.0)
    return [direction.schedule(size, ready=0.0) for size in sizes]


def test_a_lost_segment_costs_at_least_one_retransmission_timeout_and_losses_repeat_for_a_seed():
    lossy, clean = LinkModel(loss=0.02), LinkModel(loss=0.0)
    sizes = [1460] * 1000
    with_loss, without = schedule(lossy, sizes), schedule(clean, sizes)
    lost = [d for d in with_loss if d.resends]
    assert 5 <= len(lost) <= 60
    assert with_loss == schedule(lossy, sizes), "the same seed loses the same segments"
    assert with_loss != schedule(lossy, sizes, (2, 1, "up")), "another seed loses others"
    resent = sum(d.resends for d in with_loss)
    extra = resent * (lossy.min_rto + lossy.serialisation(1460))
    assert with_loss[-1].due >= without[-1].due + extra
    assert all(b.start >= a.end for a, b in zip(with_loss, with_loss[1:], strict=False)), "one segment at a time"
    assert without[-1].due == pytest.approx(1000 * clean.serialisation(1460) + clean.delay)


def test_the_same_bytes_lose_the_same_blocks_however_they_are_split():
    model = LinkModel(loss=0.05)
    whole = schedule(model, [1460] * 200)
    halves = schedule(model, [730] * 400)
    assert sum(bool(d.resends) for d in whole) == sum(bool(d.resends) for d in halves) > 0


def test_the_retransmission_timeout_follows_rfc_6298():
    estimator = RtoEstimator(floor=1.0)
    assert estimator.rto == 1.0
    estimator.sample(0.65)
    assert estimator.rto == pytest.approx(0.65 * 3)
    for _ in range(20):
        estimator.sample(0.65)
    assert estimator.rto == 1.0


@pytest.mark.parametrize("peer", ["echo"], indirect=True)
def test_it_stops_by_itself_when_idle_and_when_its_block_ends(peer):
    idle = SlowLink(peer.address, FAST, idle_timeout=0.2).start()
    assert idle.wait(timeout=10) and not idle.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", idle.port), timeout=2).close()
    with SlowLink(peer.address, FAST) as link:
        held = socket.create_connection(("127.0.0.1", link.port), timeout=5)  # left open on purpose
    assert not link.running
    held.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", link.port), timeout=2).close()
