"""`fahras --help`, `--version` and a one-shot search on the bundled samples → seconds from start to exit (median of
--runs, after one warm-up run) and CPU seconds (user + system, steadier on a shared machine), beside `python -c pass`
in the same run.

Each command starts as a user's does: with Python's bytecode cached (pip compiles an installed package; an editable
install writes __pycache__ on its first run). The cache goes to a temporary PYTHONPYCACHEPREFIX, so the checkout is
not written to, and PYTHONDONTWRITEBYTECODE is ignored. With --no-bytecode-cache every run compiles fahras's modules
from source again, as on a machine that sets PYTHONDONTWRITEBYTECODE for a checkout without __pycache__.

Usage: python bench/start_time.py [--runs 7] [--no-bytecode-cache]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def seconds(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of the command; on a shared machine the CPU time varies less."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)  # warm-up
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-bytecode-cache", action="store_true", help="compile fahras's modules at every run")
    args = parser.parse_args()
    cli = [sys.executable, str(REPO_ROOT / "cli.py")]
    with tempfile.TemporaryDirectory(prefix="fahras-start-") as tmp:
        index = str(Path(tmp) / "ix")
        env = dict(os.environ)
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        subprocess.run([*cli, "index", str(REPO_ROOT / "samples" / "news"), "--index", index], check=True,
                       capture_output=True)
        rows = [("python -c pass (baseline)", [sys.executable, "-c", "pass"]), ("fahras --help", [*cli, "--help"]),
                ("fahras --version", [*cli, "--version"]),
                ("fahras search (30 samples)", [*cli, "search", "جمع التبرعات", "--index", index])]
        base = None
        print(f"bytecode {'compiled at every run' if args.no_bytecode_cache else 'cached'}")
        print(f"{'command':30} {'seconds':>8} {'ratio':>7} {'cpu s':>7} {'ratio':>7}")
        for label, command in rows:
            wall, cpu = seconds(command, args.runs, env)
            base = base or (wall, cpu)
            print(f"{label:30} {wall:>8.3f} {wall / base[0]:>6.1f}x {cpu:>7.3f} {cpu / base[1]:>6.1f}x")


if __name__ == "__main__":
    main()
