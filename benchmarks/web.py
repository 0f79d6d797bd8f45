"""How fast `triage serve` answers, compared with a hello-world Starlette app; and a load run.

    python benchmarks/web.py                     # both parts, with their defaults
    python benchmarks/web.py --part step         # one step, latency and throughput
    python benchmarks/web.py --part load --clients 200 --seconds 30

**One step** (on one worker): a step is what a browser does at each question, an
answer posted (`POST /step/1`, answered 303) and the next question fetched (`GET
/step/2`). The baseline is `hello_web.py` under the same uvicorn: a form posted and
redirected, then a Jinja2 page of the same size as the questionnaire's. Runs are
interleaved (A B A B) after a warm-up; the medians' ratio is compared with the goal
(1.5x). Throughput is steps per second with a few clients at once, as a ratio too.

**Load**: N simulated clients (200 by default) walk to a result for S seconds (30),
start again and walk again, each on its own connection: every request must get the
status a browser expects; latency p50/p99 and the server's memory (resident size,
sampled every second) are reported, and memory is called flat when its last sample is
within 20% of the one after the first 5 s.

The script reports, it does not judge: it exits 0 even when a figure is over its goal.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
STEP_GOAL = 1.5


# ------------------------------------------------------------------ servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int, path: str) -> None:
    for _attempt in range(600):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


@contextmanager
def server(argv: list[str], port: int, probe: str, env: dict[str, str]) -> Iterator[int]:
    """A server process for the length of the block; yields its pid."""
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_up(port, probe)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIAGE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))
    env["TRIAGE_CACHE"] = tempfile.mkdtemp(prefix="triage-bench-")
    env["TRIAGE_LANG"] = "en"
    return env


def triage_server(env: dict[str, str]) -> tuple[list[str], int]:
    port = free_port()
    return [PYTHON, "-m", "triage", "serve", "--port", str(port)], port


def hello_server(env: dict[str, str], size: int) -> tuple[list[str], int]:
    port = free_port()
    env["HELLO_PAGE_BYTES"] = str(size)
    argv = [PYTHON, "-m", "uvicorn", "hello_web:app", "--port", str(port)]
    return [*argv, "--no-access-log", "--log-level", "warning", "--no-server-header"], port


# ------------------------------------------------------------------ a browser, simplified


class Visitor:
    """One browser: its own connection, its walk's cookie; follows no redirect itself."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""

    def send(self, method: str, path: str, form: list[tuple[str, str]] | None = None):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        reply = self.connection.getresponse()
        data = reply.read()
        cookie = reply.getheader("set-cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        return reply.status, reply.getheader("location"), data.decode("utf-8", "replace")


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


def scenarios() -> list[dict[str, object]]:
    """The answers of the rule set's scenario cases: walks to every outcome."""
    from triage.authoring.cases import parse_cases
    from triage.rulesets.files import default_rules_path, read_case_sources

    return [c.answers for s in read_case_sources(default_rules_path()) for c in parse_cases(s)]


def fields(kind: str, value: object) -> list[tuple[str, str]]:
    if kind == "multi_choice":
        keys = value if isinstance(value, list) else []
        return [("answer", str(k)) for k in keys] or [("answer", "-")]
    if kind == "yes_no":
        return [("answer", "yes" if value is True else "no")]
    return [("answer", "" if value is None else str(value))]


# ------------------------------------------------------------------ one step


def timed(run, count: int) -> list[float]:
    times = []
    for _i in range(count):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def triage_step(port: int):
    """A visitor at step 1 of a walk; each call answers it again and fetches step 2."""
    visitor = Visitor(port)
    visitor.send("POST", "/start", [("lang", "en")])
    _status, _where, page = visitor.send("GET", "/step/1")
    form = [("csrf", hidden(page, "csrf")), ("question", hidden(page, "question")), ("answer", "-")]

    def step() -> int:
        status, where, _page = visitor.send("POST", "/step/1", form)
        assert status == 303 and where == "/step/2", (status, where)
        status, _where, shown = visitor.send("GET", "/step/2")
        assert status == 200
        return len(shown.encode())

    return step


def hello_step(port: int):
    visitor = Visitor(port)

    def step() -> int:
        status, _where, _page = visitor.send("POST", "/form", [("csrf", "x"), ("answer", "-")])
        assert status == 303
        status, _where, shown = visitor.send("GET", "/page")
        assert status == 200
        return len(shown.encode())

    return step


def throughput(make, port: int, clients: int, seconds: float) -> float:
    """Steps per second with `clients` visitors stepping at once."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        step = make(port)
        while time.monotonic() < stop:
            step()
            done[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def part_step(runs: int, clients: int, seconds: float) -> None:
    env = environment()
    argv, port = triage_server(env)
    with server(argv, port, "/healthz", env):
        size = triage_step(port)()
    hello_argv, hello_port = hello_server(env, size)
    argv, port = triage_server(env)
    with server(argv, port, "/healthz", env), server(hello_argv, hello_port, "/page", env):
        ours, theirs = triage_step(port), hello_step(hello_port)
        hello_size = theirs()
        timed(ours, 20), timed(theirs, 20)  # warm-up
        mine: list[float] = []
        base: list[float] = []
        for _round in range(runs // 10):
            mine += timed(ours, 10)
            base += timed(theirs, 10)
        rate = throughput(triage_step, port, clients, seconds)
        hello_rate = throughput(hello_step, hello_port, clients, seconds)
    step, hello = statistics.median(mine), statistics.median(base)
    print(
        f"one step (POST an answer, 303, GET the next page of {size} bytes; "
        f"baseline page {hello_size} bytes), {len(mine)} runs each, one worker:"
    )
    print(f"  triage serve   median {step * 1000:7.2f} ms")
    print(f"  hello Starlette median {hello * 1000:6.2f} ms")
    print(f"  ratio {step / hello:.2f}x (goal <= {STEP_GOAL}x)")
    print(f"throughput, {clients} clients for {seconds:g} s each:")
    print(f"  triage serve   {rate:8.1f} steps/s")
    print(f"  hello Starlette {hello_rate:7.1f} steps/s")
    print(f"  ratio {hello_rate / rate:.2f}x slower (goal <= {STEP_GOAL}x)")


# ------------------------------------------------------------------ load


def resident(pid: int) -> int:
    """The resident size of a process, in kB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def walker(port: int, answers: list[dict[str, object]], stop: float, found: dict) -> None:
    """One visitor walking to a result again and again until `stop`."""
    from triage.deciding.loaded import load

    rules = load(None, verify=False).rules
    visitor = Visitor(port)
    turn = 0
    while time.monotonic() < stop:
        scenario = answers[turn % len(answers)]
        turn += 1
        try:
            status, where, _page = timed_send(visitor, found, "POST", "/start", [("lang", "en")])
            while where and where.startswith("/step/") and time.monotonic() < stop:
                status, _where, page = timed_send(visitor, found, "GET", where)
                question = rules.question(hidden(page, "question"))
                form = [("csrf", hidden(page, "csrf")), ("question", question.id)]
                form += fields(question.type, scenario.get(question.id))
                status, where, _page = timed_send(visitor, found, "POST", where, form)
                if status != 303:
                    found["errors"].append(f"{status} at {question.id}")
                    break
            if where == "/result":
                status, _where, page = timed_send(visitor, found, "GET", "/result")
                if status != 200 or "data-outcome" not in page:
                    found["errors"].append(f"result {status}")
                found["walks"] += 1
        except (OSError, http.client.HTTPException, AssertionError) as error:
            found["errors"].append(repr(error))
            visitor = Visitor(port)


def timed_send(visitor: Visitor, found: dict, method: str, path: str, form=None):
    start = time.perf_counter()
    answer = visitor.send(method, path, form)
    found["latencies"].append(time.perf_counter() - start)
    return answer


def part_load(clients: int, seconds: float) -> None:
    env = environment()
    argv, port = triage_server(env)
    answers = scenarios()
    found: dict = {"latencies": [], "errors": [], "walks": 0}
    memory: list[int] = []
    with server(argv, port, "/healthz", env) as pid:
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=walker, args=(port, answers[i:] + answers[:i], stop, found))
            for i in range(clients)
        ]
        for thread in threads:
            thread.start()
        while time.monotonic() < stop:
            memory.append(resident(pid))
            time.sleep(1)
        for thread in threads:
            thread.join()
    latencies = sorted(found["latencies"])
    p50 = latencies[len(latencies) // 2] if latencies else 0.0
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else 0.0
    settled = memory[min(5, len(memory) - 1)] if memory else 0
    last = memory[-1] if memory else 0
    flat = bool(settled) and last <= settled * 1.2
    print(f"load: {clients} clients walking to a result for {seconds:g} s, one worker")
    print(
        f"  requests {len(latencies)}, walks completed {found['walks']}, "
        f"errors {len(found['errors'])}"
    )
    for error in found["errors"][:5]:
        print(f"    {error}")
    print(f"  latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(
        f"  memory (resident) after 5 s {settled / 1024:.1f} MiB, at the end "
        f"{last / 1024:.1f} MiB, peak {max(memory, default=0) / 1024:.1f} MiB: "
        f"{'flat' if flat else 'GROWING'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["step", "load", "all"], default="all")
    parser.add_argument("--runs", type=int, default=200, help="timed steps per server")
    parser.add_argument("--step-clients", type=int, default=4)
    parser.add_argument("--step-seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    options = parser.parse_args()
    if options.part in ("step", "all"):
        part_step(max(options.runs, 10), options.step_clients, options.step_seconds)
    if options.part in ("load", "all"):
        part_load(options.clients, options.seconds)


if __name__ == "__main__":
    main()
