"""Timed work, each in a fresh process so one measurement cannot warm up the next.

Run as a script, it does one piece of work and prints its wall and CPU seconds and peak memory:

    python benchmarks/measure.py yaml ROOT       # bare yaml.load(CSafeLoader) of every file
    python benchmarks/measure.py validate ROOT   # mops' validate() of the same files

The seconds cover the work only (imports excluded, on both sides). CPU seconds add up every
process involved; on a busy shared machine they vary much less than wall time. ``run_command``
times a whole command (a build) from outside and reads its CPU time and peak memory from the
kernel.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def catalog_files(root: Path) -> list[Path]:
    """Every YAML file mops reads, found without mops' own code."""
    return sorted([*root.glob("catalog/**/*.yaml"), *root.glob("playbooks/**/*.yaml")])


def bare_yaml(root: Path):
    import yaml

    def work():
        for path in catalog_files(root):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return work


def mops_validate(root: Path):
    from generator.checks import validate
    from generator.model import catalog  # noqa: F401  (imported lazily by validate)

    def work():
        _, problems = validate(root)
        if problems:
            raise SystemExit(f"{len(problems)} problems in {root}; the benchmark needs a clean "
                             "catalog")
    return work


# each takes the catalog root, imports what it needs and returns the work to time
WORK = {"yaml": bare_yaml, "validate": mops_validate}


WHO = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)  # this process, and workers it waited for


def _peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def run_command(command: list[str], **popen) -> tuple[float, float, float]:
    """Run ``command`` to the end: ``(wall seconds, CPU seconds, peak resident memory in MB)``.
    The peak is the largest of the process and the children it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, **popen)
    errors = process.stderr.read()
    process.stderr.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed with exit code {process.returncode}: "
                           f"{errors.strip()[-2000:]}")
    return elapsed, _cpu(usage), usage.ru_maxrss / 1024


def measure(work: str, root: Path) -> dict:
    """Run one kind of work in a new process; its own timing and peak memory."""
    done = subprocess.run([sys.executable, __file__, work, str(root)], capture_output=True,
                          text=True)
    if done.returncode:
        raise RuntimeError(f"measuring {work} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    work = WORK[argv[0]](Path(argv[1]))
    cpu_before = [_cpu(resource.getrusage(who)) for who in WHO]
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    cpu = sum(_cpu(resource.getrusage(who)) - before for who, before in zip(WHO, cpu_before))
    peak = sum(_peak_mb(who) for who in WHO)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
