"""cybergap benchmark: medians over repeated cold processes, and ratios measured side by side.

    python benchmarks/run.py                 # 500 generated profiles, 3 repetitions
    python benchmarks/run.py --profiles 100 --repeat 1

It runs the `cybergap` and `python` of the current environment, and installs
check-jsonschema (benchmarks/requirements.txt) into a private virtual environment under
the system temporary folder, once without and once with ruamel.yaml's C extension.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "kazakhstan.yaml"
SOURCES = ROOT / "profiles" / "sources"
SCHEMA = ROOT / "schemas" / "profile.schema.json"
RSS = ("import resource, subprocess, sys\n"
       "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def cybergap() -> str:
    found = shutil.which("cybergap", path=str(Path(sys.executable).parent)) or shutil.which("cybergap")
    if not found:
        sys.exit("cybergap is not installed in this environment: pip install -e .")
    return found


def generate(folder: Path, count: int) -> list[Path]:
    """`count` copies of the Kazakhstan profile with small variations, sources alongside."""
    shutil.copytree(SOURCES, folder / "sources")
    text = PROFILE.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        variant = text.replace('version: "2020-05-01"', f'version: "2020-05-01.{n}"', 1)
        variant = variant.replace("    - cybergap maintainers", f"    - cybergap maintainers (copy {n})", 1)
        path = folder / f"profile-{n:04d}.yaml"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, int]:
    """(median seconds, peak RSS in MB of the largest process) over `repeat` cold runs."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", RSS, *command], capture_output=True, text=True, cwd=cwd)
        times.append(time.perf_counter() - start)
        peaks.append(int(done.stdout.strip() or 0) // 1024)
    return statistics.median(times), max(peaks)


def check_jsonschema_env(base: Path, with_clib: bool) -> str:
    venv = base / ("cj-clib" if with_clib else "cj")
    if not venv.exists():
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip"]
        subprocess.run(pip + ["install", "-q", "-r", str(ROOT / "benchmarks" / "requirements.txt")], check=True, **quiet)
        if with_clib:
            subprocess.run(pip + ["install", "-q", "ruamel.yaml.clib"], check=True, **quiet)
        else:  # as `pip install check-jsonschema` installs it where ruamel.yaml does not pull the C extension
            subprocess.run(pip + ["uninstall", "-q", "-y", "ruamel.yaml.clib"], check=False, **quiet)
    return str(venv / "bin" / "check-jsonschema")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-check-jsonschema", action="store_true")
    args = parser.parse_args()
    exe, py = cybergap(), sys.executable
    work = Path(tempfile.mkdtemp(prefix="cybergap-bench-"))
    rows: list[tuple[str, float, int, str]] = []

    def row(name, command, baseline=None, repeat=args.repeat, cwd=None):
        seconds, peak = timed(command, repeat, cwd)
        ratio = f"{seconds / baseline:.2f}x of {baseline * 1000:.0f} ms" if baseline else ""
        rows.append((name, seconds, peak, ratio))
        print(f"  {name:<52} {seconds * 1000:9.0f} ms {peak:6d} MB  {ratio}", flush=True)
        return seconds

    print(f"cybergap benchmark: {args.profiles} profiles, median of {args.repeat} cold runs, {os.cpu_count()} CPUs")
    floor = row("import floor: typer, rich.table, yaml, jsonschema", [py, "-c", "import typer, rich.table, yaml, jsonschema"])
    row("cybergap assess kazakhstan --format json", [exe, "assess", "kazakhstan", "--format", "json"], floor, cwd=ROOT)
    bare = row("python -c pass", [py, "-c", "pass"])
    typer_only = row("python -c 'import typer'", [py, "-c", "import typer"])
    row("cybergap --version", [exe, "--version"], typer_only)
    row("cybergap --help", [exe, "--help"], typer_only)
    print(f"  (bare interpreter {bare * 1000:.0f} ms)")

    files = generate(work / "profiles", args.profiles)
    cache = work / "cache"
    cold_times = []
    for attempt in range(args.repeat):
        shutil.rmtree(cache, ignore_errors=True)
        cold_times.append(timed([exe, "check", "--cache-dir", str(cache), str(work / "profiles")], 1)[0])
    cold = statistics.median(cold_times)
    cold_peak = timed([exe, "check", "--no-cache", str(work / "profiles")], 1)[1]
    rows.append(("cybergap check (cold)", cold, cold_peak, ""))
    print(f"  {'cybergap check, ' + str(args.profiles) + ' profiles, cold':<52} {cold * 1000:9.0f} ms {cold_peak:6d} MB")
    warm = row(f"cybergap check, {args.profiles} profiles, warm", [exe, "check", "--cache-dir", str(cache), str(work / "profiles")])
    if not args.skip_check_jsonschema:
        for with_clib in (False, True):
            cj = check_jsonschema_env(Path(tempfile.gettempdir()) / "cybergap-bench-envs", with_clib)
            label = "check-jsonschema" + (" + ruamel.yaml.clib" if with_clib else "")
            seconds = row(f"{label}, {args.profiles} profiles", [cj, "--schemafile", str(SCHEMA), *map(str, files)])
            print(f"    cybergap check cold is {seconds / cold:.1f}x faster, warm {seconds / warm:.1f}x faster than {label}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
