"""Which of the template's requirements a repo's lock gets: those its components' code imports.

`mlops add lock` in a repo mlops did not make compiles the repo's own dependencies plus,
per lock set, only the template requirements that the components it has (or is adding)
import or run. The template's version floor stays only if that code needs it; else the name
goes in alone, and the repo's ranges decide.
`mlops new` projects keep the template's `.in` files as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mlops_scaffold.repo.parsers import include_of, requirement_lines


@dataclass(frozen=True)
class Need:
    """Why components need one requirement of one lock set."""

    components: tuple[str, ...]
    why: str
    """What of theirs imports or runs it, as the plan and a conflict message say it."""
    floor: bool = False
    """The template's version floor is what that code needs (else the name alone)."""


NEEDS: dict[tuple[str, str], Need] = {
    # train.in: the dvc pipeline modules (data, train, evaluate, artifact) and the model tests.
    ("train", "numpy"): Need(("dvc", "tests"), "the pipeline's arrays"),
    ("train", "pandas"): Need(("dvc", "tests"), "the pipeline's data frames"),
    ("train", "pyyaml"): Need(("dvc", "serve"), "config.py reading params.yaml"),
    ("train", "scikit-learn"): Need(
        ("dvc",), "the pipeline's evaluation (root_mean_squared_error) and ONNX export", True
    ),
    ("train", "skl2onnx"): Need(("dvc",), "the ONNX export of scikit-learn 1.5 models", True),
    ("train", "onnx"): Need(("dvc",), "the ONNX export (opsets the runtime reads)", True),
    ("train", "onnxruntime"): Need(
        ("dvc", "tests"), "the export's parity check and the model tests", True
    ),
    ("train", "mlflow"): Need(("dvc",), "the pipeline's experiment tracking (tracking.py)"),
    # serve.in: the FastAPI service and its monitoring.
    ("serve", "fastapi"): Need(("serve",), "the service's typed routes", True),
    ("serve", "fastapi-offline"): Need(("serve",), "the service's offline /docs"),
    ("serve", "uvicorn"): Need(("serve",), "the service's server"),
    ("serve", "onnxruntime"): Need(("serve",), "the service's model runtime", True),
    ("serve", "numpy"): Need(("serve",), "the service's model inputs"),
    ("serve", "pyyaml"): Need(("serve",), "config.py reading params.yaml"),
    ("serve", "prometheus-client"): Need(("serve", "monitoring"), "the service's /metrics"),
    ("serve", "orjson"): Need(("serve",), "the service's JSON responses"),
    ("serve", "pybase64"): Need(
        ("serve",), "the service's base64 binary tensors (KServe v2)", True
    ),
    # dev.in: what the tests, the Makefile, the hooks and `make lock` run.
    ("dev", "dvc"): Need(("dvc", "makefile"), "`dvc repro` of dvc.yaml (`make train`)"),
    # ci: the workflow fitted to a repo without the Makefile runs pytest from the lock's dev set
    ("dev", "pytest"): Need(("tests", "serve", "makefile", "ci"), "the added tests (`make test`)"),
    ("dev", "httpx"): Need(("serve",), "the service tests' TestClient"),
    ("dev", "httpx2"): Need(("serve",), "the service tests' TestClient"),
    ("dev", "hypothesis"): Need(("serve",), "the service's schema fuzz test"),
    ("dev", "ruff"): Need(("makefile",), "`make lint` and `make format`"),
    ("dev", "pre-commit"): Need(
        ("precommit",), "the hooks in .pre-commit-config.yaml (its minimum version)", True
    ),
    ("dev", "pre-commit-hooks"): Need(("precommit",), "the hooks in .pre-commit-config.yaml"),
    ("dev", "uv"): Need(("lock", "makefile"), "`make lock`"),
    ("dev", "mypy"): Need(("makefile",), "`make typecheck` (part of `make lint`)"),
    ("dev", "pandas-stubs"): Need(("makefile",), "`make typecheck`: pandas' types"),
    ("dev", "types-pyyaml"): Need(("makefile",), "`make typecheck`: PyYAML's types"),
    ("dev", "nbstripout"): Need(("precommit",), "the notebook output stripping hook"),
    # The notebook of a new project and its test: no component brings them to a repo.
    ("dev", "nbclient"): Need((), "tests/notebooks (mlops new only)"),
    ("dev", "nbformat"): Need((), "tests/notebooks (mlops new only)"),
    ("dev", "ipykernel"): Need((), "tests/notebooks (mlops new only)"),
    # load.in: the load test of the service.
    ("load", "locust"): Need(("serve",), "load/locustfile.py (`make load-test`)"),
}


@dataclass(frozen=True)
class Wanted:
    """A requirement line a lock set compiles, and who wants it."""

    requirement: str
    by: str
    """`requirements.txt:4`, or `the dvc component: the pipeline's ONNX export`."""
    component: str | None = None
    """The component of the template that wants it; None for the repo's own declarations."""

    @property
    def name(self) -> str:
        """The normalised distribution name."""
        return requirement_name(self.requirement)


def requirement_name(requirement: str) -> str:
    """`scikit-learn` for `scikit_learn[x]>=1 ; python_version > '3'`; '' when unreadable."""
    # Imported here: the doctor imports this module, and packaging's parser costs ~10 ms
    # of every start-up while most repositories never ask for a name.
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Parsed
    from packaging.utils import canonicalize_name

    try:
        return canonicalize_name(Parsed(requirement).name)
    except InvalidRequirement:
        return ""


def fitted_in(
    template_in: str, lock_set: str, components: Iterable[str]
) -> tuple[str, list[Wanted]]:
    """The template's `.in` for a repo with these components: its lines, and who wants each.

    A floor the code does not need is dropped, so the repo's range decides, whether the repo
    declares the package or one of its dependencies does (`copier<6` wants `pyyaml<6`); the
    template's locks, which seed the resolution, still make its pins the first choice.
    A comment block goes with the requirement under it; the file's header and its `-r`
    includes stay.
    """
    present = set(components)
    kept: list[str] = []
    wanted: list[Wanted] = []
    pending: list[str] = []
    header_done = False
    for raw in template_in.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            (pending if header_done else kept).append(raw)
            continue
        header_done = True
        line = next(requirement_lines(raw), None)
        if line is None or include_of(line) is not None or line.content.startswith("-"):
            kept.extend([*pending, raw])
        else:
            need = NEEDS.get((lock_set, requirement_name(line.content)))
            if need is None:  # not in the table: kept as the template has it
                kept.extend([*pending, raw])
                wanted.append(Wanted(line.content, "the template", "template"))
            elif present & set(need.components):
                text = line.content if need.floor else _without_version(line.content)
                owner = next(name for name in need.components if name in present)
                kept.extend([*pending, f"{text}  # {owner}: {need.why}"])
                wanted.append(Wanted(text, f"the {owner} component: {need.why}", owner))
        pending = []
    return "\n".join(kept) + "\n", wanted


def _without_version(requirement: str) -> str:
    """The requirement with its name, extras and markers, but no version range."""
    from packaging.requirements import Requirement as Parsed

    parsed = Parsed(requirement)
    extras = f"[{','.join(sorted(parsed.extras))}]" if parsed.extras else ""
    marker = f" ; {parsed.marker}" if parsed.marker else ""
    return f"{parsed.name}{extras}{marker}"
