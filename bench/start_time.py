"""`fahras --help`, `--version` and a one-shot search on the bundled samples → seconds from start to exit (median of
--runs, after one warm-up run) and CPU seconds (user + system, steadier on a shared machine), beside `python -c pass`
in the same run.

Each command starts as a user's does: as the `fahras` command pip installs, which imports cli.py as a module and
calls cli.main (not `python cli.py`, which compiles cli.py at every run: Python never caches the bytecode of the
script it runs, ~10 ms here), and with Python's bytecode cached (pip compiles an installed package; an editable
install writes __pycache__ on its first run). The cache goes to a temporary PYTHONPYCACHEPREFIX, so the checkout is
not written to, and PYTHONDONTWRITEBYTECODE is ignored. With --no-bytecode-cache every run compiles fahras's modules
from source again, as on a machine that sets PYTHONDONTWRITEBYTECODE for a checkout without __pycache__.

With --instructions each command also runs once under valgrind's callgrind, which counts the instructions it executes
(millions, beside python -c pass): the same count however busy the machine is, so a change that saves 1% shows. Under
valgrind a search runs ~50x slower, past the time budgets that cut fuzzy expansions and facet counts short, so the
count runs with time.monotonic standing still: the search does what it does on a fast machine.

Usage: python bench/start_time.py [--runs 7] [--no-bytecode-cache] [--instructions]
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
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": False, "env": env, "cwd": REPO_ROOT}
    subprocess.run(command, **quiet)  # warm-up
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, **quiet)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def instructions(command: list[str], env: dict[str, str]) -> float:
    """Millions of instructions the command executes (valgrind --tool=callgrind), with a fixed hash seed."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True, cwd=REPO_ROOT,
                          env={**env, "PYTHONHASHSEED": "0"})
    return int(done.stderr.split("Collected : ")[1].split()[0]) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-bytecode-cache", action="store_true", help="compile fahras's modules at every run")
    parser.add_argument("--instructions", action="store_true", help="count instructions too (needs valgrind)")
    args = parser.parse_args()
    # what the `fahras` script pip writes does, run in the checkout so that it imports the checkout's cli.py
    code = "import sys; sys.argv[0] = 'fahras'; from cli import main; sys.exit(main())"
    cli = [sys.executable, "-c", code]
    with tempfile.TemporaryDirectory(prefix="fahras-start-") as tmp:
        index = str(Path(tmp) / "ix")
        env = dict(os.environ)
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        subprocess.run([*cli, "index", str(REPO_ROOT / "samples" / "news"), "--index", index], check=True,
                       capture_output=True, cwd=REPO_ROOT)
        rows = [("python -c pass (baseline)", [sys.executable, "-c", "pass"]), ("fahras --help", [*cli, "--help"]),
                ("fahras --version", [*cli, "--version"]),
                ("fahras search (30 samples)", [*cli, "search", "جمع التبرعات", "--index", index])]
        base = None
        print(f"bytecode {'compiled at every run' if args.no_bytecode_cache else 'cached'}")
        print(f"{'command':30} {'seconds':>8} {'ratio':>7} {'cpu s':>7} {'ratio':>7}"
              + (f" {'M instr':>8} {'ratio':>7}" if args.instructions else ""))
        for label, command in rows:
            wall, cpu = seconds(command, args.runs, env)
            still = [c.replace(code, "import time; time.monotonic = lambda: 0.0; " + code) for c in command]
            count = instructions(still, env) if args.instructions else 0.0
            base = base or (wall, cpu, count)
            print(f"{label:30} {wall:>8.3f} {wall / base[0]:>6.1f}x {cpu:>7.3f} {cpu / base[1]:>6.1f}x"
                  + (f" {count:>8.1f} {count / base[2]:>6.1f}x" if args.instructions else ""))


if __name__ == "__main__":
    main()
