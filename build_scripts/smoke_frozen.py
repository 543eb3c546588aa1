"""Smoke test of the frozen app (what `make package` ends with).

    python build_scripts/smoke_frozen.py                  # dist/PolicyGuidance (one folder)
    python build_scripts/smoke_frozen.py --onefile        # dist/policy-guidance-onefile

Runs the built executables the way IT and users will, with HOME, the XDG folders, the app's
cache/config/system-settings overrides and TMPDIR all pointed into a fresh temporary folder (so
nothing of the real user is read or written) and Qt on its offscreen platform:

1. `guidance-app --version` prints the version of guidance_app/__init__.py;
2. `guidance-app validate` finds the bundled content valid;
3. `guidance-app --self-test` passes and builds its search index on disk in the temporary folder;
4. `guidance-app --self-test` again passes and *reopens* that index (same folder, not rebuilt), so
   Whoosh can unpickle it in the frozen app;
   Then the frozen `guidance-app` makes a new school and imports a Word document and a PDF into
   it (made here by the test fixtures), and the content is still valid;
5. the windowed `policy-guidance` starts and shows its window (GUIDANCE_APP_STARTUP_PROBE=1);
6. the bundle holds nothing that could talk to the network (QtNetwork, the ssl module), and on
   Linux every Qt library and plugin finds the Qt libraries it links against inside the bundle;
7. the bundle is under 170 MB.

With --onefile the one executable does steps 1-5 itself (it runs the same `main`), and after
the runs no `_MEI*` extraction folder may be left in the temporary folder.
Exit 0 if all pass; otherwise every failure is printed with the command and its output.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from make_version_info import app_version  # this folder: run as a script

ROOT = Path(__file__).resolve().parent.parent
MAX_MB = 170
TIMEOUT_S = 180
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


class SmokeFailure(Exception):
    pass


def private_env(home: Path) -> dict[str, str]:
    """The environment for the frozen app: everything per-user inside `home`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "GUIDANCE_APP_", "QT_", "XDG_")) and key != "LD_PRELOAD"
    }
    folders = {
        "HOME": home,
        "USERPROFILE": home,
        "XDG_CACHE_HOME": home / "xdg-cache",
        "XDG_CONFIG_HOME": home / "xdg-config",
        "XDG_DATA_HOME": home / "xdg-data",
        "XDG_STATE_HOME": home / "xdg-state",
        "XDG_RUNTIME_DIR": home / "xdg-runtime",
        "APPDATA": home / "appdata-roaming",
        "LOCALAPPDATA": home / "appdata-local",
        "GUIDANCE_APP_CACHE_DIR": home / "cache",
        "GUIDANCE_APP_CONFIG_DIR": home / "config",
        "TMPDIR": home / "tmp",
        "TEMP": home / "tmp",
        "TMP": home / "tmp",
    }
    for path in folders.values():
        path.mkdir(parents=True, exist_ok=True)
    (home / "xdg-runtime").chmod(0o700)
    env.update({key: str(path) for key, path in folders.items()})
    env["GUIDANCE_APP_SYSTEM_CONFIG"] = str(home / "no-system-settings.ini")  # never /etc/xdg
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[str, float]:
    """Run; return its stdout (+stderr) and the seconds it took; SmokeFailure if not exit 0."""
    shown = " ".join(str(c) for c in command)
    started = time.monotonic()
    try:
        done = subprocess.run(
            [str(c) for c in command],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"`{shown}` did not finish within {TIMEOUT_S} s") from exc
    except OSError as exc:
        raise SmokeFailure(f"`{shown}` could not be started: {exc}") from exc
    took = time.monotonic() - started
    output = done.stdout + ("\n" + done.stderr if done.stderr.strip() else "")
    if done.returncode != 0:
        raise SmokeFailure(f"`{shown}` exited with {done.returncode}:\n{indent(output)}")
    return output, took


def indent(text: str) -> str:
    return "\n".join(f"    | {line}" for line in text.strip().splitlines()) or "    | (no output)"


def index_folder(output: str, home: Path) -> Path:
    """The on-disk index folder the self-test reported; SmokeFailure if in memory/elsewhere."""
    match = re.search(r"index in (\S.*?) \(\d+ ms\)\s*$", output, re.M)
    if not match:
        raise SmokeFailure(f"the self-test did not say where its index is:\n{indent(output)}")
    where = match.group(1)
    if where == "memory":
        raise SmokeFailure(
            "the self-test built its index in memory, not on disk: opening the on-disk index "
            "failed in the frozen app (a Whoosh module missing from the bundle?)\n" + indent(output)
        )
    folder = Path(where)
    if not folder.is_dir() or home.resolve() not in folder.resolve().parents:
        raise SmokeFailure(f"the index is in {folder}, not in the temporary folder {home}")
    return folder


def self_test_twice(exe: Path, env: dict[str, str], home: Path) -> None:
    output, took = run([exe, "--self-test"], env, home)
    if "self-test passed" not in output:
        raise SmokeFailure(
            f"`{exe.name} --self-test` did not print 'self-test passed':\n" + indent(output)
        )
    folder = index_folder(output, home)
    before = folder.stat()
    ok("3", f"{exe.name} --self-test passed ({took:.1f} s); index built in {folder}")
    output, took = run([exe, "--self-test"], env, home)
    if "self-test passed" not in output:
        raise SmokeFailure(f"the second `{exe.name} --self-test` did not pass:\n{indent(output)}")
    again = index_folder(output, home)
    after = again.stat()
    if again != folder or (after.st_ino, after.st_dev) != (before.st_ino, before.st_dev):
        raise SmokeFailure(
            "the second self-test rebuilt the search index instead of reopening it: the frozen "
            "app cannot read (unpickle) the index it wrote - a Whoosh module is missing?\n"
            + indent(output)
        )
    ok("4", f"{exe.name} --self-test passed again ({took:.1f} s); index reopened")


def import_documents(exe: Path, env: dict[str, str], home: Path) -> None:
    """The frozen command line makes a new school and imports a .docx and a PDF into it (its
    Word and PDF readers are in the bundle and work), and the result validates."""
    content = home / "import-content"
    shutil.copytree(ROOT / "content", content)
    made = home / "documents"
    made.mkdir()
    fixtures = (
        "import sys; from pathlib import Path; from PySide6.QtWidgets import QApplication; "
        "from tests.docx_fixtures import policy_docx; "
        "from tests.pdf_fixtures import policy_blocks, write_policy_pdf; "
        "app = QApplication([]); out = Path(sys.argv[1]); "
        "policy_docx(out / 'conduct.docx', pages=3); "
        "write_policy_pdf(out / 'safeguarding.pdf', policy_blocks(pages=3))"
    )
    subprocess.run(
        [sys.executable, "-c", fixtures, str(made)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        timeout=TIMEOUT_S,
    )
    option = ["--content", str(content)]
    run([exe, "new-school", "smoke-school", "--name", "Smoke School", *option], env, home)
    started = time.monotonic()
    for document, policy in (("conduct.docx", "conduct"), ("safeguarding.pdf", "safeguarding")):
        command = [exe, "import", made / document, "--school", "smoke-school"]
        output, _ = run([*command, "--policy", policy, *option], env, home)
        if "Wrote " not in output:
            raise SmokeFailure(f"`import {document}` wrote no draft:\n{indent(output)}")
    took = time.monotonic() - started
    output, _ = run([exe, "validate", *option], env, home)
    if "Content is valid" not in output:
        raise SmokeFailure(f"the imported school does not validate:\n{indent(output)}")
    ok("4b", f"{exe.name} new-school, import of a .docx and a PDF ({took:.1f} s), validate")


def gui_probe(exe: Path, env: dict[str, str], home: Path, step: str) -> None:
    probe_env = {**env, "GUIDANCE_APP_STARTUP_PROBE": "1"}
    started = time.time()
    output, _ = run([exe], probe_env, home)
    shown = re.findall(r"^shown (\d+(?:\.\d+)?)\s*$", output, re.M)
    if not shown:
        raise SmokeFailure(
            f"`{exe.name}` (GUIDANCE_APP_STARTUP_PROBE=1) exited 0 but never printed "
            f"'shown <time>':\n{indent(output)}"
        )
    ok(step, f"{exe.name} showed its window after {float(shown[-1]) - started:.2f} s")


def bundle_files(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    return [p for p in target.rglob("*") if p.is_file() or p.is_symlink()]


def disk_mb(target: Path) -> float:
    """Like `du -s`: blocks used (each inode once), in MiB; apparent size where no blocks."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in bundle_files(target):
        info = path.lstat()
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        blocks = getattr(info, "st_blocks", None)
        total += blocks * 512 if blocks is not None else info.st_size
    return total / (1024 * 1024)


NETWORK_FILES = re.compile(
    r"(^|[\\/])(lib)?(Qt6Network|QtNetwork)[^\\/]*$|(^|[\\/])_ssl[.\w-]*\.(so|pyd)$"
    r"|(^|[\\/])plugins[\\/](tls|networkinformation)[\\/]",
    re.IGNORECASE,
)


def check_no_network(folder: Path, step: str) -> None:
    found = [
        str(p.relative_to(folder))
        for p in bundle_files(folder)
        if NETWORK_FILES.search(str(p.relative_to(folder)))
    ]
    if found:
        raise SmokeFailure(
            "the bundle holds networking code it must not (bundle_filter broken?):\n"
            + indent("\n".join(sorted(found)))
        )
    ok(step, "no QtNetwork, TLS or ssl module in the bundle")


def check_linked_qt(internal: Path, step: str) -> None:
    """Linux: ldd every bundled shared library; a Qt/PySide library not found is a failure
    (something bundle_filter pruned is still needed); other missing system libraries are
    listed (e.g. libwayland-cursor, which Wayland desktops have)."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing: dict[str, set[str]] = {}
    for path in bundle_files(internal):
        if path.is_symlink() or not re.search(r"\.so(\.\d+)*$", path.name):
            continue
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        for line in done.stdout.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(str(path.relative_to(internal)))
    own = {
        lib: users
        for lib, users in missing.items()
        if re.match(r"lib(Qt6|pyside6|shiboken6|icu)", lib)
    }
    if own:
        lines = [f"{lib} (needed by {', '.join(sorted(users))})" for lib, users in own.items()]
        raise SmokeFailure("Qt libraries missing from the bundle:\n" + indent("\n".join(lines)))
    detail = "every Qt library and plugin finds its Qt libraries"
    if missing:
        detail += "; left to the target system (not on this build machine): " + ", ".join(
            sorted(missing)
        )
    ok(step, detail)
    xcb = sorted(
        lib
        for lib, users in missing.items()
        if any("libqxcb" in u or "libQt6XcbQpa" in u for u in users)
    )
    if xcb:
        print(
            f"WARNING   the xcb platform plugin needs {', '.join(xcb)}, missing on this build "
            "machine, so not bundled: the app will only start on Linux desktops that have them. "
            "Install them here and rebuild (build_scripts/PACKAGING.md, 'Linux').",
            flush=True,
        )


def ok(step: str, detail: str) -> None:
    print(f"ok    {step:>3}  {detail}", flush=True)


def left_behind(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("_MEI*"))


def smoke(args: argparse.Namespace) -> None:
    version = app_version()
    with tempfile.TemporaryDirectory(prefix="guidance-smoke-") as private:
        home = Path(private)
        env = private_env(home)
        if args.onefile:
            exe = (
                Path(args.onefile)
                if isinstance(args.onefile, str)
                else (ROOT / "dist" / f"policy-guidance-onefile{EXE_SUFFIX}")
            )
            if not exe.is_file():
                raise SmokeFailure(f"{exe} does not exist: build it with `make package ONEFILE=1`")
            cli = gui = exe
            target = exe
        else:
            target = Path(args.dist)
            cli = target / f"guidance-app{EXE_SUFFIX}"
            gui = target / f"policy-guidance{EXE_SUFFIX}"
            for exe in (cli, gui):
                if not exe.is_file():
                    raise SmokeFailure(f"{exe} does not exist: build it with `make package`")
        print(f"Smoke test of {target} (everything per-user in {home})", flush=True)

        output, _ = run([cli, "--version"], env, home)
        if version not in output:
            raise SmokeFailure(f"`{cli.name} --version` does not say {version}:\n{indent(output)}")
        ok("1", f"{cli.name} --version: {output.strip()}")

        output, took = run([cli, "validate"], env, home)
        if "Content is valid" not in output:
            raise SmokeFailure(
                f"`{cli.name} validate` did not say the content is valid:\n" + indent(output)
            )
        ok("2", f"{cli.name} validate ({took:.1f} s): {output.strip().splitlines()[-1]}")

        self_test_twice(cli, env, home)
        import_documents(cli, env, home)
        gui_probe(gui, env, home, "5")

        if args.onefile:
            leftovers = left_behind(home / "tmp")
            if leftovers:
                raise SmokeFailure(f"one-file extraction folders left behind: {leftovers}")
            ok("6", "no _MEI* extraction folder left in TMPDIR")
        else:
            check_no_network(target, "6a")
            internal = target / "_internal"
            check_linked_qt(internal if internal.is_dir() else target, "6b")

    size = disk_mb(target)
    if size >= MAX_MB:
        raise SmokeFailure(f"{target} is {size:.1f} MB; the budget is under {MAX_MB} MB")
    ok("7", f"size of {target}: {size:.1f} MB (budget: under {MAX_MB} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dist",
        default=str(ROOT / "dist" / "PolicyGuidance"),
        help="the one-folder app (default: dist/PolicyGuidance)",
    )
    parser.add_argument(
        "--onefile",
        nargs="?",
        const=True,
        default=None,
        metavar="EXE",
        help="test the one-file executable (default: dist/policy-guidance-onefile)",
    )
    args = parser.parse_args()
    try:
        smoke(args)
    except SmokeFailure as exc:
        print(f"\nsmoke_frozen: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    print("smoke_frozen: all checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
