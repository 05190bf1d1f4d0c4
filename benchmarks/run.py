"""cybergap benchmark: medians over repeated cold processes, and ratios measured side by side.

    python benchmarks/run.py                 # 500 generated profiles, 3 cold runs of each check
    python benchmarks/run.py --profiles 100 --repeat 1 --skip-check-jsonschema

It runs the `cybergap` and `python` of the current environment, and installs
check-jsonschema (benchmarks/requirements.txt) into a private virtual environment under
the system temporary folder, once without and once with ruamel.yaml's C extension.

The package's bytecode is compiled first: an editable install under PYTHONDONTWRITEBYTECODE
would otherwise recompile cybergap in every process, which no installed copy does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "kazakhstan.yaml"
SOURCES = ROOT / "profiles" / "sources"
SCHEMA = ROOT / "schemas" / "profile.schema.json"
# Runs the command as a child and prints its wall time and the peak RSS (KB) of the largest
# process it waited for: the wrapper's own start-up is not in the figures.
CHILD = ("import resource, subprocess, sys, time\n"
         "start = time.perf_counter()\n"
         "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
         "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


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
        done = subprocess.run([sys.executable, "-c", CHILD, *command], capture_output=True, text=True, cwd=cwd, check=True)
        seconds, peak_kb = done.stdout.split()
        times.append(float(seconds))
        peaks.append(int(peak_kb) // 1024)
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
    parser.add_argument("--repeat", type=int, default=3, help="cold runs of each `check` measurement")
    parser.add_argument("--quick-repeat", type=int, default=15,
                        help="rounds of the sub-second commands (run in turn, so drift hits them alike)")
    parser.add_argument("--skip-check-jsonschema", action="store_true")
    args = parser.parse_args()
    exe, py = cybergap(), sys.executable
    work = Path(tempfile.mkdtemp(prefix="cybergap-bench-"))
    targets: list[tuple[str, float, str, bool]] = []

    def show(name, seconds, peak, baseline=None):
        ratio = f"{seconds / baseline:.2f}x of {baseline * 1000:.0f} ms" if baseline else ""
        print(f"  {name:<52} {seconds * 1000:9.0f} ms {peak:6d} MB  {ratio}", flush=True)

    def target(what, value, goal, met):
        targets.append((what, value, goal, met))

    print(f"cybergap benchmark: {args.profiles} profiles, {os.cpu_count()} CPUs")
    package = subprocess.run([py, "-c", "import cybergap, os; print(os.path.dirname(cybergap.__file__))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([py, "-m", "compileall", "-q", package], check=True)
    assess = [exe, "assess", "kazakhstan", "--format", "json", "--cache-dir", str(work / "assess-cache")]
    subprocess.run(assess, capture_output=True, cwd=ROOT)  # the verdict, cached as after any earlier run
    quick = {
        "import floor: typer, rich.table, yaml, jsonschema": [py, "-c", "import typer, rich.table, yaml, jsonschema"],
        "cybergap assess kazakhstan --format json": assess,
        "  the same, --no-cache (validated anew)": assess[:5] + ["--no-cache"],
        "  the same, as a table": assess[:3] + assess[5:],
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        "cybergap --version": [exe, "--version"],
        "cybergap --help": [exe, "--help"],
        "cybergap import (the Kazakhstan source, to stdout)": [
            exe, "import", str(ROOT / "profiles" / "sources" / "coe-cybercrime-profile-kazakhstan-2020-05-01.txt"),
            "--country", "Kazakhstan", "--iso2", "KZ"],
    }
    print(f"Sub-second commands: median of {args.quick_repeat} rounds, the commands in turn")
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in quick}
    for _ in range(args.quick_repeat):
        for name, command in quick.items():
            runs[name].append(timed(command, 1, cwd=ROOT))
    medians = {name: (statistics.median(t for t, _ in got), max(p for _, p in got)) for name, got in runs.items()}
    floor, typer_only = medians["import floor: typer, rich.table, yaml, jsonschema"][0], medians["python -c 'import typer'"][0]
    for name, (seconds, peak) in medians.items():
        baseline = floor if "assess" in name or name.startswith("  ") else typer_only if "cybergap --" in name else None
        show(name, seconds, peak, baseline)
    target("assess --format json / import floor", medians["cybergap assess kazakhstan --format json"][0] / floor, "<= 1.5x",
           medians["cybergap assess kazakhstan --format json"][0] / floor <= 1.5)
    table = medians["  the same, as a table"][0] / floor
    target("assess table (default) / import floor (issue 11)", table, "<= 1.3x", table <= 1.3)
    for flag in ("--version", "--help"):
        ratio = medians[f"cybergap {flag}"][0] / typer_only
        target(f"cybergap {flag} / import typer", ratio, "<= 1.2x", ratio <= 1.2)

    files = generate(work / "profiles", args.profiles)
    cache = work / "cache"
    print(f"check on {args.profiles} profiles: median of {args.repeat} cold processes")
    cold_times = []
    for _ in range(args.repeat):
        shutil.rmtree(cache, ignore_errors=True)
        cold_times.append(timed([exe, "check", "--cache-dir", str(cache), str(work / "profiles")], 1)[0])
    cold = statistics.median(cold_times)
    cold_peak = timed([exe, "check", "--no-cache", str(work / "profiles")], 1)[1]
    show(f"cybergap check, {args.profiles} profiles, cold", cold, cold_peak)
    warm, warm_peak = timed([exe, "check", "--cache-dir", str(cache), str(work / "profiles")], args.repeat)
    show(f"cybergap check, {args.profiles} profiles, warm", warm, warm_peak)
    target(f"check peak memory, {args.profiles} profiles (MB)", max(cold_peak, warm_peak), "< 200", max(cold_peak, warm_peak) < 200)
    if not args.skip_check_jsonschema:
        for with_clib in (False, True):
            cj = check_jsonschema_env(Path(tempfile.gettempdir()) / "cybergap-bench-envs", with_clib)
            label = "check-jsonschema" + (" + ruamel.yaml.clib" if with_clib else "")
            seconds, peak = timed([cj, "--schemafile", str(SCHEMA), *map(str, files)], args.repeat)
            show(f"{label}, {args.profiles} profiles", seconds, peak)
            print(f"    cybergap check cold is {seconds / cold:.1f}x faster, warm {seconds / warm:.1f}x faster than {label}")
            if with_clib:
                target(f"check cold vs {label}", seconds / cold, ">= 2x", seconds / cold >= 2)
            else:
                target(f"check cold vs {label}", seconds / cold, ">= 10x", seconds / cold >= 10)
                target(f"check warm vs {label}", seconds / warm, ">= 100x", seconds / warm >= 100)
    print("Targets (issues 7 and 11):")
    for what, value, goal, met in targets:
        print(f"  {what:<52} {value:8.2f}  target {goal:<8} {'met' if met else 'NOT MET'}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
