"""A `summarize` command timed in a process of its own, with its peak RSS (from the kernel, as its own:
on Linux a child's peak RSS starts from its parent's, so the parent must not be measured with it)."""

from __future__ import annotations

import subprocess
import sys
import time

# Runs the CLI as `python -m summarize` would and prints the process's own peak RSS (KiB) last on stderr.
_MEASURED_CLI = ("import resource, sys, runpy; sys.argv = sys.argv[1:]; code = 0\n"
                 "try: runpy.run_module('summarize', run_name='__main__')\n"
                 "except SystemExit as e: code = e.code or 0\n"
                 "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")


def run_summarize(*args: str, allowed: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Run `summarize ARGS...`; returns (seconds, peak RSS in MB). An exit status not in `allowed` stops
    the benchmark with the command's stderr."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURED_CLI, "summarize", *args], capture_output=True,
                            text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in allowed:
        raise SystemExit(result.stderr[-2000:])
    return seconds, int(result.stderr.strip().splitlines()[-1]) / 1024
