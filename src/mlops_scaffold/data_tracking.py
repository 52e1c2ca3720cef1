"""A repo's existing data put under DVC: found for the plan, tracked when the plan is applied.

`mlops add dvc` finds the files in the repo's data folders that DVC does not track yet, and
elsewhere the large data and model files the doctor reports (DATA003, the same definition:
`repo.data_files`); with `--track-data` it runs `git rm -r --cached` (on what git tracks)
and `dvc add` on them. The files stay where they are, byte for byte: they are checked once
DVC is done, and a failure or an interruption puts back git's index, the ignore files and
every file as it was.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import tempfile
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import yaml

from mlops_scaffold import vcs
from mlops_scaffold.errors import MlopsError
from mlops_scaffold.repo.data_files import too_big_for_git

DATA_FOLDERS = ("data", "datasets", "dataset")
"""The top-level folders whose files are data sets, whatever their extension."""
NOT_DATA = frozenset({".gitignore", ".gitkeep", ".keep", ".DS_Store"})
"""Files a data folder holds that are not data (and `*.dvc` files: DVC's own)."""
_OUTPUT_KINDS = ("outs", "metrics", "plots")


class DataTrackingError(MlopsError):
    """DVC could not track the data; the repo was put back as it was."""


@dataclass(frozen=True)
class DataTarget:
    """A folder or file to `dvc add`, and the files it holds."""

    path: str
    files: tuple[str, ...]
    in_git: bool
    """Whether git tracks some of its files (they leave git's index first)."""

    def describe(self) -> str:
        """`data/raw/ (3 files, in git)` or `data/x.csv (in git)`, as the plan shows it."""
        shown = f"{self.path}/" if self.files != (self.path,) else self.path
        count = f"{len(self.files)} files" if len(self.files) > 1 else ""
        facts = ", ".join(part for part in (count, "in git" if self.in_git else "") if part)
        return f"{shown} ({facts})" if facts else shown


@dataclass(frozen=True)
class RefusedData:
    """Data left as it is, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class ExistingData:
    """The repo's data that DVC does not track yet."""

    targets: tuple[DataTarget, ...] = ()
    refused: tuple[RefusedData, ...] = ()

    def command(self) -> str:
        """The shell commands that track the targets, as `--track-data` runs them."""
        quoted = [shlex.quote(target.path) for target in self.targets]
        in_git = [shlex.quote(target.path) for target in self.targets if target.in_git]
        add = f"dvc add {' '.join(quoted)}"
        return f"git rm -r --cached {' '.join(in_git)} && {add}" if in_git else add

    def dvc_files(self) -> list[str]:
        """The `.dvc` files `dvc add` writes, for the user to commit."""
        return [f"{target.path}.dvc" for target in self.targets]


def pipeline_outputs(dvc_yaml: bytes | None) -> dict[str, str]:
    """The paths a dvc.yaml's stages write (outs, metrics, plots) -> the stage writing each."""
    try:
        document = yaml.safe_load(dvc_yaml or b"")
    except yaml.YAMLError:
        return {}
    stages = document.get("stages") if isinstance(document, dict) else None
    found: dict[str, str] = {}
    for name, stage in (stages or {}).items() if isinstance(stages, dict) else ():
        for kind in _OUTPUT_KINDS:
            entries = stage.get(kind) if isinstance(stage, dict) else None
            for entry in entries if isinstance(entries, list) else ():
                for path in entry if isinstance(entry, dict) else [entry]:
                    if isinstance(path, str):
                        found[path.strip("/")] = str(name)
    return found


def find_existing_data(
    root: Path,
    tracked_outputs: Collection[str],
    new_outputs: Mapping[str, str],
    sizes: Mapping[str, int],
) -> ExistingData:
    """The files of the repo's data folders that DVC does not track, grouped into targets, and
    the files elsewhere that are too big for git (`sizes`: what git tracks or would add).

    `tracked_outputs` are what the repo's own dvc.yaml writes (DVC's already); `new_outputs`
    what the added dvc.yaml's stages will write, by stage. A target is a whole folder unless
    a stage writes inside it (DVC refuses overlapping outputs): then its parts, one by one.
    A file outside the data folders is a target of its own.
    """
    files, dvc_tracked = _data_files(root)
    elsewhere = [
        rel
        for rel, _ in too_big_for_git(sizes)
        if rel.split("/", 1)[0] not in DATA_FOLDERS and not _has_dvc_file(root, rel)
    ]
    covered = [*dvc_tracked, *tracked_outputs]
    files = [rel for rel in files if not any(_within(rel, path) for path in covered)]
    elsewhere = [rel for rel in elsewhere if not any(_within(rel, path) for path in covered)]
    if not files and not elsewhere:
        return ExistingData()
    in_git = vcs.tracked_under(root, sorted({*(rel.split("/", 1)[0] for rel in files), *elsewhere}))
    targets: list[DataTarget] = []
    refused: list[RefusedData] = []
    for folder in DATA_FOLDERS:
        inside = [rel for rel in files if rel.startswith(f"{folder}/")]
        if inside:
            _split(folder, inside, new_outputs, in_git, targets, refused)
    for rel in sorted(elsewhere):
        writer = next((stage for out, stage in new_outputs.items() if _within(rel, out)), None)
        if writer is None:
            targets.append(DataTarget(rel, (rel,), rel in in_git))
        else:
            refused.append(RefusedData(rel, f"the added dvc.yaml's stage {writer!r} writes it"))
    rules = vcs.ignore_rules(root, [f"{target.path}.dvc" for target in targets])
    kept: list[DataTarget] = []
    for target in targets:
        rule = rules.get(f"{target.path}.dvc")
        if rule is None:
            kept.append(target)
        else:
            refused.append(
                RefusedData(
                    target.path,
                    f"its {target.path}.dvc would be git-ignored ({rule}), which DVC refuses: "
                    "ignore the data files, not the folder (`data/**` and `!data/**/` and "
                    "`!*.dvc`), and add again",
                )
            )
    return ExistingData(tuple(kept), tuple(refused))


def _data_files(root: Path) -> tuple[list[str], list[str]]:
    """The regular files of the data folders, and the paths their `.dvc` files track."""
    files: list[str] = []
    dvc_tracked = [name for name in DATA_FOLDERS if (root / f"{name}.dvc").is_file()]
    for name in DATA_FOLDERS:
        top = root / name
        if not top.is_dir() or top.is_symlink():
            continue
        for folder, dirs, names in os.walk(top):
            dirs.sort()
            base = Path(folder).relative_to(root).as_posix()
            for file_name in sorted(names):
                rel = f"{base}/{file_name}"
                if file_name.endswith(".dvc"):
                    dvc_tracked.append(rel.removesuffix(".dvc"))
                elif file_name not in NOT_DATA and _is_regular(root / rel):
                    files.append(rel)
    return files, dvc_tracked


def _has_dvc_file(root: Path, rel: str) -> bool:
    """Whether a `.dvc` file tracks the file or a folder above it."""
    parts = rel.split("/")
    return any(
        (root / f"{'/'.join(parts[:end])}.dvc").is_file() for end in range(1, len(parts) + 1)
    )


def _is_regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _within(rel: str, path: str) -> bool:
    return rel == path or rel.startswith(f"{path}/")


def _split(
    folder: str,
    files: list[str],
    outputs: Mapping[str, str],
    in_git: Collection[str],
    targets: list[DataTarget],
    refused: list[RefusedData],
) -> None:
    """`folder` as one target, or (a stage writes inside it) each of its parts."""
    if folder in outputs:
        refused.append(
            RefusedData(folder, f"the added dvc.yaml's stage {outputs[folder]!r} writes it")
        )
        return
    if not any(out.startswith(f"{folder}/") for out in outputs):
        tracked = any(rel in in_git for rel in files)
        targets.append(DataTarget(folder, tuple(files), tracked))
        return
    parts: dict[str, list[str]] = {}
    for rel in files:
        part = f"{folder}/{rel[len(folder) + 1 :].split('/', 1)[0]}"
        parts.setdefault(part, []).append(rel)
    for part, inside in parts.items():
        _split(part, inside, outputs, in_git, targets, refused)


# -- tracking -----------------------------------------------------------------------------


def track_with_dvc(root: Path, data: ExistingData) -> None:
    """`git rm -r --cached` what git tracks of the targets, then `dvc add` them all.

    Every file is where it was with the same bytes afterwards (checked); on a failure or an
    interruption the index, the ignore files and the files are put back, no `.dvc` file stays.
    """
    if not data.targets:
        return
    files = [rel for target in data.targets for rel in target.files]
    before = {rel: (_digest(root / rel), (root / rel).stat().st_mode) for rel in files}
    index = vcs.index_path(root)
    saved_index = index.read_bytes() if index.is_file() else None
    ignores = {root / ".gitignore"} | {
        (root / target.path).parent / ".gitignore" for target in data.targets
    }
    saved_ignores = {path: path.read_bytes() if path.is_file() else None for path in ignores}
    with _kept_aside(root, files) as kept:
        try:
            in_git = [target.path for target in data.targets if target.in_git]
            if in_git:
                vcs.untrack(root, in_git)
            vcs.dvc(root, "add", "--quiet", *(target.path for target in data.targets))
            changed = [rel for rel in files if _digest(root / rel) != before[rel][0]]
            if changed:
                raise DataTrackingError(
                    f"dvc add changed {changed[0]}; everything was put back as it was"
                )
        except BaseException:
            if saved_index is not None:
                index.write_bytes(saved_index)
            for path, blob in saved_ignores.items():
                if blob is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(blob)
            for name in data.dvc_files():
                (root / name).unlink(missing_ok=True)
            _put_back(root, kept, before)
            raise


@contextmanager
def _kept_aside(root: Path, files: list[str]) -> Iterator[dict[str, Path]]:
    """A second name for each file (a hard link; a copy where links fail) while DVC runs:
    DVC moves a file into its cache before it puts a copy back."""
    folder = Path(tempfile.mkdtemp(prefix=".mlops-staging-data-", dir=root))
    try:
        kept: dict[str, Path] = {}
        for number, rel in enumerate(files):
            kept[rel] = folder / str(number)
            try:
                os.link(root / rel, kept[rel])
            except OSError:
                shutil.copy2(root / rel, kept[rel])
        yield kept
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _put_back(root: Path, kept: Mapping[str, Path], before: Mapping[str, tuple[str, int]]) -> None:
    """Every file that is missing or changed gets its bytes and mode back."""
    for rel, (digest, mode) in before.items():
        target = root / rel
        if _is_regular(target) and _digest(target) == digest:
            continue
        with suppress(OSError):
            target.unlink(missing_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept[rel], target)
            target.chmod(mode)


def _digest(path: Path) -> str:
    """The file's SHA-256 (read in chunks: data files may be large); "" when unreadable."""
    sha = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                sha.update(chunk)
    except OSError:
        return ""
    return sha.hexdigest()
