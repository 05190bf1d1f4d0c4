"""cybergap compare against check on the same profiles (issue 15's target: compare <= 2x check).

    python benchmarks/compare.py                 # 50 generated profiles, median of 3 cold runs each
    python benchmarks/compare.py --profiles 100 --repeat 5

Both commands run as cold processes with the machine's default workers. "Cold" starts from an
empty verdict cache; "warm" runs after `check` has cached every verdict (what CI does: check,
then report). A warm `check` does not even parse a file whose verdict is cached; `compare` must
parse and assess every profile, so warm against warm is the hardest of the three ratios printed.
The profiles are run.py's: copies of the Kazakhstan profile with small variations.
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
        cold = {"check": [], "compare": []}
        for _ in range(args.repeat):  # in turn, so drift hits both alike
            for name, command in (("check", check), ("compare", compare)):
                shutil.rmtree(cache, ignore_errors=True)
                cold[name].append(timed(command, 1)[0])
        subprocess.run(check, capture_output=True)  # the cache filled, as after any earlier check
        warm = {"check": [], "compare": []}
        for _ in range(args.repeat):
            for name, command in (("check", check), ("compare", compare)):
                warm[name].append(timed(command, 1)[0])
        median = {(when, name): statistics.median(runs[name]) for when, runs in (("cold", cold), ("warm", warm))
                  for name in runs}
        print(f"cybergap compare vs check, {args.profiles} profiles, median of {args.repeat} cold processes")
        for when in ("cold", "warm"):
            print(f"  {when:<5} check {median[when, 'check'] * 1000:7.0f} ms   compare {median[when, 'compare'] * 1000:7.0f} ms")
        print("Target (issue 15): compare <= 2x check on the same files")
        for label, numerator, denominator in (
                ("both cold (empty cache)", ("cold", "compare"), ("cold", "check")),
                ("compare after check, vs that check", ("warm", "compare"), ("cold", "check")),
                ("both warm (verdicts cached)", ("warm", "compare"), ("warm", "check"))):
            ratio = median[numerator] / median[denominator]
            print(f"  {label:<36} {ratio:5.2f}x  {'met' if ratio <= 2 else 'NOT MET'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
