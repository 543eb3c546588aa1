"""Time to first window of the frozen app, against the source checkout and a bare PySide6 window.

    python dev_tools/bench_frozen.py [--runs N]             (make bench-frozen)

Needs `make package` first (dist/PolicyGuidance). Works like bench_startup.py, whose probe and
bare-window baseline it reuses: every program is started as a fresh process with
GUIDANCE_APP_STARTUP_PROBE=1 (it prints `shown <unix time>` once its window is on screen and the
event loop has run, then quits), the programs take turns (interleaved, so a slow spell of the
machine hits all of them alike), and the median of N runs each is compared. Measured:

    bare       python -c <a QMainWindow with a label>           (the floor: Python + Qt)
    source     python -m guidance_app                           (the checkout, bytecode compiled)
    frozen     dist/PolicyGuidance/policy-guidance              (the one-folder app)
    one-file   dist/policy-guidance-onefile                     (only if it has been built)

The search index is built beforehand by a warm-up run of the frozen `guidance-app --self-test`
(and the school chosen, so the first-run dialog is not the first window); each program is run
once unmeasured to warm the disk cache. Settings, cache and temporary files live in a
temporary folder. Budget: the frozen app under 1.5 s median. Results go to bench-results.json.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import BARE_WINDOW, _time_to_window

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "PolicyGuidance"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
ONEFILE = ROOT / "dist" / f"policy-guidance-onefile{EXE_SUFFIX}"
BUDGET_S = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=11, help="runs of each program (>= 11)")
    parser.add_argument("--dist", type=Path, default=DIST, help="the one-folder app")
    args = parser.parse_args()
    if args.runs < 11:
        parser.error("--runs must be at least 11")
    gui = args.dist / f"policy-guidance{EXE_SUFFIX}"
    cli = args.dist / f"guidance-app{EXE_SUFFIX}"
    if not gui.is_file() or not cli.is_file():
        print(
            f"bench_frozen: {args.dist} has no built app; run `make package` first.",
            file=sys.stderr,
        )
        return 2

    import whoosh

    for package in (ROOT / "guidance_app", Path(whoosh.__file__).parent):
        compileall.compile_dir(str(package), quiet=1)

    with tempfile.TemporaryDirectory(prefix="guidance-bench-") as private:
        home = Path(private)
        (home / "tmp").mkdir()
        env = {
            **os.environ,
            "GUIDANCE_APP_CACHE_DIR": str(home / "cache"),
            "GUIDANCE_APP_CONFIG_DIR": str(home / "config"),
            "GUIDANCE_APP_SYSTEM_CONFIG": str(home / "system.ini"),
            "GUIDANCE_APP_STARTUP_PROBE": "1",
            "TMPDIR": str(home / "tmp"),  # the one-file app unpacks here
        }
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        warm = {k: v for k, v in env.items() if k != "GUIDANCE_APP_STARTUP_PROBE"}
        # the index, built by the frozen app itself (the source app finds the same one)
        subprocess.run([str(cli), "--self-test"], env=warm, check=True, capture_output=True)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from guidance_app.ui.settings import Settings; Settings().school = 'westhaven'",
            ],
            env=warm,
            check=True,
        )
        programs = {
            "bare PySide6 window": [sys.executable, "-c", BARE_WINDOW],
            "source checkout": [sys.executable, "-m", "guidance_app"],
            "frozen (one folder)": [str(gui)],
        }
        if ONEFILE.is_file():
            programs["frozen (one file)"] = [str(ONEFILE)]
        for command in programs.values():  # warm the disk cache for each
            _time_to_window(command, env)
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, command in programs.items():
                times[name].append(_time_to_window(command, env))

    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["bare PySide6 window"]
    frozen = medians["frozen (one folder)"]
    platform = env["QT_QPA_PLATFORM"]
    print(f"First window on screen ({args.runs} interleaved runs each, Qt platform '{platform}'):")
    for name, median in medians.items():
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f}"
        print(
            f"  {name:<22} median {median * 1000:6.0f} ms  ({median / bare:4.2f}x the bare "
            f"window; range {spread} ms)"
        )
    verdict = "within" if frozen < BUDGET_S else "OVER"
    print(f"  frozen budget {BUDGET_S * 1000:.0f} ms: {verdict}")

    out = ROOT / "bench-results.json"
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    results["first_window_frozen"] = {
        "runs": args.runs,
        "platform": platform,
        "medians_ms": {name: round(m * 1000, 1) for name, m in medians.items()},
        "ratios_to_bare": {name: round(m / bare, 2) for name, m in medians.items()},
        "budget_ms": BUDGET_S * 1000,
    }
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if frozen < BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
