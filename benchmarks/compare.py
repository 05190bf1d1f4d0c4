"""cybergap compare against check on the same profiles (issue 15's target: compare <= 2x check).

    python benchmarks/compare.py                 # 50 generated profiles, median of 3 runs each
    python benchmarks/compare.py --profiles 100 --repeat 5

Every command runs as a cold process with the machine's default workers. "Cold" starts from an
empty cache. After `check` has cached every verdict (what CI does: check, then report), the first
`compare` still parses and assesses every profile, and caches each row beside its verdict;
"warm" is the next run, when `check` does not even parse a file whose verdict is cached and
`compare` reads each row whose verdict is cached without errors. The profiles are run.py's:
copies of the Kazakhstan profile with small variations.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import cybergap, generate, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exe, py = cybergap(), sys.executable
    package = subprocess.run([py, "-c", "import cybergap, os; print(os.path.dirname(cybergap.__file__))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([py, "-m", "compileall", "-q", package], check=True)
    work = Path(tempfile.mkdtemp(prefix="cybergap-bench-compare-"))
    try:
        files = [str(p) for p in generate(work / "profiles", args.profiles)]
        cache = work / "cache"
        check = [exe, "check", "--cache-dir", str(cache), str(work / "profiles")]
        compare = [exe, "compare", "--cache-dir", str(cache), "--format", "csv", *files]
        runs: dict[str, list[float]] = {name: [] for name in
                                         ("cold check", "cold compare", "after check", "warm check", "warm compare")}
        for _ in range(args.repeat):  # in turn, so drift hits every measure alike
            shutil.rmtree(cache, ignore_errors=True)
            runs["cold compare"].append(timed(compare, 1)[0])
            shutil.rmtree(cache, ignore_errors=True)
            runs["cold check"].append(timed(check, 1)[0])  # every verdict cached
            runs["after check"].append(timed(compare, 1)[0])  # verdicts cached; rows computed and cached
            runs["warm check"].append(timed(check, 1)[0])
            runs["warm compare"].append(timed(compare, 1)[0])  # verdicts and rows cached
        median = {name: statistics.median(values) for name, values in runs.items()}
        print(f"cybergap compare vs check, {args.profiles} profiles, median of {args.repeat} processes each")
        for name, value in median.items():
            print(f"  {name:<14} {value * 1000:7.0f} ms")
        print("Target (issue 15): compare <= 2x check on the same files")
        for label, numerator, denominator in (
                ("both cold (empty cache)", "cold compare", "cold check"),
                ("compare after check, vs that check", "after check", "cold check"),
                ("both warm (verdicts and rows cached)", "warm compare", "warm check")):
            ratio = median[numerator] / median[denominator]
            print(f"  {label:<38} {ratio:5.2f}x  {'met' if ratio <= 2 else 'NOT MET'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
