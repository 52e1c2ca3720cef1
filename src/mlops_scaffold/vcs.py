"""Every git call of the tool: one runner, in the foreground (`git`) or the background
(`GitCommand`), and what the verbs ask of git built on it.

- a new project's first commit (`initial_commit`), and taking it back (`take_back_commit`);
- later commits of some paths only (`commit`: the first training run's outputs);
- the pristine store: what mlops last rendered into a repo, kept as a commit on
  `refs/mlops/pristine` that no branch points to (the base of `mlops update`'s merges);
- the read-only listings the repo view starts (`ls-files`, `grep`, `check-attr`);
- `merge-file`, the three-way merge of one file;
- `dvc init` and `dvc add`, which put a repo's existing data under DVC.
"""

from __future__ import annotations

import _thread
import os
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, Generic, TypeVar

from mlops_scaffold.errors import MlopsError, StepFailedError, ToolMissingError

FIRST_COMMIT_SUBJECT = "Initial project from mlops-scaffold"
"""How the commit holding `mlops new`'s pristine render begins (`mlops update` looks for it)."""
PRISTINE_REF = "refs/mlops/pristine"
"""Where the commit holding what mlops last rendered into a repo is kept."""
BACKGROUND_TIMEOUT_SECONDS = 300
CHUNK_BYTES = 1 << 20
ANY_EXIT = range(256)

T = TypeVar("T")


def git_available() -> bool:
    """Whether a `git` program is on PATH."""
    import shutil  # here and below: the doctor's git commands do without shutil and tempfile

    return shutil.which("git") is not None


def git(
    repo: Path,
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    ok: Collection[int] = (0,),
) -> subprocess.CompletedProcess[bytes]:
    """Run one git command in `repo`; StepFailedError when its exit code is not in `ok`."""
    if not git_available():
        raise ToolMissingError("git is not installed", hint="install git, or pass --no-git")
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        input=stdin,
        capture_output=True,
        env={**os.environ, **env} if env else None,
        check=False,
    )
    if done.returncode not in ok:
        verb = next(arg for arg in args if not arg.startswith("-") and "=" not in arg)
        message = done.stderr.decode(errors="replace").strip()
        first = (message.splitlines() or ["no message"])[0]
        raise StepFailedError(f"git {verb} failed: {first}", message)
    return done


def git_text(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """What one git command printed, as text (see `git`)."""
    return git(repo, *args, env=env).stdout.decode(errors="replace")


class GitCommand(Generic[T]):
    """A read-only git command, running in the background from the moment it is created.

    `parse` turns its output, read in chunks as git writes it, into the value that
    `output()` returns, so a large listing is never held whole in memory.
    """

    def __init__(
        self,
        root: Path,
        *args: str,
        parse: Callable[[Iterator[bytes]], T],
        ok: Collection[int] = (0,),
        ahead: bool = False,
    ) -> None:
        self._value: T | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._done = threading.Event()
        self._job = (["git", "-C", str(root), *args], ok, parse)
        _TURNS.enter(self, ahead)

    def start(self) -> None:
        """Run the command in a thread of its own (`_Turns` calls this when its turn comes)."""
        # A bare thread, not threading.Thread, whose start() waits until the new thread
        # runs: those waits cost 0.15-0.4 s of a cold run on a loaded machine. Like a
        # daemon thread, an answer nobody asked for never delays the exit.
        try:
            _thread.start_new_thread(self._run, self._job)
        except RuntimeError:  # no thread to be had: run it in the caller's, its turn ends
            self._run(*self._job)

    def _run(
        self, command: list[str], ok: Collection[int], parse: Callable[[Iterator[bytes]], T]
    ) -> None:
        try:
            self._value = self._read(command, ok, parse)
        finally:
            self._done.set()
            _TURNS.leave()

    def _read(
        self, command: list[str], ok: Collection[int], parse: Callable[[Iterator[bytes]], T]
    ) -> T | None:
        try:
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError:
            return None  # no git
        with self._process as process:
            stdout = process.stdout
            assert stdout is not None
            value = parse(iter(lambda: stdout.read(CHUNK_BYTES), b""))
        return value if process.returncode in ok else None

    def output(self) -> T | None:
        """What the command printed, parsed; None when git is missing, failed or hung."""
        _TURNS.now(self)
        if not self._done.wait(BACKGROUND_TIMEOUT_SECONDS) and self._process is not None:
            self._process.kill()
            self._done.wait()
            return None
        return self._value


class _Turns:
    """The background git commands take turns: at most `at_once` run together, the others
    wait in the order they were created (one created `ahead` before those waiting), and
    one whose output is asked for runs at once.

    The doctor starts about thirty (its listings, then its searches); all started together
    on two CPUs, the listing it needs first came back only when most searches had (0.1 s
    to 0.3 s of waiting), while in turns each comes back about when it is first needed.
    The searches of every file, the longest, go ahead of the others: the last to end is
    then a short one, and the audit forks its second process sooner (see `settle`)."""

    def __init__(self, at_once: int) -> None:
        self.at_once = at_once
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._running = 0
        self._ahead: deque[GitCommand[Any]] = deque()  # waiting, to start before the others
        self._waiting: deque[GitCommand[Any]] = deque()

    def enter(self, command: GitCommand[Any], ahead: bool = False) -> None:
        """Start `command` now if there is room, else queue it (`ahead`: before the others
        waiting, after those queued ahead before it)."""
        with self._lock:
            start = self._running < self.at_once
            if start:
                self._running += 1
            else:
                (self._ahead if ahead else self._waiting).append(command)
        if start:
            command.start()

    def now(self, command: GitCommand[Any]) -> None:
        """Start `command` at once if it is still queued: its output is wanted."""
        with self._lock:
            queue = next((q for q in (self._ahead, self._waiting) if command in q), None)
            if queue is None:
                return
            queue.remove(command)
            self._running += 1
        command.start()

    def leave(self) -> None:
        """A command ended: start the next one in the queue."""
        with self._lock:
            self._running -= 1
            queue = self._ahead or self._waiting
            following = queue.popleft() if queue else None
            if following is not None:
                self._running += 1
            elif not self._running:
                self._idle.notify_all()
        if following is not None:
            following.start()

    def settle(self, timeout: float) -> bool:
        """Wait until every command created so far has ended (the queued ones run in
        turn); False when some still runs after `timeout` seconds."""
        with self._idle:
            return self._idle.wait_for(
                lambda: not (self._running or self._ahead or self._waiting), timeout
            )


# One command per CPU (two at least: one may be waiting on the disk); more only share
# the CPUs, and each comes back later.
_TURNS = _Turns(at_once=max(2, os.cpu_count() or 2))


def settle(timeout: float) -> bool:
    """Wait until no background git command runs (False when one still does after `timeout`
    seconds): then a process forked from this one waits for no output that a thread of
    this one was reading (a child has none of its parent's threads)."""
    return _TURNS.settle(timeout)


def _joined(chunks: Iterator[bytes]) -> bytes:
    return b"".join(chunks)


def background(
    root: Path, *args: str, ok: Collection[int] = (0,), ahead: bool = False
) -> GitCommand[bytes]:
    """A `GitCommand` whose output is its raw bytes (`ahead`: see `_Turns`)."""
    return GitCommand(root, *args, parse=_joined, ok=ok, ahead=ahead)


# Switch off what a user's git configuration may switch on (line numbers, full names...).
# One thread per grep: `_TURNS` runs one grep per CPU already, and git's default of a
# thread per CPU in each made them crowd out the audit's own Python while they ran.
GREP_DEFAULTS = (
    "--no-color",
    "--no-line-number",
    "--no-column",
    "--no-full-name",
    "--no-recurse-submodules",
    "--threads=1",
)


def grep(
    root: Path,
    search: frozenset[bytes] | str | tuple[str, ...],
    *,
    untracked: bool,
    within: Sequence[str] = (),
    matches: bool = False,
    lines: bool = False,
    prefilter: str | None = None,
    ahead: bool = False,
) -> GitCommand[bytes]:
    """`git grep -l`: the text files (among the pathspecs `within`, when given) holding one
    of a group of fixed strings, or a line matching a Perl pattern (or one of a tuple of
    them: one `-e` each, which git looks for one by one, skipping from match to match, far
    faster than one alternation of them); NUL-separated.

    `prefilter`, a Perl pattern that every line matching `search` matches too (its
    required literals, see `repo.required_text`), is tried on each line first: git tries
    `search` only on the lines it matches (`--and`), and lists the same files.

    Only the names: `-o` made git print every occurrence, which on notebooks and JSON data
    with megabyte-long lines cost seconds. With `matches`, `-o` all the same, for a short
    anchored pattern: `path NUL match LF` per match (see `listing.grep_matches`). With
    `lines`, `-n`: `path NUL number NUL line LF` per line found (see `listing.grep_lines`),
    each line once however many occurrences it holds. A pattern fails (None) on a git
    built without PCRE. `ahead`: started before the greps waiting their turn (`_Turns`).
    """
    mode = "-o" if matches else "-n" if lines else "-l"
    options = ["-z", "-I", *GREP_DEFAULTS, mode]  # after --no-line-number: `-n` wins
    if untracked:
        options.append("--untracked")
    if isinstance(search, tuple):
        patterns = ["-P", *(arg for pattern in search for arg in ("-e", pattern))]
    elif isinstance(search, str):
        patterns = ["-P", "-e", search]
        if prefilter is not None and mode == "-l":  # with -o or -n, git would print its matches
            patterns = ["-P", "-e", prefilter, "--and", "-e", search]
    else:
        patterns = [
            "-F",
            *(arg for literal in sorted(search) for arg in ("-e", os.fsdecode(literal))),
        ]
    pathspecs = ["--", *within] if within else []
    # 1: no match
    return background(root, "grep", *options, *patterns, *pathspecs, ok=(0, 1), ahead=ahead)


def check_attr_diff(root: Path, paths: bytes) -> bytes | None:
    """`git check-attr -z --stdin diff` over NUL-separated `paths`; None when it fails."""
    try:
        done = git(root, "check-attr", "-z", "--stdin", "diff", stdin=paths)
    except (MlopsError, OSError):
        return None
    return done.stdout


def has_identity(repo: Path) -> bool:
    """Whether git knows who commits (user.name and user.email set somewhere)."""
    try:
        return all(git_text(repo, "config", key).strip() for key in ("user.name", "user.email"))
    except StepFailedError:  # `git config KEY` exits 1 when the key is unset
        return False


def author_identity() -> dict[str, str]:
    """`author_name` and `author_email` from `git config user.name/user.email`, those that are set.

    A value the template would refuse (an e-mail without a dot in its domain, a name on several
    lines) is left out, so the template's own default applies instead.
    """
    if not git_available():
        return {}
    found: dict[str, str] = {}
    for answer, key, usable in (
        ("author_name", "user.name", r"[^\x00-\x1f\x7f]+"),
        ("author_email", "user.email", r"[^@\s]+@[^@\s]+[.][^@\s]+"),
    ):
        try:  # `git config KEY` exits 1 when the key is unset
            value = git_text(Path.cwd(), "config", "--get", key).strip()
        except StepFailedError:
            continue
        if re.fullmatch(usable, value):
            found[answer] = value
    return found


def initial_commit(
    repo: Path, message: str, author: tuple[str, str], paths: Sequence[str] = ()
) -> str:
    """`git init` (unless a repository exists), then `commit`; returns the new commit's hash."""
    if not (repo / ".git").exists():
        git(repo, "init", "--quiet", "--initial-branch=main")
    return commit(repo, message, author, paths)


def commit(repo: Path, message: str, author: tuple[str, str], paths: Sequence[str] = ()) -> str:
    """Commit `paths` (all when empty) and nothing else the user had staged; return its hash.

    The author answers stand in for a git identity only where the user has none.
    """
    git(repo, "add", "--", *(paths or ["."]))
    identity: list[str] = []
    if not has_identity(repo):
        identity = ["-c", f"user.name={author[0]}", "-c", f"user.email={author[1]}"]
    only = ["--", *paths] if paths else []  # never sweep in what the user had staged
    git(repo, *identity, "commit", "--quiet", "--no-verify", "-m", message, *only)
    return git_text(repo, "rev-parse", "HEAD").strip()


def head(repo: Path) -> str | None:
    """The commit HEAD points to, or None on a branch with no commit yet (or without git)."""
    try:
        return git_text(repo, "rev-parse", "--verify", "--quiet", "HEAD").strip() or None
    except (StepFailedError, ToolMissingError):
        return None


def take_back_commit(repo: Path, head_before: str | None, paths: Sequence[str]) -> None:
    """Undo an `initial_commit` of `paths` into an existing repo, made or only staged.

    HEAD goes back to `head_before` (softly: no file is touched) and `paths` leave the index;
    whatever else the user had staged stays.
    """
    with suppress(StepFailedError, ToolMissingError):
        if head(repo) != head_before:  # stopped just after committing
            if head_before is None:
                git(repo, "update-ref", "-d", "HEAD")
            else:
                git(repo, "reset", "--soft", "--quiet", head_before)
        try:
            git(repo, "reset", "--quiet", "--", *paths)
        except StepFailedError:  # no commit yet, so nothing to reset to
            git(repo, "rm", "--cached", "--quiet", "--ignore-unmatch", "--", *paths)


def git_top(folder: Path) -> Path | None:
    """The top of the git working tree `folder` is in, or None outside one (or without git)."""
    if not git_available():
        return None
    done = git(folder, "rev-parse", "--show-toplevel", ok=ANY_EXIT)
    return Path(done.stdout.decode().strip()).resolve() if done.returncode == 0 else None


def is_git_repo(root: Path) -> bool:
    """Whether `root` is the top of a git working tree."""
    return git_top(root) == root.resolve()


def ignore_rules(root: Path, paths: Sequence[str]) -> dict[str, str]:
    """Of `paths`, those git would ignore, each with the rule that does (`.gitignore:3: docs/`)."""
    if not paths or git_top(root) is None:
        return {}
    done = git(
        root,
        "check-ignore", "--verbose", "--non-matching", "-z", "--stdin",
        stdin=b"\0".join(path.encode() for path in paths),
        ok=(0, 1),
    )  # fmt: skip
    fields = done.stdout.decode(errors="replace").split("\0")
    rules: dict[str, str] = {}
    for source, line, pattern, path in zip(*[iter(fields)] * 4, strict=False):
        if source and not pattern.startswith("!"):
            rules[path] = f"{source}:{line}: {pattern}"
    return rules


def tracked_matching(root: Path, pattern: str) -> list[str]:
    """The tracked files a .gitignore line would match (`/data/`: everything under data/)."""
    if git_top(root) is None:
        return []
    done = git(root, "ls-files", "-z", "--cached", "--ignored", f"--exclude={pattern}", ok=ANY_EXIT)
    return [path for path in done.stdout.decode(errors="replace").split("\0") if path]


def dirty_paths(root: Path) -> list[str]:
    """Paths `git status` reports as modified, staged or untracked."""
    status = git(root, "status", "--porcelain", "--untracked-files=normal")
    return [line[3:] for line in status.stdout.decode(errors="replace").splitlines()]


def tracked_under(root: Path, paths: Sequence[str]) -> set[str]:
    """The files git tracks (in its index) under `paths`."""
    if not paths or git_top(root) is None:
        return set()
    done = git(root, "ls-files", "-z", "--cached", "--", *paths)
    return {path for path in done.stdout.decode(errors="replace").split("\0") if path}


def untrack(root: Path, paths: Sequence[str]) -> None:
    """`git rm -r --cached`: git stops tracking `paths`; the files stay in the working tree."""
    git(root, "rm", "-r", "--cached", "--quiet", "--", *paths)


def index_path(root: Path) -> Path:
    """Where the repo's git index is (kept aside before a step that changes it)."""
    return root / git_text(root, "rev-parse", "--git-path", "index").strip()


def dvc_program() -> str | None:
    """The `dvc` on PATH, or the one installed beside this Python; None when neither is."""
    beside = Path(sys.executable).parent / "dvc"
    import shutil

    return shutil.which("dvc") or (str(beside) if beside.is_file() else None)


def dvc(root: Path, *args: str) -> None:
    """Run one dvc command in `root`; StepFailedError when it fails."""
    program = dvc_program()
    if program is None:
        raise ToolMissingError("dvc is not installed", hint="pip install dvc, then run again")
    # No usage report leaves the machine from a run mlops starts.
    env = {**os.environ, "DVC_NO_ANALYTICS": "1"}
    done = subprocess.run([program, *args], cwd=root, capture_output=True, env=env, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).decode(errors="replace").strip()
        first = next((line for line in message.splitlines() if "ERROR" in line), None)
        first = first or (message.splitlines() or ["no message"])[-1]
        raise StepFailedError(f"dvc {args[0]} failed: {first.strip()}", message)


def merge_file(
    ours: bytes, base: bytes, theirs: bytes, labels: Sequence[str]
) -> tuple[bytes, bool]:
    """`git merge-file -p` of three versions of one file: the result, and whether it conflicts.

    `labels` name ours, base and theirs in the conflict markers.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mlops-merge-") as scratch:
        paths = [Path(scratch, name) for name in ("ours", "base", "theirs")]
        for path, blob in zip(paths, (ours, base, theirs), strict=True):
            path.write_bytes(blob)
        done = git(
            Path(scratch),
            "merge-file",
            "-p",
            *[arg for name in labels for arg in ("-L", name)],
            *map(str, paths),
            ok=range(0, 128),
        )
    return done.stdout, done.returncode != 0


# -- the pristine store -------------------------------------------------------------------


class MissingBaseError(MlopsError):
    """The pristine render recorded in .mlops.yml is not in this clone."""


def store_pristine(
    root: Path, files: dict[str, bytes], parent: str | None, *, keep: bool = True
) -> str:
    """Write `files` as a commit object (not on any branch); return its hash.

    The working tree, the index and HEAD are not touched; call `set_pristine_ref`
    once the files are in place. With `keep=False` (a dry run, a check) the objects go to
    a scratch store that is thrown away: the repo's `.git` is only read, and may be read-only.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mlops-index-") as scratch:
        env = {
            "GIT_INDEX_FILE": str(Path(scratch, "index")),
            "GIT_AUTHOR_NAME": "mlops-scaffold",
            "GIT_AUTHOR_EMAIL": "mlops-scaffold@localhost",
            "GIT_COMMITTER_NAME": "mlops-scaffold",
            "GIT_COMMITTER_EMAIL": "mlops-scaffold@localhost",
        }
        if not keep:
            objects = git_text(root, "rev-parse", "--git-path", "objects").strip()
            env["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = str((root / objects).resolve())
            env["GIT_OBJECT_DIRECTORY"] = str(Path(scratch, "objects"))
            Path(scratch, "objects").mkdir()  # git finds no repository without it
        entries = []
        for path, blob in sorted(files.items()):
            sha = git(root, "hash-object", "-w", "--stdin", stdin=blob, env=env)
            entries.append(f"100644 {sha.stdout.decode().strip()}\t{path}")
        index_info = "\n".join(entries).encode()
        git(root, "update-index", "--add", "--index-info", stdin=index_info, env=env)
        tree = git_text(root, "write-tree", env=env).strip()
        parents = ["-p", parent] if parent else []
        message = b"What mlops-scaffold rendered into this project (base of mlops update)\n"
        commit = git(root, "commit-tree", tree, *parents, stdin=message, env=env)
    return commit.stdout.decode().strip()


def set_pristine_ref(root: Path, commit: str) -> None:
    """Point refs/mlops/pristine at `commit`, keeping its objects from garbage collection."""
    git(root, "update-ref", PRISTINE_REF, commit)


def has_commit(root: Path, commit: str) -> bool:
    """Whether the repo holds `commit` (a clone may lack refs/mlops/*)."""
    return git(root, "cat-file", "-e", f"{commit}^{{commit}}", ok=ANY_EXIT).returncode == 0


def read_tree(root: Path, commit: str) -> dict[str, bytes]:
    """Every file of `commit` by path."""
    listing = git(root, "ls-tree", "-r", "-z", commit).stdout.decode("utf-8").split("\0")
    files: dict[str, bytes] = {}
    for entry in filter(None, listing):
        meta, path = entry.split("\t", 1)
        _mode, kind, sha = meta.split()
        if kind == "blob":
            files[path] = git(root, "cat-file", "blob", sha).stdout
    return files


def find_pristine(root: Path, recorded: str | None, from_new: bool) -> str | None:
    """The commit holding what mlops last rendered here, or None when there is none.

    `recorded` comes from .mlops.yml; without it, a project `mlops new` made has its
    pristine render as its first commit.
    """
    if not is_git_repo(root):
        return None
    if recorded:
        if not has_commit(root, recorded):
            raise MissingBaseError(
                f"the pristine render {recorded[:12]} recorded in .mlops.yml is not in this clone",
                hint=f"fetch it: git fetch origin '{PRISTINE_REF}:{PRISTINE_REF}'",
            )
        return recorded
    if not from_new:
        return None
    roots = git(root, "rev-list", "--max-parents=0", "HEAD", ok=ANY_EXIT)
    found = roots.stdout.decode().split()
    if roots.returncode != 0 or not found:
        return None
    # Only a first commit that `mlops new` made holds a pristine render; a user's own first
    # commit (after `mlops new --force` into an existing repo) must never serve as the base.
    subject = git(root, "log", "-1", "--format=%s", found[-1], ok=ANY_EXIT)
    return found[-1] if subject.stdout.decode().startswith(FIRST_COMMIT_SUBJECT) else None
