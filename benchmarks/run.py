"""Measure mops at several catalog sizes, each next to its baseline, and print the tables.

    python benchmarks/run.py                       # 250, 2,000 and 8,000 tools (a long run)
    python benchmarks/run.py --sizes 250,2000      # chosen sizes
    python benchmarks/run.py --smoke               # 25 tools, one repeat: proves the runner works

For every size it writes a synthetic catalog (``generate.py``) and measures, in the same run:

* validate: ``validate()`` against a bare ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same
  files (median of several repeats, each in a fresh process; imports not counted);
* build: ``mkdocs build`` with the mops plugin against a bare Material build of the same pages
  as plain Markdown files with the same theme and navigation (``projects.py``), with the peak
  memory of the mops build, the site size and the search-index size per tool;
* live edit (one size, 2,000 tools by default): how long ``mkdocs serve`` takes to show a change
  to one tool's YAML, from saving the file to the page carrying the new text;
* Zensical (where it is installed; ``--no-zensical`` leaves it out): ``mops render`` of the
  catalog, then ``zensical build`` of the files (wall and CPU time, peak memory), and a one-page
  rebuild (one rendered page changed, Zensical's cache warm), next to the mops build above.

The tables are Markdown, ready for PERFORMANCE.md. Timings are not asserted anywhere: a
benchmark reports, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import generate
import projects
from measure import catalog_files, measure, run_command

from generator.progress import Progress

TARGETS = {"validate": 1.5, "build": 1.2, "build_seconds": 60, "peak_mb": 1024, "edit": 2.0}
SMOKE_SIZE = 25
EDITED_TOOL = "tool-00001"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def measure_validate(catalog: Path, repeats: int, label: str) -> dict:
    runs = {"yaml": [], "validate": []}
    with Progress(f"{label}: validate vs yaml.load", total=repeats) as progress:
        for _ in range(repeats):
            for work in runs:  # alternate, so both see the same machine load
                runs[work].append(measure(work, catalog))
            progress.advance()
    yaml_s, validate_s = (_median([r["seconds"] for r in runs[w]]) for w in runs)
    yaml_cpu, validate_cpu = (_median([r["cpu_seconds"] for r in runs[w]]) for w in runs)
    return {"files": len(catalog_files(catalog)), "yaml_s": yaml_s, "validate_s": validate_s,
            "validate_ratio": validate_s / yaml_s, "validate_cpu_ratio": validate_cpu / yaml_cpu}


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure_build(catalog: Path, bare: Path, tools: int, repeats: int, label: str) -> dict:
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean"]
    runs = {"bare": [], "mops": []}
    with Progress(f"{label}: bare build vs mops build", total=repeats) as progress:
        for _ in range(repeats):
            for name, project in (("bare", bare), ("mops", catalog)):
                runs[name].append(run_command([*mkdocs, "-f", str(project / "mkdocs.yml"),
                                               "-d", str(project / "site")]))
            progress.advance()
    site = catalog / "site"
    (bare_s, bare_cpu, _), (mops_s, mops_cpu, _) = (
        [_median([run[i] for run in runs[name]]) for i in range(3)] for name in runs)
    return {
        "pages": sum(1 for _ in site.rglob("index.html")),
        "bare_s": bare_s, "mops_s": mops_s, "build_ratio": mops_s / bare_s,
        "build_cpu_ratio": mops_cpu / bare_cpu,
        "peak_mb": max(run[2] for run in runs["mops"]),
        "site_kb_per_tool": _folder_bytes(site) / 1024 / tools,
        "search_kb_per_tool": (site / "search" / "search_index.json").stat().st_size / 1024 / tools,
    }


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def measure_zensical(catalog: Path, tools: int, repeats: int, label: str, work: Path) -> dict:
    """``mops render`` then ``zensical build`` of its files (each repeat from scratch), and a
    one-page rebuild with Zensical's cache warm."""
    out = work / f"zensical-{tools}"
    render = [sys.executable, "-m", "generator", "render", str(catalog), "--out", str(out),
              "--engine", "zensical"]
    build = [sys.executable, "-m", "zensical", "build", "-f", str(out / "mkdocs.yml")]
    runs: dict[str, list] = {"render": [], "build": [], "rebuild": []}
    page = out / "docs" / "tools" / f"{EDITED_TOOL}.md"
    with Progress(f"{label}: mops render + zensical build", total=repeats) as progress:
        for _ in range(repeats):
            runs["render"].append(run_command(render))  # replaces the last output whole
            runs["build"].append(run_command([*build, "--clean"], cwd=out,
                                             stdout=subprocess.DEVNULL))
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("\n# ", "\n# edited ", 1), encoding="utf-8")
            runs["rebuild"].append(run_command(build, cwd=out, stdout=subprocess.DEVNULL))
            progress.advance()
    median = {name: [_median([run[i] for run in values]) for i in range(3)]
              for name, values in runs.items()}
    return {
        "z_render_s": median["render"][0], "z_build_s": median["build"][0],
        "z_total_s": median["render"][0] + median["build"][0],
        "z_cpu_s": median["render"][1] + median["build"][1],
        "z_peak_mb": max(run[2] for run in runs["render"] + runs["build"]),
        "z_rebuild_s": median["rebuild"][0],
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page_text(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, wanted: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until the page at ``url`` contains ``wanted``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped with exit code {server.returncode}")
        text = _page_text(url)
        if text is not None and wanted in text:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show '{wanted}' within {timeout:.0f} s")


def _wait_until_settled(log_path: Path, timeout: float, server: subprocess.Popen,
                        quiet: float = 1.5) -> float:
    """Seconds until the server has finished every build (the edit's own and the follow-up
    that updates the other pages) and started no other for ``quiet`` seconds."""
    started = time.perf_counter()
    last_change, last_text = started, None
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped with exit code {server.returncode}")
        text = log_path.read_text(encoding="utf-8", errors="replace")
        if text != last_text:
            last_change, last_text = time.perf_counter(), text
        building = text.count("Building documentation") > (
            text.count("Documentation built in") + text.count("An error happened"))
        if not building and time.perf_counter() - last_change >= quiet:
            return last_change - started
        time.sleep(0.1)
    raise TimeoutError(f"mkdocs serve did not settle within {timeout:.0f} s")


def measure_edit(catalog: Path, repeats: int, label: str, work: Path) -> dict:
    """Start ``mops serve`` (MkDocs' server, rebuilding only what an edit changed), then change
    one tool's name and wait for its page to show it; then wait until the follow-up build has
    updated every other page, before the next edit."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/tools/{EDITED_TOOL}/"
    source = catalog / "catalog" / "tools" / f"{EDITED_TOOL}.yaml"
    original = source.read_text(encoding="utf-8")
    name_line = original.splitlines()[0]
    log = open(work / "serve.log", "w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(catalog),
                               "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=log, stderr=subprocess.STDOUT)
    times, settled = [], []
    try:
        with Progress(f"{label}: first build of mkdocs serve") as progress:
            startup = _wait_for(url, name_line.split(": ", 1)[1], 1800, server)
            _wait_until_settled(work / "serve.log", 600, server)
        with Progress(f"{label}: edits shown by mkdocs serve", total=repeats) as progress:
            for attempt in range(1, repeats + 1):
                marker = f"edited {attempt}"
                source.write_text(original.replace(name_line, f"{name_line} {marker}", 1),
                                  encoding="utf-8")
                times.append(_wait_for(url, marker, 600, server))
                settled.append(times[-1] + _wait_until_settled(work / "serve.log", 600, server))
                progress.advance()
                if times[-1] > 10 * TARGETS["edit"]:
                    break  # far off target: one slow sample says enough
    except (RuntimeError, TimeoutError) as error:
        raise RuntimeError(f"{error}; its log is {work / 'serve.log'}") from None
    finally:
        source.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
        log.close()
    samples = ", ".join(f"{shown:.2f} s (every page {done:.1f} s)"
                        for shown, done in zip(times, settled))
    (work / "edit-times.txt").write_text(f"{label}: {samples}\n", encoding="utf-8")
    return {"serve_start_s": startup, "edit_s": _median(times), "settled_s": _median(settled)}


def _mark(value: float, target: float) -> str:
    return "yes" if value <= target else "**no**"


def build_table(rows: list[dict]) -> list[str]:
    lines = [
        "", f"Build (targets: at most {TARGETS['build']}x the bare Material build, under "
        f"{TARGETS['build_seconds']} s and {TARGETS['peak_mb']:,} MB at 8,000 tools)", "",
        "| tools | pages | bare build (s) | mops build (s) | ratio | CPU-time ratio | "
        "peak memory (MB) | site per tool (KB) | search index per tool (KB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(f"| {row['tools']:,} | {row['pages']:,} | {row['bare_s']:.1f} | "
                     f"{row['mops_s']:.1f} | {row['build_ratio']:.2f}x | "
                     f"{row['build_cpu_ratio']:.2f}x | {row['peak_mb']:.0f} | "
                     f"{row['site_kb_per_tool']:.1f} | {row['search_kb_per_tool']:.1f} |")
    return lines


def zensical_table(rows: list[dict]) -> list[str]:
    lines = [
        "", "Zensical (`mops render`, then `zensical build` of the files; the mops build with "
        "Material from the table above, same run)", "",
        "| tools | mops render (s) | zensical build (s) | together (s) | CPU time (s) | "
        "peak memory (MB) | one-page rebuild (s) | mops build with Material (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        material = f"{row['mops_s']:.1f}" if "mops_s" in row else "-"
        lines.append(f"| {row['tools']:,} | {row['z_render_s']:.1f} | {row['z_build_s']:.1f} | "
                     f"{row['z_total_s']:.1f} | {row['z_cpu_s']:.1f} | {row['z_peak_mb']:.0f} | "
                     f"{row['z_rebuild_s']:.1f} | {material} |")
    return lines


def tables(results: list[dict]) -> str:
    """The results as the Markdown tables PERFORMANCE.md shows."""
    lines = [
        f"Validate (target: at most {TARGETS['validate']}x bare `yaml.load`)", "",
        "| tools | files | bare yaml.load (s) | mops validate (s) | ratio | CPU-time ratio "
        "| on target |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for row in results:
        if "validate_s" not in row:
            continue
        lines.append(f"| {row['tools']:,} | {row['files']:,} | {row['yaml_s']:.2f} | "
                     f"{row['validate_s']:.2f} | {row['validate_ratio']:.2f}x | "
                     f"{row['validate_cpu_ratio']:.2f}x | "
                     f"{_mark(row['validate_ratio'], TARGETS['validate'])} |")
    builds = [row for row in results if "mops_s" in row]
    if builds:
        lines += build_table(builds)
    zensical = [row for row in results if "z_build_s" in row]
    if zensical:
        lines += zensical_table(zensical)
    edits = [row for row in results if "edit_s" in row]
    if edits:
        lines += ["", f"Live edit (target: under {TARGETS['edit']:.0f} s at 2,000 tools)", "",
                  "| tools | mops serve first build (s) | edit shown after (s) | on target "
                  "| every page updated after (s) |",
                  "| ---: | ---: | ---: | :---: | ---: |"]
        for row in edits:
            lines.append(f"| {row['tools']:,} | {row['serve_start_s']:.1f} | {row['edit_s']:.1f} "
                         f"| {_mark(row['edit_s'], TARGETS['edit'])} "
                         f"| {row['settled_s']:.1f} |")
    for row in results:
        if "error" in row:
            lines += ["", f"Not measured at {row['tools']:,} tools: {row['error']}"]
    return "\n".join(lines) + "\n"


def machine() -> str:
    import mkdocs
    import pydantic
    import yaml

    import importlib.metadata

    zensical = (f", Zensical {importlib.metadata.version('zensical')}"
                if zensical_installed() else "")
    return (f"{dt.date.today().isoformat()}, {os.cpu_count()} CPU cores, "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"PyYAML {yaml.__version__}, pydantic {pydantic.VERSION}, MkDocs {mkdocs.__version__}"
            f"{zensical}")


def measure_all(row: dict, catalog: Path, bare: Path, repeats: int, edit_size: int | None,
                work: Path, build: bool, zensical: bool = False) -> None:
    """Validate, then (with ``build``) build and, at ``edit_size`` tools, the live edit."""
    tools = row["tools"]
    label = f"{tools:,} tools"
    row.update(measure_validate(catalog, repeats, label))
    if not build:
        return
    with Progress(f"{label}: writing the bare project"):
        projects.bare_project(catalog, bare)
    row.update(measure_build(catalog, bare, tools, repeats, label))
    if zensical:
        row.update(measure_zensical(catalog, tools, repeats, label, work))
    if tools == edit_size:
        row.update(measure_edit(catalog, repeats, label, work))


def run(sizes: list[int], repeats: int, edit_size: int | None, work: Path,
        build: bool = True, edit_only: bool = False, zensical: bool = False) -> list[dict]:
    results = []
    for tools in sizes:
        label = f"{tools:,} tools"
        catalog, bare = work / f"catalog-{tools}", work / f"bare-{tools}"
        with Progress(f"{label}: writing the synthetic catalog"):
            generate.write(tools, catalog)
            projects.mops_project(catalog)
        row = {"tools": tools}
        results.append(row)
        try:
            if edit_only:
                row.update(measure_edit(catalog, repeats, label, work))
            else:
                measure_all(row, catalog, bare, repeats, edit_size, work, build, zensical)
        except Exception as error:  # keep what was measured; report the failure below
            row["error"] = f"{type(error).__name__}: {error}"
        (work / "results.md").write_text(tables(results), encoding="utf-8")  # so far
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark mops against bare PyYAML and MkDocs.")
    parser.add_argument("--sizes", default="250,2000,8000",
                        help="comma-separated numbers of tools (default: 250,2000,8000)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="repeats of every measurement; the median is shown (default 3)")
    parser.add_argument("--edit-size", type=int, default=2000,
                        help="catalog size at which to time live edits (default 2000)")
    parser.add_argument("--no-build", action="store_true", help="measure validate only")
    parser.add_argument("--edit-only", action="store_true",
                        help="measure only the live edit, at each of --sizes")
    parser.add_argument("--no-zensical", action="store_true",
                        help="leave out the Zensical rows (measured where Zensical is installed)")
    parser.add_argument("--smoke", action="store_true",
                        help=f"{SMOKE_SIZE} tools, one repeat of everything (for CI)")
    parser.add_argument("--work", type=Path, help="keep the catalogs, sites and results.md "
                        "(the tables so far, written after each size) in this folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, in every build log
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not '{args.sizes}'")
    if args.smoke:
        sizes, args.repeats, args.edit_size = [SMOKE_SIZE], 1, SMOKE_SIZE
    if min(sizes) < 2 or args.repeats < 1:
        parser.error("sizes need at least 2 tools and --repeats at least 1")
    work = args.work or Path(tempfile.mkdtemp(prefix="mops-benchmark-"))
    if work.exists() and any(work.iterdir()) and args.work:
        print(f"error: {work} is not empty; choose a new folder", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    try:
        zensical = not args.no_zensical and zensical_installed()
        if not args.no_zensical and not zensical:
            print("Zensical is not installed: no Zensical rows (pip install -e '.[zensical]')",
                  file=sys.stderr)
        results = run(sizes, args.repeats, args.edit_size, work, build=not args.no_build,
                      edit_only=args.edit_only, zensical=zensical)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Measured {machine()}.\n")
    print(tables(results))
    return 1 if any("error" in row for row in results) else 0


if __name__ == "__main__":
    sys.exit(main())
