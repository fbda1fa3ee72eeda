#!/usr/bin/env python3
"""Issue 19's server figures: `cse serve` on a synthetic registry (10,000 signals by default), measured with wrk.

Prints requests per second and latency percentiles for one signal resource, a filtered list page and a bulk
lookup of 1,000 IDs, the time to compile and start, and the server's resident memory. wrk and the server
share this machine's cores, so the figures are a floor for a server on its own machine.

    swift build -c release --product cse && python3 Scripts/bench-serve.py [--signals N] [--duration S]

With --watch-edits N it measures `cse serve --watch` instead: N edits of one signal.yaml, each timed from the
write until the signal's API resource and its page both carry the edit (median and p95). --registry PATH copies
that registry (for example `.`, this repository) instead of generating a synthetic one.

wrk comes from Debian's packages; the script installs it with apt-get when it is missing.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("installing wrk (apt-get)", file=sys.stderr)
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def wrk(url, duration, connections, script=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) / 1024


def watch_latency(cse, registry, work, port, edits):
    """Seconds from each write of one signal.yaml until the server answers with the edit, page and API."""
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([cse, "serve", registry, "--port", str(port), "--watch", "--data", os.path.join(work, "watch-data")],
                              stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    if "serving" not in line:
        sys.exit(f"cse serve --watch did not start: {line}{server.stderr.read()}")
    try:
        signal = json.load(urllib.request.urlopen(f"{base}/v1/signals?per_page=1"))["data"][0]
        path = None
        for folder, _, files in os.walk(os.path.join(registry, "signals")):
            if os.path.basename(folder) == signal["id"]:
                path = os.path.join(folder, "signal.yaml")
        original = open(path).read()
        page = f"{base}/signals/{signal['domain']}/{signal['category']}/{signal['id']}/"
        times = []
        for i in range(edits):
            marker = f"watch edit {i} {time.time_ns()}"
            text = re.sub(r"^(canonical_name: .*)$", lambda m: m.group(1).split(" [")[0] + f" [{marker}]", original, count=1, flags=re.M)
            # Let the previous rebuild settle, so each edit is timed alone.
            time.sleep(0.3)
            written = time.perf_counter()
            with open(path, "w") as f:
                f.write(text)
            deadline = written + 120
            while time.perf_counter() < deadline:
                try:
                    api = urllib.request.urlopen(f"{base}/v1/signals/{signal['id']}").read().decode()
                    html = urllib.request.urlopen(page).read().decode() if marker in api else ""
                    if marker in html:
                        break
                except OSError:
                    pass
                time.sleep(0.005)
            else:
                sys.exit(f"edit {i} was not served within 120 s")
            times.append(time.perf_counter() - written)
        with open(path, "w") as f:
            f.write(original)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--signals", type=int, default=10000)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--cse", default=os.path.join(REPO, ".build/release/cse"))
    ap.add_argument("--port", type=int, default=18480)
    ap.add_argument("--watch-edits", type=int, default=0, metavar="N")
    ap.add_argument("--registry", metavar="PATH", help="measure a copy of this registry instead of a synthetic one")
    args = ap.parse_args()
    if not os.path.exists(args.cse):
        sys.exit(f"{args.cse} not found: run `swift build -c release --product cse` first")
    work = tempfile.mkdtemp(prefix="cse-bench-serve-")
    try:
        registry = os.path.join(work, "registry")
        if args.registry:
            shutil.copytree(args.registry, registry, ignore=shutil.ignore_patterns(".build*", ".git", "_site", ".cse-serve", "node_modules"))
        else:
            subprocess.run([sys.executable, os.path.join(HERE, "bench.py"), "--signals", str(args.signals), "--generate-only", registry],
                           check=True, capture_output=True)
        if args.watch_edits:
            times = sorted(watch_latency(args.cse, registry, work, args.port, args.watch_edits))
            p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
            print(f"cse serve --watch on {args.registry or f'{args.signals} synthetic signals'}: {len(times)} edits of one signal.yaml, "
                  f"write → page and API served: median {times[len(times) // 2] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                  f"min {times[0] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
            return
        ensure_wrk()
        base = f"http://127.0.0.1:{args.port}"
        started = time.perf_counter()
        server = subprocess.Popen([args.cse, "serve", registry, "--port", str(args.port), "--data", os.path.join(work, "data")],
                                  stderr=subprocess.PIPE, text=True)
        line = server.stderr.readline()
        startup = time.perf_counter() - started
        if "serving" not in line:
            sys.exit(f"cse serve did not start: {line}{server.stderr.read()}")
        try:
            signals = json.load(urllib.request.urlopen(f"{base}/v1/signals?per_page=100"))["data"]
            domain = signals[0]["domain"]
            one = signals[len(signals) // 2]["id"]
            ids = [s["id"] for s in json.load(urllib.request.urlopen(f"{base}/v1/signals?per_page=100&page=2"))["data"]]
            ids = (ids * 10)[:1000]
            body = json.dumps({"ids": ids})
            script = os.path.join(work, "bulk.lua")
            with open(script, "w") as f:
                f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[' + body + ']]\n')
            print(f"registry: {args.signals} synthetic signals; machine: {os.cpu_count()} cores shared by wrk (2 threads, "
                  f"{args.connections} connections) and the server; {args.duration} s per run")
            print(f"cse serve: compiled and listening in {startup:.2f} s; resident memory {rss_mb(server.pid):.0f} MB")
            for label, url, conns, lua in [
                ("GET one signal resource", f"{base}/v1/signals/{one}", args.connections, None),
                ("GET /v1/signals?domain=X&page=N", f"{base}/v1/signals?domain={domain}&page=3", args.connections, None),
                ("POST /v1/signals/bulk, 1,000 IDs", f"{base}/v1/signals/bulk", 4, script),
            ]:
                rps, p50, p99, errors = wrk(url, args.duration, conns, lua)
                print(f"{label}: {rps:,.0f} requests/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms"
                      + (f", {errors} non-2xx" if errors else ""))
            print(f"resident memory after the runs: {rss_mb(server.pid):.0f} MB")
        finally:
            server.terminate()
            server.wait(timeout=30)
            print(f"SIGTERM: exit status {server.returncode}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
