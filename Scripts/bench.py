#!/usr/bin/env python3
"""Benchmark: generates a synthetic registry of N signals and times `cse validate` and `cse build` on it.

Each signal is ~1 KB of YAML with a mappings file and a ~1.5 KB README, mapped to a 12-framework catalog
set copied from this repository. Prints wall time and peak memory (max RSS) of each command, best and
median of --runs (builds go into a fresh folder each time, as in CI; one rebuild over the previous output
is timed as well): `cse validate`, then `cse build` with the release outputs, with the compute documents added, with
the API added, with the site added, and with everything (the compute stage's, the API's and the site's costs
are printed as what they add). The builds run in rounds, each round building every set of outputs once, so
that what a stage adds is measured between runs made seconds apart. Usage: python3 Scripts/bench.py [--signals 10000] [--runs 3] [--cse .build/release/cse]

--clone grows the registry from this repository's own signals instead (real READMEs, mappings, links and
crosswalk density: realistic content). --hugo then times `cse validate` and compares the full `cse build`
with Hugo (Debian's `hugo`) building the same signals' pages, run by run, and prints the ratio:
    python3 Scripts/bench.py --clone --hugo --signals 10000 --runs 5
No thresholds here: machines are noisy; the numbers are for people to read.
"""
import argparse, json, os, random, re, shutil, subprocess, sys, tempfile, time, resource

DOMAINS = ["CMMC", "HIPAA", "GDPR", "PCIDSS", "SOC2", "ISO27001", "HITRUST", "FEDRAMP", "NISTCSF", "CIS", "CCPA", "GEN"]
CATEGORIES = ["ACCESS", "AUDIT", "CRYPTO", "NETWORK", "DATA", "CONFIG", "VULN", "INCIDENT"]
WORDS = ("storage account database bucket volume key rotation policy endpoint listener certificate audit log "
         "retention account privilege administrator session token password network segment firewall rule "
         "backup snapshot replica encryption transit rest configuration baseline image container pipeline").split()

def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

def control_ids(root):
    """A few real, not withdrawn control IDs per framework, read from this repository's catalogs."""
    ids = {}
    for code in sorted(os.listdir(os.path.join(root, "frameworks"))):
        path = os.path.join(root, "frameworks", code, "controls.yaml")
        found = []
        for line in open(path, encoding="utf-8"):
            s = line.strip()
            # Families are listed at the top level; controls are nested inside them.
            if s.startswith("- id:") and len(line) - len(line.lstrip()) >= 4:
                found.append(s[5:].strip().strip('"').strip("'"))
            elif s == "withdrawn: true" and found:
                found.pop()  # a withdrawn control is refused as a mapping target
        ids[code] = found[:60]
    return ids

def regimes(root):
    """The domain of each framework that governs one regime's data (framework.yaml has regime_scope)."""
    out = {}
    for code in sorted(os.listdir(os.path.join(root, "frameworks"))):
        lines = open(os.path.join(root, "frameworks", code, "framework.yaml"), encoding="utf-8").read().splitlines()
        if any(l.startswith("regime_scope:") for l in lines):
            out[code] = next((l.split(":", 1)[1].strip() for l in lines if l.startswith("domain:")), code)
    return out

def generate(out, n, repo, seed=1):
    """A synthetic registry of n signals: short random text, mappings spread over 60 controls per framework."""
    rng = random.Random(seed)
    shutil.copytree(os.path.join(repo, "frameworks"), os.path.join(out, "frameworks"))
    for extra in ("templates", "artifact-types"):  # tools/ names real signals, absent here
        if os.path.isdir(os.path.join(repo, extra)):
            shutil.copytree(os.path.join(repo, extra), os.path.join(out, extra))
    controls = control_ids(repo)
    codes = sorted(controls)
    regime = regimes(repo)
    with open(os.path.join(out, "cse.yaml"), "w") as f:
        f.write("registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\n"
                "outputs: [bundle, signals, mappings, schemas, compute, api, html]\n")
    for i in range(n):
        domain = DOMAINS[i % len(DOMAINS)]
        category = CATEGORIES[(i // len(DOMAINS)) % len(CATEGORIES)]
        # Serial in two 3-digit parts: the finding format (API finding templates) allows only 3-digit serials.
        sid = f"CSE-{domain}-{category}-SYNTHETIC-CONDITION-{i // 1000:03d}-{i % 1000:03d}"
        folder = os.path.join(out, "signals", domain, category, sid)
        os.makedirs(folder)
        with open(os.path.join(folder, "signal.yaml"), "w") as f:
            f.write(f"""id: {sid}
canonical_name: Synthetic Condition {i:05d}
description: >-
  {sentence(rng, 24)} {sentence(rng, 18)}
domain: {domain}
category: {category}
applicability: {sentence(rng, 12)}
introduced_in: 1.0.0
status: active
tags: [synthetic, {rng.choice(WORDS)}]
metadata:
  suggested_severity: {rng.choice(['critical', 'high', 'medium', 'low'])}
  risk_domains: [data-protection, {rng.choice(['access-control', 'logging', 'encryption'])}]
  artifact_types: [cloud_resource, configuration]
  detection_notes: >-
    {sentence(rng, 30)}
  sources:
    - url: https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final
      type: standard
      title: NIST SP 800-53 Rev. 5
      authority: NIST
""")
        with open(os.path.join(folder, "mappings.yaml"), "w") as f:
            f.write("mappings:\n")
            for code in rng.sample(codes, 3):
                control = rng.choice(controls[code])
                relationship = rng.choice(['subset', 'intersects', 'related'])
                # The scope rule: a signal of one regime relates to another regime's controls only as related.
                if code in regime and regime[code] != domain and domain in regime.values():
                    relationship = 'related'
                f.write(f"""  - framework: {code}
    control: "{control}"
    relationship: {relationship}
    provenance: expert
    confidence: 0.85
    justification: {sentence(rng, 10)}
""")
        with open(os.path.join(folder, "README.md"), "w") as f:
            f.write(f"# {sid}\n\n## What it is\n\n{' '.join(sentence(rng, 20) for _ in range(4))}\n\n"
                    f"## How it is detected\n\n{' '.join(sentence(rng, 20) for _ in range(4))}\n\n"
                    f"## Examples\n\n```yaml\nencryption: disabled\n```\n")

ID = re.compile(r"\bCSE-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]{3,}\b")

def signal_folders(repo):
    """This repository's signal folders (domain, category, ID), sorted."""
    root = os.path.join(repo, "signals")
    return [(d, c, s) for d in sorted(os.listdir(root)) for c in sorted(os.listdir(os.path.join(root, d)))
            for s in sorted(os.listdir(os.path.join(root, d, c))) if ID.fullmatch(s)]

def clone_id(sid, k, per):
    """The ID of copy k of a signal (copy 0 is the signal itself). Serials are unique within a category and
    have three digits, so a category holds `per` copies of its signals (serial + copy * stride) and further
    copies go to categories `<CATEGORY>X<n>`; `C<k>` before the serial keeps IDs apart."""
    if k == 0:
        return sid
    parts = sid.split("-")
    domain, category, serial = parts[1], parts[2], int(parts[-1])
    stride = 1000 // per
    if k // per:
        category += f"X{k // per}"
    return "-".join(["CSE", domain, category, *parts[3:-1], f"C{k}", f"{(k % per) * stride + serial:03d}"])

def generate_clone(out, n, repo):
    """A registry of n signals grown from this repository's own: its catalogs, crosswalks, tools, artifact
    types, templates and configuration, and its signals copied until there are n (real READMEs, mappings,
    GEN-parent links and crosswalk density). Copy k renames every signal ID it contains to copy k's ID, so
    that each copy's links stay within the copy (an ID the last, partial copy lacks stays the original's),
    and marks its name as copy k (names are unique); tools/ names copy 0, the signals as they are."""
    for extra in ("frameworks", "crosswalks", "tools", "artifact-types", "templates"):
        if os.path.isdir(os.path.join(repo, extra)):
            shutil.copytree(os.path.join(repo, extra), os.path.join(out, extra))
    shutil.copy(os.path.join(repo, "cse.yaml"), os.path.join(out, "cse.yaml"))
    folders = signal_folders(repo)
    texts = {}
    for d, c, s in folders:
        src = os.path.join(repo, "signals", d, c, s)
        texts[(d, c, s)] = {f: open(os.path.join(src, f), encoding="utf-8").read() for f in sorted(os.listdir(src))}
    per = 1000 // (max(int(s.rsplit("-", 1)[1]) for _, _, s in folders) + 1)
    copies = -(-n // len(folders))
    for k in range(copies):
        chosen = folders if (k + 1) * len(folders) <= n else folders[: n - k * len(folders)]
        made = {s: clone_id(s, k, per) for _, _, s in chosen}
        rename = lambda m: made.get(m.group(0), m.group(0))
        for d, c, s in chosen:
            sid = made[s]
            folder = os.path.join(out, "signals", d, sid.split("-")[2], sid)
            os.makedirs(folder)
            for name, text in texts[(d, c, s)].items():
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    if k:
                        text = ID.sub(rename, text)
                        text = re.sub(r"(?m)^(canonical_name: )(.*)$", lambda m: f"{m.group(1)}{m.group(2)} (copy {k})",
                                      text, count=1)
                        text = re.sub(r"(?m)^(category: ).*$", lambda m: m.group(1) + sid.split("-")[2], text, count=1)
                    f.write(text)

HUGO_CONFIG = """baseURL = "https://cse-registry.org/"
title = "CSE Registry"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
paginate = 50
[taxonomies]
  domain = "domains"
  framework = "frameworks"
[outputs]
  page = ["HTML", "JSON"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body><header><a href="/">{{ .Site.Title }}</a> <a href="/signals/">Signals</a> <a href="/frameworks/">Frameworks</a></header>
<main>{{ block "main" . }}{{ end }}</main><footer>CSE Registry</footer></body></html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<p><code>{{ .Params.id }}</code> · {{ .Params.domain }} / {{ .Params.category }} · severity {{ .Params.severity }} · {{ .Params.status }}</p>
<p>{{ .Params.description }}</p>
<dl><dt>Applies to</dt><dd>{{ .Params.applicability }}</dd><dt>Detection</dt><dd>{{ .Params.detection }}</dd></dl>
<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>
<h2>Mappings</h2>
<table><thead><tr><th>Framework</th><th>Control</th><th>Relationship</th><th>Confidence</th><th>Justification</th></tr></thead><tbody>
{{ range .Params.mappings }}<tr><td><a href="/frameworks/{{ .framework | urlize }}/">{{ .framework }}</a></td><td>{{ .control }}</td><td>{{ .relationship }}</td><td>{{ .confidence }}</td><td>{{ .justification }}</td></tr>
{{ end }}</tbody></table>
{{ .Content }}
{{ with .Params.domains }}<p>Domain: {{ range . }}<a href="/domains/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>{{ end }}
{{ end }}
""",
    "_default/single.json": """{{ dict "id" .Params.id "name" .Title "description" .Params.description "domain" .Params.domain "category" .Params.category "severity" .Params.severity "tags" .Params.tags "mappings" .Params.mappings | jsonify }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
<table><tbody>{{ range $paginator.Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.id }}</a></td><td>{{ .Title }}</td><td>{{ .Params.severity }}</td><td>{{ .Params.description }}</td></tr>
{{ end }}</tbody></table>
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len (where .Site.RegularPages "Section" "signals") }} signals</p>{{ end }}
""",
}

def generate_hugo(registry, site):
    """A Hugo site of the same signals: one page per signal from its signal.yaml, mappings.yaml and README
    (HTML and JSON), the signal list paginated by 50, and two taxonomies (domains, frameworks) with their
    paginated term pages. Needs PyYAML (Debian's python3-yaml) to read the signals."""
    try:
        import yaml
    except ImportError:
        sys.exit("the Hugo comparison reads the signals with PyYAML: apt-get install python3-yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    for path, text in HUGO_LAYOUTS.items():
        os.makedirs(os.path.dirname(os.path.join(site, "layouts", path)), exist_ok=True)
        with open(os.path.join(site, "layouts", path), "w") as f:
            f.write(text)
    css = os.path.join(registry, "templates", "assets", "site.css")
    if os.path.exists(css):
        os.makedirs(os.path.join(site, "static", "assets"))
        shutil.copy(css, os.path.join(site, "static", "assets", "site.css"))
    content = os.path.join(site, "content", "signals")
    os.makedirs(content)
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write("---\ntitle: Signals\n---\n")
    root = os.path.join(registry, "signals")
    for d, c, sid in signal_folders(registry):
        folder = os.path.join(root, d, c, sid)
        name = "signal.yaml" if os.path.exists(os.path.join(folder, "signal.yaml")) else "signal.json"
        sig = yaml.load(open(os.path.join(folder, name), encoding="utf-8"), Loader=loader)
        maps = yaml.load(open(os.path.join(folder, "mappings.yaml"), encoding="utf-8"), Loader=loader) or {}
        mappings = [m for m in maps.get("mappings") or [] if "framework" in m]
        meta = sig.get("metadata") or {}
        readme = os.path.join(folder, "README.md")
        body = open(readme, encoding="utf-8").read() if os.path.exists(readme) else ""
        front = {
            "title": sig["canonical_name"], "id": sid, "description": sig.get("description", ""),
            "domain": d, "category": c, "status": sig.get("status", ""), "tags": sig.get("tags") or [],
            "severity": meta.get("suggested_severity", ""), "applicability": sig.get("applicability", ""),
            "detection": meta.get("detection_notes", ""), "domains": [d],
            "frameworks": sorted({m["framework"] for m in mappings}),
            "mappings": [{k: str(m.get(k, "")) for k in ("framework", "control", "relationship", "confidence", "justification")}
                         for m in mappings],
        }
        with open(os.path.join(content, sid.lower() + ".md"), "w", encoding="utf-8") as f:
            f.write(json.dumps(front, ensure_ascii=False, sort_keys=True) + "\n\n" + body)

def side_by_side(cse, registry, runs, tmp):
    """Full `cse build` (every output) against Hugo building the same signals' pages, alternating run by run
    (each into a fresh folder), and the ratio of their medians."""
    hugo = shutil.which("hugo")
    if hugo is None:
        print("Hugo comparison skipped: hugo is not installed (apt-get install hugo)")
        return
    site = os.path.join(tmp, "hugo-site")
    os.makedirs(site)
    t = time.perf_counter()
    generate_hugo(registry, site)
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"Hugo {version} site of the same signals generated in {time.perf_counter() - t:.1f} s")
    cse_out, hugo_out = os.path.join(tmp, "_cse"), os.path.join(tmp, "_hugo")
    cse_runs, hugo_runs = [], []
    for _ in range(runs):
        cse_runs.append(run_once([cse, "build", registry, "--output", cse_out], fresh=cse_out))
        hugo_runs.append(run_once([hugo, "--quiet", "-s", site, "-d", hugo_out], fresh=hugo_out))
    def tree(path):
        files = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
        return len(files), sum(os.path.getsize(f) for f in files) / 1e6
    med = lambda values: sorted(values)[len(values) // 2]
    c, h = med([r[0] for r in cse_runs]), med([r[0] for r in hugo_runs])
    for label, rs, out in (("cse build (every output)", cse_runs, cse_out), (f"hugo {version}", hugo_runs, hugo_out)):
        files, mb = tree(out)
        print(f"{label}: median {med([r[0] for r in rs]):.2f} s wall (best {min(rs)[0]:.2f} s), "
              f"peak {max(r[1] for r in rs):.0f} MB; {files} files, {mb:.1f} MB")
    print(f"ratio cse / Hugo (medians of {runs} alternating runs): {c / h:.2f}")

def run_once(cmd, fresh=None, ok=(0,)):
    """Wall time and peak memory (MB) of one run. With `fresh`, that folder (the build's output) is deleted
    first, outside the timing: the run is a build into a fresh folder, as in CI. `ok`: the exit statuses
    that are not failures (`cse diff` exits 1 when it finds changes)."""
    if fresh:
        shutil.rmtree(fresh, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/env", "time", "-f", "%M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024

def measure(cmd, runs):
    """Best wall time of `runs` runs and that run's peak memory, and the median wall time."""
    results = sorted(run_once(cmd) for _ in range(runs))
    return results[0][0], results[0][1], results[len(results) // 2][0]

def releases(cse, registry, runs):
    """Issue 18's figures: `cse release` against `cse build` of the outputs a release folder holds (bundle,
    mappings, schemas), interleaved round by round, each release cut from the same state (a first release,
    then 1% of the signals edited); and `cse diff` between two release folders and between a release folder
    and the sources."""
    root = registry + "-release"
    shutil.copytree(registry, root, symlinks=True)
    subprocess.run([cse, "release", root, "--version", "1.0.0", "--published-at", "2026-01-01T00:00:00Z"], check=True,
                   capture_output=True)
    first = root + "-1.0.0"
    shutil.copytree(os.path.join(root, "registry"), first)
    saved = {name: open(os.path.join(root, name), "rb").read() for name in ("cse.yaml", "CHANGELOG.md")}
    signals = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "signals")) for f in fs if f == "signal.yaml")
    for path in signals[::100]:
        text = open(path).read().replace("description: ", "description: Edited. ", 1)
        open(path, "w").write(text)
    def restore():
        shutil.rmtree(os.path.join(root, "registry"))
        shutil.copytree(first, os.path.join(root, "registry"))
        for name, data in saved.items():
            open(os.path.join(root, name), "wb").write(data)
    out = root + "-build"
    release_cmd = [cse, "release", root, "--bump", "minor", "--published-at", "2026-02-01T00:00:00Z"]
    build_cmd = [cse, "build", root, "--output", out, "--outputs", "bundle,mappings,schemas"]
    rel, bld = [], []
    for _ in range(runs):
        restore()
        rel.append(run_once(release_cmd))
        bld.append(run_once(build_cmd, fresh=out))
    second = root + "-1.1.0"
    shutil.copytree(os.path.join(root, "registry"), second)
    med = lambda values: sorted(values)[len(values) // 2]
    print(f"cse release (1% of signals edited, after 1.0.0): {min(rel)[0]:.2f} s wall, {min(rel)[1]:.0f} MB peak (best of {runs}; "
          f"median {med([r[0] for r in rel]):.2f} s); cse build of the same outputs {min(bld)[0]:.2f} s (median "
          f"{med([b[0] for b in bld]):.2f} s); the release adds {med([r[0] - b[0] for r, b in zip(rel, bld)]):+.2f} s (median of rounds)")
    for label, cmd in [("two release folders", [cse, "diff", first, second]),
                       ("a release folder and the sources", [cse, "diff", first, root])]:
        wall, rss, median = (lambda r: (r[0][0], r[0][1], r[len(r) // 2][0]))(sorted(run_once(cmd, ok=(0, 1)) for _ in range(runs)))
        print(f"cse diff ({label}): {wall:.2f} s wall, {rss:.0f} MB peak (best of {runs}; median {median:.2f} s)")
    for path in (root, first, second, out):
        shutil.rmtree(path, ignore_errors=True)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--signals", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cse", default=".build/release/cse")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--generate-only", metavar="DIR", help="write the registry to DIR and stop")
    ap.add_argument("--clone", action="store_true",
                    help="grow the registry by copying this repository's own signals instead of generating synthetic ones")
    ap.add_argument("--hugo", action="store_true",
                    help="time `cse validate`, then full `cse build` against Hugo on the same signals, alternating; print the ratio")
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if args.generate_only:
        os.makedirs(args.generate_only, exist_ok=True)
        (generate_clone if args.clone else generate)(args.generate_only, args.signals, repo)
        return
    cse = os.path.abspath(os.path.join(repo, args.cse))
    if not os.path.exists(cse):
        sys.exit(f"{cse} not found: run `swift build -c release --product cse` first")
    if shutil.which("time") is None and not os.path.exists("/usr/bin/time"):
        sys.exit("GNU time is needed for peak memory: apt-get install time")
    tmp = tempfile.mkdtemp(prefix="cse-bench-")
    try:
        t = time.perf_counter()
        (generate_clone if args.clone else generate)(tmp, args.signals, repo)
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(tmp, "signals")) for f in fs)
        kind = "cloned" if args.clone else "synthetic"
        print(f"{kind} registry: {args.signals} signals, {size / 1e6:.1f} MB of inputs, generated in {time.perf_counter() - t:.1f} s")
        print(f"machine: {os.cpu_count()} cores")
        wall, rss, median = measure([cse, "validate", tmp], args.runs)
        print(f"cse validate: {wall:.2f} s wall, {rss:.0f} MB peak (best of {args.runs}; median {median:.2f} s)")
        if args.hugo:
            side_by_side(cse, tmp, args.runs, tmp)
            return
        # Each issue's outputs, then what the API and the site add on top (the issues' targets are deltas).
        # The compute stage (issue 5) feeds both the API and the site, so each of them is also given as
        # what it adds to the release outputs with the compute documents.
        release = "bundle,signals,mappings,schemas"
        steps = [
            (release, "bundle, signals, mappings, schemas"),
            (release + ",compute", "+ compute"),
            (release + ",compute,api", "+ compute, api"),
            (release + ",compute,html", "+ compute, html"),
            (release + ",compute,api,html", "every output"),
        ]
        # Rounds: each round builds every step once, so that the host's drift (this VM's speed moves by 30%
        # within minutes) falls on all steps alike; what a step adds is also given as the median of its
        # per-round difference, which pairs runs made seconds apart.
        outs = [os.path.join(tmp, f"_site{i}") for i in range(len(steps))]
        builds = [[cse, "build", tmp, "--output", out, "--outputs", outputs] for out, (outputs, _) in zip(outs, steps)]
        runs = {outputs: [] for outputs, _ in steps}
        for _ in range(args.runs):
            for build, out, (outputs, _) in zip(builds, outs, steps):
                runs[outputs].append(run_once(build, fresh=out))
        def best(outputs):
            return min(runs[outputs])
        def median(values):
            values = sorted(values)
            return values[len(values) // 2]
        def adds(outputs, base):
            return (f"{best(outputs)[0] - best(base)[0]:+.2f} s best to best, "
                    f"{median([a[0] - b[0] for a, b in zip(runs[outputs], runs[base])]):+.2f} s median of rounds")
        for build, out, (outputs, label) in zip(builds, outs, steps):
            wall, rss = best(outputs)
            # The same build over its previous output, which it replaces (and deletes): a rebuild.
            rebuild, _ = run_once(build)
            files = sum(len(fs) for _, _, fs in os.walk(out))
            nbytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
            extra = ""
            if outputs == release + ",compute":
                extra = f"; adds {adds(outputs, release)} to the first line"
            elif outputs in (release + ",compute,api", release + ",compute,html"):
                extra = f"; adds {adds(outputs, release)} to the first line; {adds(outputs, release + ',compute')} to '+ compute'"
            print(f"cse build ({label}): {wall:.2f} s wall, {rss:.0f} MB peak (best of {args.runs} into a fresh "
                  f"folder; median {median([r[0] for r in runs[outputs]]):.2f} s; one rebuild over the previous output "
                  f"{rebuild:.2f} s); {files} files, {nbytes / 1e6:.1f} MB written{extra}")
            shutil.rmtree(out)
        releases(cse, tmp, args.runs)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp)

if __name__ == "__main__":
    main()
