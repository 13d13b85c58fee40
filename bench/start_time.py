"""`fahras --help`, `--version` and a one-shot search on the bundled samples → seconds from start to exit (median of
--runs), beside `python -c pass` in the same run.

Usage: python bench/start_time.py [--runs 7]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = [sys.executable, str(REPO_ROOT / "cli.py")]
    with tempfile.TemporaryDirectory(prefix="fahras-start-") as tmp:
        index = str(Path(tmp) / "ix")
        subprocess.run([*cli, "index", str(REPO_ROOT / "samples" / "news"), "--index", index], check=True,
                       capture_output=True)
        rows = [("python -c pass (baseline)", [sys.executable, "-c", "pass"]), ("fahras --help", [*cli, "--help"]),
                ("fahras --version", [*cli, "--version"]),
                ("fahras search (30 samples)", [*cli, "search", "جمع التبرعات", "--index", index])]
        base = None
        print(f"{'command':30} {'seconds':>8} {'ratio':>7}")
        for label, command in rows:
            s = seconds(command, args.runs)
            base = base or s
            print(f"{label:30} {s:>8.3f} {s / base:>6.1f}x")


if __name__ == "__main__":
    main()
