"""Re-compile the hash-locked requirement files that the project template ships.

Usage: python scripts/lock_template_requirements.py [--upgrade]

Renders the template once per tracking option, runs the generated project's own
`make lock` there (the same `uv pip compile --universal --generate-hashes
--python-version <oldest>` a user runs: one lock for Linux, macOS and Windows and
every Python from the oldest supported one in mlops_scaffold's versions table on),
and copies the locks back into the template. Without --upgrade, uv keeps the pins
already shipped and only resolves what changed in the .in files.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "project"
REQUIREMENTS = TEMPLATE / "template" / "requirements"
TRACKING_OPTIONS = ("dvc", "mlflow")
# Locks whose content does not depend on the tracking answer.
SHARED_LOCKS = ("serve", "load", "build", "uv")
# Locks that pull in train.in, which adds mlflow when tracking == 'mlflow'.
TRACKING_LOCKS = ("train", "dev")


def tracking_lock_name(lock: str, tracking: str) -> str:
    """The template file name that renders to `<lock>.txt` only for one tracking answer."""
    return f"{{% if tracking == '{tracking}' %}}{lock}.txt{{% endif %}}"


def find_uv() -> str:
    """The uv next to this interpreter (the dev venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    if found is None:
        raise SystemExit("uv not found: pip install uv")
    return found


def render_requirements(tracking: str, dest: Path) -> Path:
    """Render the template into dest for one tracking answer; return its requirements folder."""
    import copier

    from mlops_scaffold.versions import load

    copier.run_copy(
        str(TEMPLATE),
        str(dest),
        # The locks cover every supported Python: resolve from the oldest in the table.
        data={"project_name": "Lock", "tracking": tracking, "lock_python": load().oldest},
        defaults=True,
        quiet=True,
        overwrite=True,
        unsafe=False,
    )
    return dest / "requirements"


def compile_locks(project: Path, upgrade: bool) -> None:
    """Run the rendered project's `make lock`, the command its users run."""
    command = ["make", "--no-print-directory", "lock", f"UV={find_uv()}"]
    if upgrade:
        command.append("LOCK_FLAGS=--upgrade")
    subprocess.run(command, cwd=project, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="move every pin to the newest")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mlops-locks-") as tmp:
        compiled: dict[str, Path] = {}
        for tracking in TRACKING_OPTIONS:
            project = Path(tmp) / tracking
            requirements = render_requirements(tracking, project)
            compile_locks(project, args.upgrade)
            for lock in TRACKING_LOCKS:
                target = REQUIREMENTS / tracking_lock_name(lock, tracking)
                shutil.copyfile(requirements / f"{lock}.txt", target)
            compiled[tracking] = requirements
        for lock in SHARED_LOCKS:
            first, *others = (compiled[tracking] / f"{lock}.txt" for tracking in TRACKING_OPTIONS)
            for other in others:
                if not filecmp.cmp(first, other, shallow=False):
                    raise SystemExit(f"{lock}.txt differs between tracking options")
            shutil.copyfile(first, REQUIREMENTS / f"{lock}.txt")
    print(f"locks written to {REQUIREMENTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
