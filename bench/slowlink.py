"""An emulated slow link on 127.0.0.1: a TCP proxy that shapes each direction as a 2G link would.

    with SlowLink(("127.0.0.1", hub_port)) as link:        # 256 kbit/s, 300 ms one way, 2 % loss
        HttpTransport(link.url).exchange(request)
    print(link.counters())                                 # bytes each way, segments, losses

    .venv/bin/python -m bench.slowlink --target 127.0.0.1:8080 --port 9080    # by hand, until Ctrl-C

The kernel's netem queueing discipline is not available everywhere, so the link is emulated in user
space: the proxy reads what one side sends, works out when each piece would reach the other side,
and writes it there at that moment. Per direction (up: client to hub, down: hub to client), FIFO:

- bytes are cut into segments of at most `mss` (1,460) bytes;
- serialisation: a segment holds the link for (size + 40 header bytes) x 8 / rate seconds, from when
  it was read or when the link is free, whichever is later;
- propagation: it reaches the other side `delay` seconds after its serialisation ends;
- loss: a lost segment is resent by TCP after a retransmission timeout (RTO). The direction stalls
  meanwhile (the sender's window waits on the missing segment, and the receiver delivers in order);
  the resend is serialised again, and a lost resend doubles the RTO (RFC 6298, 5.5);
- RTO, as RFC 6298 computes it: 1 s before any measurement; then SRTT and RTTVAR from each segment
  delivered at the first try (Karn's rule), whose round trip is its serialisation plus twice the
  delay; RTO = max(1 s, SRTT + 4 x RTTVAR). On the default link the first sample (0.65 s) gives
  1.94 s, falling to the 1 s floor after about ten segments;
- connection set-up: the first byte up leaves one round trip (SYN, SYN-ACK) after the connection.

Losses are deterministic for a seed: each direction's stream is divided into blocks of `mss` bytes,
each lost with probability `loss`, drawn in order from a generator seeded with (seed, connection
number, direction); a segment holding the start of a lost block is lost. So the same bytes lose the
same blocks however the sockets happen to split them.

Not modelled: slow start (the default path holds about 13 full segments, against Linux's initial
window of 10, so it would add well under one round trip), ACK traffic, fast retransmit (which would
recover an isolated loss in about one round trip instead of an RTO: the emulation errs on the slow
side) and lost SYNs.
"""

import argparse
import asyncio
import itertools
import random
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkModel:
    """What the link does to each direction; the defaults are a weak 2G (EDGE) cell."""

    rate_bps: int = 256_000
    delay: float = 0.300  # one way, seconds
    loss: float = 0.02  # share of segments lost
    mss: int = 1460
    header_bytes: int = 40  # IPv4 and TCP headers of each segment
    min_rto: float = 1.0  # RFC 6298 (2.4)
    seed: int = 1

    def serialisation(self, size: int) -> float:
        """Seconds a segment of `size` payload bytes holds the link."""
        return (size + self.header_bytes) * 8 / self.rate_bps


class RtoEstimator:
    """RFC 6298's retransmission timeout from round-trip samples (alpha 1/8, beta 1/4)."""

    def __init__(self, floor: float):
        self.floor = floor
        self.srtt: float | None = None
        self.rttvar = 0.0

    def sample(self, rtt: float) -> None:
        if self.srtt is None:
            self.srtt, self.rttvar = rtt, rtt / 2
            return
        self.rttvar = 0.75 * self.rttvar + 0.25 * abs(self.srtt - rtt)
        self.srtt = 0.875 * self.srtt + 0.125 * rtt

    @property
    def rto(self) -> float:
        return self.floor if self.srtt is None else max(self.floor, self.srtt + 4 * self.rttvar)


@dataclass(frozen=True)
class Delivery:
    """When one segment was read, went on the link (its last copy), and reaches the other side."""

    size: int
    ready: float
    start: float
    end: float
    due: float
    resends: int


class Direction:
    """The schedule of one direction of one connection: arithmetic on times, no I/O."""

    def __init__(self, model: LinkModel, seed_parts: tuple, opens_at: float):
        self.model = model
        self.free = opens_at  # when the link can start serialising the next segment
        self.estimator = RtoEstimator(model.min_rto)
        self._blocks = random.Random(repr(seed_parts))
        self._resend_losses = random.Random(repr((*seed_parts, "resend")))
        self._offset = self._next_block = 0
        self.bytes = self.segments = self.lost = 0
        self.serialising = 0.0  # link seconds used, resends included
        self.first_ready: float | None = None
        self.last_due = 0.0

    def schedule(self, size: int, ready: float) -> Delivery:
        """Place a segment of `size` bytes read at `ready` on the link; return when it is delivered."""
        model, needs = self.model, self.model.serialisation(size)
        start = max(self.free, ready)
        end = start + needs
        rto, resends, lost = self.estimator.rto, 0, self._hits_lost_block(size)
        while lost:
            resends += 1
            start = end + rto
            end = start + needs
            rto *= 2
            lost = self._resend_losses.random() < model.loss
        if not resends:
            self.estimator.sample(needs + 2 * model.delay)
        self.free = end
        delivery = Delivery(size, ready, start, end, end + model.delay, resends)
        self._account(delivery, needs)
        return delivery

    def _hits_lost_block(self, size: int) -> bool:
        lost, end = False, self._offset + size
        while self._next_block * self.model.mss < end:
            lost |= self._blocks.random() < self.model.loss
            self._next_block += 1
        self._offset = end
        return lost

    def _account(self, delivery: Delivery, needs: float) -> None:
        self.bytes += delivery.size
        self.segments += 1
        self.lost += delivery.resends
        self.serialising += needs * (1 + delivery.resends)
        self.first_ready = delivery.ready if self.first_ready is None else self.first_ready
        self.last_due = max(self.last_due, delivery.due)


def cut(data: bytes, size: int):
    return (data[start:start + size] for start in range(0, len(data), size))


class SlowLink:
    """A proxy on 127.0.0.1 forwarding to `target` through the emulated link; a context manager.

    With `idle_timeout`, it also stops by itself once no connection has been open for that long.
    """

    def __init__(self, target: tuple, model: LinkModel | None = None, *, port: int = 0,
                 idle_timeout: float | None = None):
        self.target, self.model = target, model or LinkModel()
        self.port, self.idle_timeout = port, idle_timeout
        self.directions: list = []  # (up, down) per connection, in the order they were accepted
        self._numbers = itertools.count(1)
        self._ready, self._error = threading.Event(), None
        self._thread: threading.Thread | None = None
        self._loop = self._stopping = None
        self._open, self._idle_since, self._tasks = 0, 0.0, set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "SlowLink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> "SlowLink":
        """Listen (on a free port unless one was given) in a background thread. Raises OSError."""
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), name="slowlink", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            raise self._error
        return self

    def stop(self, timeout: float = 10) -> None:
        """Close the listening socket and every connection, and end the thread."""
        if self._loop is not None and self.running:
            self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the proxy has stopped (by `stop` or its idle timeout); True if it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def counters(self) -> dict:
        """Totals over every connection so far: bytes, segments and lost segments each way."""
        pairs = list(self.directions)
        totals = {"connections": len(pairs)}
        for index, name in enumerate(("up", "down")):
            sides = [pair[index] for pair in pairs]
            totals[f"bytes_{name}"] = sum(side.bytes for side in sides)
            totals[f"segments_{name}"] = sum(side.segments for side in sides)
            totals[f"lost_{name}"] = sum(side.lost for side in sides)
        return totals

    async def _main(self) -> None:
        self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()
        try:
            server = await asyncio.start_server(self._connection, "127.0.0.1", self.port)
        except OSError as error:
            self._error = error
            self._ready.set()
            return
        self.port = server.sockets[0].getsockname()[1]
        self._idle_since = self._loop.time()
        self._ready.set()
        async with server:
            await self._until_stopped()
            for listening in server.sockets:
                self._loop.remove_reader(listening.fileno())  # accept no more
            # Connections accepted just now get their handlers (which close them) while the server is open:
            # asyncio drops a connection accepted in the same moment as the server closes without closing it.
            await asyncio.sleep(0.05)
            server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _until_stopped(self) -> None:
        if self.idle_timeout is None:
            await self._stopping.wait()
            return
        while not self._stopping.is_set():
            if not self._open and self._loop.time() - self._idle_since >= self.idle_timeout:
                return
            await asyncio.sleep(min(0.05, self.idle_timeout))

    async def _connection(self, reader, writer) -> None:
        self._tasks.add(asyncio.current_task())
        self._open += 1
        writers = [writer]
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
            writers.append(upstream_writer)
            number, now = next(self._numbers), self._loop.time()
            up = Direction(self.model, (self.model.seed, number, "up"), opens_at=now + 2 * self.model.delay)
            down = Direction(self.model, (self.model.seed, number, "down"), opens_at=now)
            self.directions.append((up, down))
            await asyncio.gather(self._pump(reader, upstream_writer, up), self._pump(upstream_reader, writer, down))
        except (OSError, asyncio.CancelledError):
            pass  # the target refused, or the proxy is stopping: the client sees its connection closed
        finally:
            await self._close(*writers)

    async def _close(self, *writers) -> None:
        for writer in writers:
            writer.close()
        await asyncio.gather(*(writer.wait_closed() for writer in writers), return_exceptions=True)
        self._tasks.discard(asyncio.current_task())
        self._open -= 1
        self._idle_since = self._loop.time()

    async def _pump(self, reader, writer, direction: Direction) -> None:
        """Read one side until it closes; each piece is written to the other side when the link delivers it."""
        queue = asyncio.Queue()
        sender = asyncio.create_task(self._deliver(queue, writer))
        try:
            await self._read(reader, direction, queue)
            closing = max(direction.free, self._loop.time()) + self.model.delay  # the FIN crosses the link too
            queue.put_nowait((closing, None))
            await sender
        finally:
            sender.cancel()

    async def _read(self, reader, direction: Direction, queue: asyncio.Queue) -> None:
        try:
            while data := await reader.read(65536):
                now = self._loop.time()
                for piece in cut(data, self.model.mss):
                    queue.put_nowait((direction.schedule(len(piece), now).due, piece))
        except (ConnectionError, OSError):
            pass  # a reset ends the stream like a close

    async def _deliver(self, queue: asyncio.Queue, writer) -> None:
        while True:
            due, piece = await queue.get()
            wait = due - self._loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                if piece is None:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(piece)
                await writer.drain()
            except (ConnectionError, OSError):
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", required=True, help="HOST:PORT to forward to, e.g. 127.0.0.1:8080")
    parser.add_argument("--port", type=int, default=0, help="port to listen on at 127.0.0.1 (0: a free one)")
    parser.add_argument("--rate", type=int, default=LinkModel.rate_bps, help="bits per second, each way")
    parser.add_argument("--delay", type=float, default=LinkModel.delay, help="one-way delay, seconds")
    parser.add_argument("--loss", type=float, default=LinkModel.loss, help="share of segments lost")
    parser.add_argument("--seed", type=int, default=LinkModel.seed)
    args = parser.parse_args()
    host, _, port = args.target.rpartition(":")
    model = LinkModel(rate_bps=args.rate, delay=args.delay, loss=args.loss, seed=args.seed)
    with SlowLink((host, int(port)), model, port=args.port) as link:
        print(f"slow link on {link.url} -> {args.target}; Ctrl-C stops it", flush=True)
        try:
            while link.running:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    print(link.counters())


if __name__ == "__main__":
    main()
