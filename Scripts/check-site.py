#!/usr/bin/env python3
"""Opens the built HTML site in headless Chromium and checks it as a person would.

Serves --site with `python3 -m http.server` on 127.0.0.1, then for each key page: loads it with no
console errors (browser log level SEVERE), checks landmarks and a single h1; on the search page types a
partial signal name and expects a result that leads to the signal; on a signal page expects its mappings
table; saves screenshots at desktop (1280x900) and phone (390x844) widths. Basic accessibility on every
key page: landmarks, one h1, headings in order (no skipped level), a label for every form field, and WCAG AA
text contrast (4.5:1, computed from the rendered colours) in both the light and the dark colour scheme.
Also checks the document with an HTML tag-balance parser. Over the whole site, not just the key pages: every
link and anchor (href, src) in every HTML file resolves to a file of the build and, with a fragment, to an
element with that id; and the Nu Html Checker (vnu.jar, --vnu) reports no error and no warning.
Prints `N passed, N failed` and exits 1 on any failure.
Usage: python3 Scripts/check-site.py --site .build/site-check [--screenshots DIR] [--vnu path/to/vnu.jar]
"""
import argparse, glob, html.parser, os, socket, subprocess, sys, time, urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from axe_core_python.selenium import Axe

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass


class Links(html.parser.HTMLParser):
    """The ids a page defines and the URLs it refers to (href and src of any element)."""

    def __init__(self):
        super().__init__()
        self.ids, self.urls = set(), []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("id", "name") and value and (key == "id" or tag == "a"):
                self.ids.add(value)
            elif key in ("href", "src") and value is not None:
                self.urls.append(value)

    handle_startendtag = handle_starttag


def broken_links(site):
    """Every relative or root-relative URL in every HTML file of the site that does not reach a file of the
    build, or whose fragment names no element of its page. External (scheme) URLs are counted, not fetched."""
    pages, parsed = sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True)), {}

    def page(path):
        if path not in parsed:
            p = Links()
            with open(path, encoding="utf-8") as f:
                p.feed(f.read())
            parsed[path] = p
        return parsed[path]

    broken, checked, external = [], 0, 0
    for path in pages:
        for url in page(path).urls:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or parts.netloc:
                external += parts.scheme in ("http", "https")
                continue
            checked += 1
            if parts.path.startswith("/"):
                target = os.path.join(site, urllib.parse.unquote(parts.path).lstrip("/"))
            elif parts.path:
                target = os.path.join(os.path.dirname(path), urllib.parse.unquote(parts.path))
            else:
                target = path
            target = os.path.normpath(target)
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            where = f"{os.path.relpath(path, site)}: {url}"
            if not target.startswith(site + os.sep) or not os.path.isfile(target):
                broken.append(where)
            elif parts.fragment and target.endswith(".html") and urllib.parse.unquote(parts.fragment) not in page(target).ids:
                broken.append(where + " (no such anchor)")
    return len(pages), checked, external, broken


def vnu_findings(jar, site):
    """The Nu Html Checker's errors and warnings over every HTML file of the site, one line each."""
    run = subprocess.run(["java", "-jar", jar, "--skip-non-html", "--format", "gnu", site], capture_output=True, text=True)
    lines = [l for l in (run.stdout + run.stderr).splitlines() if l.strip()]
    if run.returncode != 0 and not lines:
        lines = [f"vnu exited {run.returncode}"]
    return lines


class Checker:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")


# Runs in the page: every element that directly holds visible text, its colour against the first opaque
# background among its ancestors, as WCAG 2 contrast ratios. Returns the failures (at most 5).
CONTRAST_JS = """
function lum(c) {
  const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
  const p = m[1].split(',').map(Number);
  if (p.length > 3 && p[3] === 0) return null;
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(p[0]) + 0.7152 * f(p[1]) + 0.0722 * f(p[2]);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const l = lum(getComputedStyle(e).backgroundColor);
    if (l !== null) return l;
  }
  return 1;
}
const failures = []; let checked = 0;
for (const el of document.querySelectorAll('body *')) {
  if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const st = getComputedStyle(el);
  if (st.visibility === 'hidden' || parseFloat(st.opacity) === 0) continue;
  const fg = lum(st.color); if (fg === null) continue;
  const bg = background(el);
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  checked++;
  if (ratio < 4.5 && failures.length < 5) failures.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + ratio.toFixed(2) + ':1 "' + el.textContent.trim().slice(0, 30) + '"');
}
return [checked, failures];
"""

HEADINGS_JS = """
const levels = Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]));
const bad = [];
levels.forEach((l, i) => { if (i === 0 ? l !== 1 : l > levels[i - 1] + 1) bad.push((i ? 'h' + levels[i - 1] : 'start') + ' then h' + l); });
return bad;
"""

LABELS_JS = """
return Array.from(document.querySelectorAll('input:not([type=hidden]),select,textarea')).filter(el =>
  !(el.id && document.querySelector('label[for="' + el.id + '"]')) && !el.closest('label') &&
  !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')).map(el => el.outerHTML.slice(0, 60));
"""


def color_scheme(d, scheme):
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def driver():
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for binary in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(binary):
            options.binary_location = binary
            break
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    drv = webdriver.Chrome(options=options, service=service)
    # axe-core took two minutes on a 545 KB crosswalk page, past Selenium's default 120 s for one command;
    # crosswalk pages now hold 300 rows (under 300 KB), and the bound stays for a registry's larger pages.
    drv.command_executor.client_config.timeout = 600
    return drv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--screenshots", default=".build/site-screenshots")
    ap.add_argument("--vnu", help="vnu.jar, the Nu Html Checker: run over every HTML file of the site")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    os.makedirs(args.screenshots, exist_ok=True)
    signal_pages = sorted(glob.glob(os.path.join(site, "signals", "*", "*", "*", "index.html")))
    if not signal_pages:
        sys.exit(f"no signal pages under {site}: build with the 'html' output first")
    signal_page = os.path.relpath(signal_pages[0], site)
    framework_page = os.path.relpath(sorted(glob.glob(os.path.join(site, "frameworks", "*", "index.html")))[0], site)
    pages = {
        "home": "index.html", "signal": signal_page, "framework": framework_page, "search": "search/index.html",
        "domain": os.path.relpath(sorted(glob.glob(os.path.join(site, "domains", "*", "index.html")))[0], site),
        "crosswalks": "crosswalks/index.html", "signals": "signals/index.html",
        # A static filter page (the Signals page's filters without JavaScript).
        "signals-severity": os.path.relpath(sorted(glob.glob(os.path.join(site, "signals", "severity", "*", "index.html")))[0], site),
        "category": os.path.relpath(sorted(glob.glob(os.path.join(site, "domains", "*", "*", "index.html")))[0], site),
        # A control with parentheses in its ID, when the registry has one.
        "control": os.path.relpath(
            (sorted(glob.glob(os.path.join(site, "controls", "*", "*(*", "index.html"))) or sorted(glob.glob(os.path.join(site, "controls", "*", "*", "index.html"))))[0],
            site),
        "crosswalk": os.path.relpath(max(glob.glob(os.path.join(site, "crosswalks", "*--*", "index.html")), key=os.path.getsize), site),
        "releases": "releases/index.html", "gap-analysis": "gap-analysis/index.html",
        "spec": os.path.relpath(sorted(glob.glob(os.path.join(site, "spec", "**", "index.html"), recursive=True))[0], site),
        "not-found": "404.html",
    }
    c = Checker()
    for name, rel in pages.items():
        b = Balance()
        with open(os.path.join(site, rel), encoding="utf-8") as f:
            b.feed(f.read())
        c.check(f"{name}: tags balanced", not b.problems and not b.stack, "; ".join(b.problems[:3]) + (f" unclosed {b.stack}" if b.stack else ""))

    count, checked, external, broken = broken_links(site)
    c.check(f"links: {checked} relative links and anchors in {count} HTML files resolve ({external} external not fetched)",
            checked > 0 and not broken, f"{len(broken)} broken: " + "; ".join(broken[:5]))
    if args.vnu:
        findings = vnu_findings(args.vnu, site)
        c.check(f"vnu: no error or warning in {count} HTML files", not findings, f"{len(findings)}: " + "; ".join(findings[:5]))
    else:
        print("skip vnu: no --vnu jar given")

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", site],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = None
    try:
        time.sleep(0.8)
        d = driver()
        base = f"http://127.0.0.1:{port}/"
        for name, rel in pages.items():
            d.set_window_size(1280, 900)
            d.get(base + rel)
            WebDriverWait(d, 10).until(lambda x: x.execute_script("return document.readyState") == "complete")
            errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
            c.check(f"{name}: no console errors", not errors, str(errors[:2]))
            landmarks = all(d.find_elements(By.CSS_SELECTOR, sel) for sel in ("header", "nav", "main", "footer"))
            c.check(f"{name}: header, nav, main and footer", landmarks)
            c.check(f"{name}: one h1", len(d.find_elements(By.TAG_NAME, "h1")) == 1)
            bad = d.execute_script(HEADINGS_JS)
            c.check(f"{name}: headings in order", not bad, "; ".join(bad[:3]))
            # axe-core (axe-core-python's bundled 4.4): no serious or critical finding.
            d.set_script_timeout(300)
            found = Axe().run(d)
            severe = [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x)" for v in found.get("violations", []) if v.get("impact") in ("serious", "critical")]
            c.check(f"{name}: axe-core finds nothing serious or critical", not severe, "; ".join(severe[:4]))
            unlabelled = d.execute_script(LABELS_JS)
            c.check(f"{name}: every form field has a label", not unlabelled, "; ".join(unlabelled[:3]))
            for scheme in ("light", "dark"):
                color_scheme(d, scheme)
                checked, low = d.execute_script(CONTRAST_JS)
                c.check(f"{name}: text contrast at least 4.5:1 ({scheme}, {checked} elements)", checked > 0 and not low, "; ".join(low))
            d.save_screenshot(os.path.join(args.screenshots, f"{name}-desktop-dark.png"))
            color_scheme(d, "light")
            d.save_screenshot(os.path.join(args.screenshots, f"{name}-desktop.png"))
            d.set_window_size(390, 844)
            time.sleep(0.2)
            width = d.execute_script("return document.documentElement.scrollWidth")
            c.check(f"{name}: no horizontal scrolling at 390 px", width <= 392, f"page is {width} px wide")
            d.save_screenshot(os.path.join(args.screenshots, f"{name}-phone.png"))
            color_scheme(d, "dark")
            d.save_screenshot(os.path.join(args.screenshots, f"{name}-phone-dark.png"))
            color_scheme(d, "light")

        # The signal page shows its mappings.
        d.set_window_size(1280, 900)
        d.get(base + signal_page)
        rows = d.find_elements(By.CSS_SELECTOR, "#mappings ~ .table-wrap table.mappings tbody tr")
        c.check("signal page lists its mappings", len(rows) > 0, "no mapping rows")

        # The signals page filters its rows: from the query string on load, then as a select changes.
        d.get(base + "signals/index.html")
        WebDriverWait(d, 10).until(lambda x: x.execute_script("return document.readyState") == "complete")
        total = len(d.find_elements(By.CSS_SELECTOR, "table[data-filter-table] tbody tr"))
        domain = d.execute_script("return document.querySelector('table[data-filter-table] tbody tr').dataset.domain")
        expected = d.execute_script(
            "return document.querySelectorAll('table[data-filter-table] tbody tr[data-domain=\"' + arguments[0] + '\"]').length", domain)
        d.get(base + "signals/index.html?domain=" + domain)
        WebDriverWait(d, 10).until(lambda x: x.execute_script("return document.readyState") == "complete")
        shown = d.execute_script("return document.querySelectorAll('table[data-filter-table] tbody tr:not([hidden])').length")
        c.check(f"signals page: ?domain={domain} shows its {expected} of {total} signals", shown == expected and 0 < expected < total,
                f"{shown} shown")
        Select(d.find_element(By.ID, "f-severity")).select_by_value("high")
        both = d.execute_script(
            "return document.querySelectorAll('table[data-filter-table] tbody tr[data-domain=\"' + arguments[0] + '\"][data-severity=\"high\"]').length", domain)
        shown = d.execute_script("return document.querySelectorAll('table[data-filter-table] tbody tr:not([hidden])').length")
        count = d.find_element(By.CSS_SELECTOR, "[data-filter-count]").text
        c.check("signals page: choosing a severity narrows the rows and the count", shown == both and count.startswith(str(both)),
                f"{shown} shown, count '{count}', expected {both}")
        c.check("signals page: the filter is in the URL", "severity=high" in d.current_url, d.current_url)

        # Without the script the filters are pages: the severity link leads to exactly that severity's rows.
        d.get(base + pages["signals-severity"])
        WebDriverWait(d, 10).until(lambda x: x.execute_script("return document.readyState") == "complete")
        severity = pages["signals-severity"].split("/")[2]
        values = d.execute_script("return Array.from(document.querySelectorAll('table[data-filter-table] tbody tr')).map(r => r.dataset.severity)")
        c.check(f"static filter page lists only severity {severity}", values and set(values) == {severity}, f"{sorted(set(values or []))}")
        d.get(base + signal_page)

        # Search by a partial name, from the search page and from the header box of another page.
        signal_name = d.find_element(By.TAG_NAME, "h1").text
        signal_id = d.find_element(By.CSS_SELECTOR, "code.signal-id").text
        partial = " ".join(signal_name.split()[1:3]).lower() or signal_name.lower()
        d.get(base + "search/index.html?q=" + partial.replace(" ", "+"))
        WebDriverWait(d, 10).until(lambda x: x.find_elements(By.CSS_SELECTOR, "#search-results li a"))
        links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "#search-results li a")]
        c.check(f"search page finds '{partial}'", any(signal_id in h for h in links), f"{len(links)} results")
        d.save_screenshot(os.path.join(args.screenshots, "search-results-desktop.png"))

        d.get(base + "index.html")
        box = d.find_element(By.CSS_SELECTOR, "[data-search-input]")
        box.send_keys(partial)
        WebDriverWait(d, 10).until(lambda x: x.find_elements(By.CSS_SELECTOR, "[data-search-results] li a"))
        first = d.find_elements(By.CSS_SELECTOR, "[data-search-results] li a")
        hit = next((a for a in first if signal_id in a.get_attribute("href")), None)
        c.check("header search finds the signal by partial name", hit is not None)
        d.save_screenshot(os.path.join(args.screenshots, "search-popup-desktop.png"))
        if hit is not None:
            hit.click()
            WebDriverWait(d, 10).until(lambda x: signal_id in x.current_url)
            c.check("search result opens the signal page", d.find_element(By.TAG_NAME, "h1").text == signal_name)

        # A search by ID and by control ID.
        d.get(base + "search/index.html?q=" + signal_id)
        WebDriverWait(d, 10).until(lambda x: x.find_elements(By.CSS_SELECTOR, "#search-results li a"))
        top = d.find_elements(By.CSS_SELECTOR, "#search-results li a")[0].get_attribute("href")
        c.check("search by exact ID ranks the signal first", signal_id in top)

        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
        c.check("no console errors while searching", not errors, str(errors[:2]))
    except Exception as e:  # a crash is one failure with its reason, not a traceback without a summary
        c.check("browser session", False, repr(e)[:300])
    finally:
        if d is not None:
            d.quit()
        server.terminate()
        server.wait()
    print(f"screenshots in {os.path.abspath(args.screenshots)}")
    print(f"{c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
