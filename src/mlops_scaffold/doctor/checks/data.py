"""DATA: data is versioned with a remote, kept out of git, produced by a pipeline, tested."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from mlops_scaffold.doctor.checks.base import (
    TRAINING_CODE,
    Check,
    FilesContaining,
    FilesMatching,
    Hit,
    NamesTaken,
    NotApplicable,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    line_of,
    only_helpers_taken,
)
from mlops_scaffold.doctor.content_hints import content_hints, line_hint
from mlops_scaffold.doctor.literal_data import literal_fits, seeded_draws
from mlops_scaffold.doctor.made_up_data import Gives, TestData, bindings, redirects_to_made_up
from mlops_scaffold.doctor.pipelines import TRAINING_NAME
from mlops_scaffold.doctor.pycode import (
    Nodes,
    calls,
    dotted,
    import_names,
    imported,
    module_names,
    outermost_function,
    resolved,
    source_line,
    walk,
    walked,
)
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.data_files import too_big_for_git

if TYPE_CHECKING:
    import configparser

YamlOf = Callable[[str], Any]
"""`load_yaml(path)`: a YAML file parsed, None when unreadable."""
PIPELINE_FILES = ("MLproject", "Snakefile", "workflow/Snakefile")
# Libraries whose whole point is validating data sets.
VALIDATION_LIBRARIES = frozenset(
    {
        "pandera",
        "great_expectations",
        "deepchecks",
        "tensorflow_data_validation",
        "whylogs",
        "soda",  # Soda Core's `soda.scan.Scan` runs SodaCL checks
        "pointblank",  # `pb.Validate(data=...).col_vals_not_null(...).interrogate()`
        "patito",  # a polars frame's schema as a pydantic model (`class Row(pt.Model)`)
        "pydeequ",  # Deequ on Spark: `VerificationSuite(spark).onData(df).addCheck(Check(...))`
    }
)
# Calls that read a data set into memory.
DATA_READERS = frozenset(
    {
        "read_csv",
        "read_parquet",
        "read_table",
        "read_json",
        "read_excel",
        "read_feather",
        "read_orc",
        "read_sql",
        "read_hdf",
        "read_pickle",
        "read_delta",
        "scan_csv",
        "scan_parquet",
        "load_dataset",
        "loadtxt",
        "genfromtxt",
    }
)
# Properties of a data set an assertion about data looks at. Not `empty`: that a file
# loaded (`assert not df.empty`) says nothing of its columns, values or splits (nor does
# its number of rows, `shape[0]`: see `_looks_at_data`).
DATA_PROPERTIES = frozenset(
    {
        "columns",
        "dtypes",
        "dtype",
        "shape",
        "isna",
        "isnull",
        "notna",
        "notnull",
        "null_count",
        "is_null",
        "between",
        "nunique",
        "duplicated",
        "is_unique",
        "value_counts",
        "schema",
        "min",
        "max",
        "intersection",
        "isdisjoint",
        "isin",
    }
)


class DATA001(Check):
    """Passes when a tool records the data: DVC records its digests (`.dvc` pointer files,
    a dvc.yaml or dvc.lock in any folder, or code that runs `dvc add` or `dvc.api`, `dvc
    add` run as a command or an argument list, `subprocess.run(["dvc", "add", path])`, even
    where the DVC project is made at run time; not
    `dvc init` alone, nor DVC that only tracks models: every pointer names a model,
    `model.pkl.dvc`, `artifacts/`, but not a table, `artifacts/raw.csv.dvc`, and no dvc.lock
    or runnable dvc.yaml stage records data), Git LFS stores a committed file that is no
    model (`filter=lfs` in a .gitattributes: `*.pth` alone, or `*.parquet` with no parquet
    committed, stores no data; `data/train.pkl` is data) or git-annex does (`annex.largefiles`
    there, as DataLad sets), W&B logs dataset artifacts (`wandb.Artifact(...,
    type="dataset")`), Azure ML registers a data asset by version (`ml_client.data.
    create_or_update`, or a spec whose `$schema` is Azure ML's `data.schema.json`),
    MLflow records the datasets of a run (`mlflow.log_input`), a
    home-grown snapshot's manifest is logged to a tracker (`mlflow.log_text(manifest,
    "dataset_manifest/v1.json")`, any `log_artifact`/`log_text`/`log_dict` naming a dataset
    manifest, version or snapshot), ClearML datasets, ZenML steps (each `@step`'s output is
    kept as a versioned artifact), Kedro catalogs marking a table `versioned: true` (not a
    pickled model alone), Picsellia dataset versions (a version fetched or created), lakeFS,
    Quilt or Pachyderm are used; the table is recognisers.DATA_VERSIONING. Or when data is
    committed with the code and the project reads it: a table (`train.csv`, packed too:
    `train.csv.zip`), or JSON, text or an archive in a data folder (`data/MNIST.tar.gz`,
    `tweets-dataset/train.txt`), that a program, a notebook's code cells (not its outputs),
    a task or a configuration names: by its whole name (`raw_data.csv` does not name
    `data.csv`), bare or after a path whose last folder is its own (`../input/items.parquet`
    names no `deploy/items.parquet`), at no URL (`s3://bucket/train.csv` is a remote copy)
    but a git host's for its path, on a line that does not write it (`df.to_csv(...)`), in
    code (not in a comment or a string statement: old training code kept in a `'''` block
    reads nothing), and not only in the code of a service (a lookup table an API reads, a
    file a serving image copies in) unless that code trains too. Samples (`samples/`,
    `sample_data/`, `*.sample.json`), fixtures for CI (`ci/`) or for the test suite (any
    file under `tests/`), a run's outputs (`reports/`, `results/`,
    `predictions/`, a model folder's own files: `models/feature_importances.csv`), the
    input of inference (`inference/`) and a data folder's readme (`data/read_me.txt`,
    where to download the data) are not the data a model trains on, nor is a file only
    tests or prose name. A version id computed or tagged alone names a version but cannot
    restore its data: it does not count. Does not apply when the model trains only on a
    dataset its library ships (scikit-learn's `load_iris()`, torchvision's `MNIST(...)`,
    Keras' `load_data()`, its module taken by name too (`from keras.datasets import mnist`,
    `mnist.load_data()`), `tfds.load(...)`, OpenML's dataset by its fixed id,
    `openml.datasets.get_dataset(1590)`), loaded by the training modules or a module they
    import (a `data.py` building the loaders), and none of them reads a file (a loader the
    module defines itself, `def load_dataset()`, reads none whatever its name): the
    library's version pins that data. Passes when every training module fits its model
    only on values its code spells out (`words = ["apple", "car"]`, `X = [[len(w)] for w in words]`,
    `model.fit(X, y)`) and none reads a data set, or when the training code (with the
    modules it imports: a `data_generator.py`) reads no data set (a file it writes and reads
    back, a plot's table, is none) and draws its data from random generators seeded with
    constants (`rng = np.random.default_rng(42)`, `rng.lognormal(...)`; not `default_rng()`,
    nor draws with no seed): git versions the data with the code that makes it.
    Training code no program runs is none: a fit only in methods of classes that no code
    or configuration of the project calls or names (prose aside: a `ModelService.train` left
    behind when training moved elsewhere), or a script that fits a model only to write a
    fixture for the tests (`tests/fixtures/model.joblib`). A file named for training
    (`train.py`) still trains whatever its fits: its name says what it is for."""

    @staticmethod
    def check(
        data_versioning: list[str],
        training_files: list[str],
        modules_run_by: Callable[[list[str]], list[str]],
        text: TextOf,
        syntax_tree: TreeOf,
    ) -> Outcome:
        if data_versioning:
            return Passed(f"{data_versioning[0]} versions the data")
        written = _data_in_code(training_files, text, syntax_tree)
        if written is not None:
            return Passed(f"{written} fits the model on data written in the code: git versions it")
        modules = [rel for rel in training_files if rel.endswith(".py")]
        training_code = list(dict.fromkeys([*training_files, *modules_run_by(modules)]))
        drawn = _data_drawn_in_code(training_code, text, syntax_tree)
        if drawn is not None:
            detail = "draws the training data from a generator seeded with a constant"
            return Passed(f"{drawn} {detail}: git versions it")
        bundled = _bundled_dataset(training_code, text, syntax_tree)
        if bundled is not None:
            return NotApplicable(f"the model trains on a dataset its library ships ({bundled})")
        return False


def _bundled_dataset(training_code: list[str], text: TextOf, syntax_tree: TreeOf) -> str | None:
    """The first library dataset the training code loads (`MNIST`) when every module of it
    that loads data (the training modules and the modules they import: a `data.py` that
    builds the loaders) loads only datasets its library ships, and none reads a file (a
    function the module defines itself, `def load_dataset(): return mnist.load_data()`,
    is no reader, whatever its name)."""
    loading = [rel for rel in training_code if DATA_LOAD.search(text(rel) or "")]
    bundled = [
        BUNDLED_DATASET.search(text(rel) or "")
        for rel in loading
        if not _reads_a_file(rel, text(rel) or "", syntax_tree)
    ]
    if not loading or len(bundled) != len(loading) or not all(bundled):
        return None
    return bundled[0].group(0).rstrip("( ") if bundled[0] else None


def _reads_a_file(rel: str, content: str, syntax_tree: TreeOf) -> bool:
    """Whether a module calls a reader of files (`FILE_READER`): in a Python module, a
    call of one that is not a function the module defines itself."""
    tree = syntax_tree(rel) if rel.endswith(".py") else None
    if tree is None:
        return FILE_READER.search(content) is not None
    own = {
        node.name
        for node in walked(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    return any(
        FILE_READER.search(f"{dotted(call.func)}(")
        and not (isinstance(call.func, ast.Name) and call.func.id in own)
        for call in calls(tree)
    )


def _data_drawn_in_code(training_code: list[str], text: TextOf, syntax_tree: TreeOf) -> str | None:
    """`path:line` of the seed when the training code (the training modules and the
    modules they import: a `data_generator.py`) reads no data set (reading back a file it
    wrote, `to_csv(path)` then `read_csv(path)`, reads none) and a module of it draws
    random values from generators it seeds with constants (`rng =
    np.random.default_rng(42)`, `rng.lognormal(...)`); None otherwise (unseeded draws make
    different data at every run)."""
    first = None
    for rel in training_code:
        content = text(rel) or ""
        tree = syntax_tree(rel) if rel.endswith(".py") else None
        if tree is None:
            if DATA_LOAD.search(content):
                return None
            continue
        if BUNDLED_DATASET.search(content) or _reads_a_data_set(tree):
            return None
        line = seeded_draws(tree) if first is None else None
        first = first or (f"{rel}:{line}" if line else None)
    return first


# Calls that write a frame, an array or an object to a file.
WRITERS = frozenset({"to_csv", "to_parquet", "to_json", "to_feather", "to_excel", "to_pickle"})


def _reads_a_data_set(tree: ast.Module) -> bool:
    """Whether a module reads a data set (`_reads`, or torchvision's `ImageFolder`) other
    than a file it writes itself under the same name (`frame.to_csv(path)`, then
    `pd.read_csv(path)` to plot it); generating one (`generate_training_dataset()`) reads
    none."""
    written = {
        dotted(call.args[0])
        for call in calls(tree)
        if call.args and dotted(call.func).rpartition(".")[2] in WRITERS
    } - {""}
    return any(
        (_reads(call) or dotted(call.func).rpartition(".")[2] == "ImageFolder")
        and not dotted(call.func).rpartition(".")[2].startswith("generate_")
        and not (call.args and dotted(call.args[0]) in written)
        for call in calls(tree)
    )


def _data_in_code(training_files: list[str], text: TextOf, syntax_tree: TreeOf) -> str | None:
    """`path:line` of a fit when every training module fits only on values its code spells
    out (`words = ["apple", "car"]` ... `model.fit(X, y)`) and none reads a data set."""
    first = None
    for rel in training_files:
        content = text(rel) or ""
        if DATA_LOAD.search(content):
            return None
        tree = syntax_tree(rel) if rel.endswith(".py") and ".fit(" in content else None
        if tree is None:
            continue
        lines = literal_fits(tree)
        if lines is None:
            return None
        first = first or (f"{rel}:{lines[0]}" if lines else None)
    return first


# A dataset that ships with its library, and calls that read a data set from a file.
BUNDLED_DATASET = lazy_pattern(
    r"\b(?:load_(?:iris|digits|wine|breast_cancer|diabetes|linnerud)"
    r"|fetch_(?:california_housing|openml|covtype|20newsgroups\w*|olivetti_faces|kddcup99)"
    r"|make_(?:classification|regression|blobs|moons|circles))\s*\("
    r"|\b(?:MNIST|FashionMNIST|KMNIST|EMNIST|QMNIST|CIFAR10|CIFAR100|SVHN|STL10|Flowers102"
    r"|Food101|OxfordIIITPet)\s*\("
    r"|\bkeras\.datasets\.\w+\.load_data\s*\(|\btfds\.load\s*\("
    # Keras' datasets by their module, imported from `keras.datasets` (`mnist.load_data()`)
    r"|\b(?:mnist|fashion_mnist|cifar10|cifar100|imdb|reuters|boston_housing"
    r"|california_housing)\.load_data\s*\("
    r"|\bopenml\.datasets\.get_dataset\s*\((?=\s*\d)"  # OpenML's dataset by its fixed id
)
FILE_READER = lazy_pattern(rf"\b(?:{'|'.join(sorted(DATA_READERS))}|ImageFolder|np\.load)\s*\(")
DATA_LOAD = lazy_pattern(rf"{BUNDLED_DATASET.pattern}|{FILE_READER.pattern}")


class DATA002(Check):
    """Applies when DVC is used: initialised (`.dvc/config`, or a folder's own when DVC
    was initialised there: `modeling/.dvc/config`), or run through a dvc.yaml, dvc.lock
    or `.dvc` pointer files. Passes when `.dvc/config` names a default remote
    (`[core] remote = NAME`) and defines it (`['remote "NAME"']` with a url) on storage
    others can reach: a url with a scheme (`s3://`, `gs://`, `https://`...) or an
    absolute path (a shared mount). A folder on the author's machine is reported: a
    Windows drive's path (`D:\\dvc`), one under a named user's home (`/Users/me/dvc`,
    `/home/me/dvc`), the machine's temporary folder (`/tmp/dvcstore`) or a relative path
    (a folder in or beside the checkout). A folder
    under `~` is each user's own, the local remote a fresh project starts with
    (`~/.cache/dvc-remotes/NAME`, as `mlops new` sets it), and is not judged. With no
    default remote, a remote defined on such storage passes when a command of the project
    names it (`dvc pull -r origin`, `["dvc", "push", "--remote", "origin"]`): that
    command pulls from it; commands that name none (`dvc pull`) fail. DVC used
    without `.dvc/config` has no remote the data it versions can be pulled from, nor has
    DVC a program runs on a project it makes at run time (`subprocess.run(["dvc", "add",
    path])` after `dvc init --no-scm` in an image) unless a program adds one (`dvc remote
    add`). Judged whatever DVC versions, data or only models (DATA001 asks whether the
    data is)."""

    @staticmethod
    def check(
        dvc_config: configparser.ConfigParser | None,
        dvc_files: list[str],
        dvc_run_by_code: list[str],
        text: TextOf,
        files_matching: FilesMatching,
    ) -> Outcome:
        if not dvc_files and dvc_run_by_code:
            if any(PROGRAM_FILE.search(rel) for rel in files_matching(DVC_REMOTE_ADDED)):
                return True
            rel = dvc_run_by_code[0]
            detail = f"DVC is run ({rel}) but has no remote: no .dvc/config, nothing adds one"
            return [Hit(rel, None, detail)]
        if dvc_files and not dvc_files[0].endswith(".dvc/config"):
            detail = f"DVC is used ({dvc_files[0]}) but never initialised: no .dvc/config"
            return [Hit(dvc_files[0], None, detail)]
        if dvc_config is None:
            return False
        where = dvc_files[0] if dvc_files else ".dvc/config"
        default = dvc_config.get("core", "remote", fallback="").strip()
        for section in (f'remote "{default}"', f"'remote \"{default}\"'"):
            url = dvc_config.get(section, "url", fallback="").strip() if default else ""
            if url and ONE_MACHINE_PATH.match(url):
                content = text(where) or ""
                line = line_of(content, content.find(url)) if url in content else None
                detail = f"default remote {default!r} is a folder on one machine ({url})"
                return [Hit(where, line, detail)]
            if url:
                return True
        if default:
            return [Hit(where, None, f"default remote {default!r} is not defined")]
        return _remote_named(dvc_config, files_matching, text) or False


# A command that adds a DVC remote, and the programs and tasks that may run it.
DVC_REMOTE_ADDED = line_hint(r"\bdvc\W+remote\W+add\b")
PROGRAM_FILE = lazy_pattern(
    r"\.(?:py|sh|ya?ml|ipynb)$|(?:^|/)(?:[Mm]akefile|Dockerfile[^/]*|[Jj]ustfile)$"
)
# A DVC command that names its remote (`dvc pull -r origin`, `"dvc", "push", "-r", "s3"`).
DVC_REMOTE_COMMAND = line_hint(
    r"\bdvc\W+(?:pull|push|fetch|status|gc)\b.*(?:\s|[\"'])(?:-r|--remote)\b"
)
REMOTE_NAMED = lazy_pattern(r"(?:\s|[\"'])(?:-r|--remote)[\"',\s=]+([\w.-]+)")


def _remote_named(
    dvc_config: configparser.ConfigParser, files_matching: FilesMatching, text: TextOf
) -> Passed | None:
    """A pass when a command of the project (`dvc pull -r origin`) names a remote that
    `.dvc/config` defines on storage others can reach, though none is the default."""
    reachable = {
        section.strip("'").partition('"')[2].rstrip('"')
        for section in dvc_config.sections()
        if section.strip("'").startswith("remote ")
        and (url := dvc_config.get(section, "url", fallback="").strip())
        and not ONE_MACHINE_PATH.match(url)
    }
    for rel in files_matching(DVC_REMOTE_COMMAND):
        for line in (text(rel) or "").splitlines():
            named = REMOTE_NAMED.search(line) if re.search(DVC_REMOTE_COMMAND, line) else None
            if named and named.group(1) in reachable:
                return Passed(f"{rel} names the remote {named.group(1)!r} .dvc/config defines")
    return None


# A DVC remote's url that is a folder on one machine: a Windows drive's path, one under a
# named user's home or the machine's temporary folder (`/tmp/dvcstore`), or a relative path
# (no scheme, not absolute, not under `~`).
ONE_MACHINE_PATH = lazy_pattern(
    r"(?i)[a-z]:[\\/]|/(?:home|users)/|/(?:var/)?tmp(?:/|$)|(?![\w+.-]+://)[^/\\~]"
)


class DATA003(Check):
    """Reports data and model files (csv, parquet, JSON Lines, pkl, joblib, h5, pt, onnx,
    npy, audio and video, archives: zip, tar, 7z..., any file named for a split of a data
    set, `train.raw`, `valid_n.txt`, any file under a data/ or datasets/ folder, or one whose
    name ends in data after a separator, `0_Data/`, `raw-data/`, and any file under a
    models/, checkpoints/ or weights/ folder but code, docs, pictures and PDFs: LightGBM's
    `models/model.txt`) over 1 MB and any file over 5 MB that git tracks or would add
    (not ignored). A video, picture or PDF kept to show the project, under a folder of
    documentation media outside the data folders (`docs/`, `images/`, `gifs/`, `slides/`,
    `video_demo/`), is no data, nor is the store a tool keeps its own state in
    (`grafana.db`, Airflow's `airflow.db`, Kedro-Viz's `session_store.db`, MLflow's
    tracking store `mlflow.db`) outside them,
    nor a picture under a folder of figures, in a data folder too (`data/results/plots/`), nor
    Sphinx's build cache (`doctrees/environment.pickle`), nor, at any size, a report rendered to
    HTML (an Evidently dashboard, a notebook's export): people read it, no model does."""

    @staticmethod
    def check(sizes: dict[str, int]) -> Outcome:
        return [Hit(rel, None, f"{size / 1e6:.1f} MB") for rel, size in too_big_for_git(sizes)]


class DATA004(Check):
    """Passes when dvc.yaml declares stages (at the root, or a folder's own:
    `training/pipeline/dvc.yaml`, not one in examples, tests or docs), pyproject.toml has
    `[tool.kedro]`, MLproject or
    Snakemake declare steps, CI chains a training job after others (GitLab stages, Azure
    Pipelines stages or jobs linked by `dependsOn:`, CircleCI jobs linked by a workflow's
    `requires:`, where a job named for training trains (`train:` running `docker run
    org/train`), GitHub jobs linked by `needs:`, one of
    which trains, through the tasks, job specs and console scripts it starts, or starts a
    managed training job: `aws sagemaker create-training-job`), a CI job's declared steps
    run a program of the repository and then the training (GitHub steps, Jenkins stages:
    `python prepare.py` then `python train.py` or `main.py --train`), or the training and
    then a program of the repository, a test runner handed a module that is no test module
    (`pytest evaluate.py`, its model gate), or a step that hands the model to a registry or
    an endpoint (`python evaluate.py`, `gcloud ai models upload`), in a container too
    (`docker exec ID python train.py`); lines of one step or one shell script declare no
    steps. GitHub workflows that run on a schedule or after another (`workflow_run`) declare
    the pipeline when one trains and another runs a program of the repository (features,
    then training, then inference). A program that runs named stages from a registry one of
    which trains (`STAGES = {"prepare": prepare, "train": train}` picked by name) passes, as
    does a command line that offers the stages one by one or all in order (`--step
    {ingest,features,train,all}`), or a declarative job file whose step depends on a step
    named for training (a Databricks job in Terraform, `depends_on { task_key = "Train" }`;
    not a compose file), and so does an orchestrator's pipeline that runs the training (a
    Kedro project's `pipelines/*/pipeline.py` are followed like one): Airflow, Prefect,
    Dagster, ZenML, Metaflow, Kubeflow, Azure ML pipelines, Flyte, SageMaker Pipelines,
    Rocketry, Luigi, Hamilton, ClearML, Mage, TFX (its `Trainer` component trains)
    (recognisers.PIPELINES), or an Argo workflow or an Azure ML pipeline job
    (`pipelineJob.schema.json`) whose steps name training (`kind: Workflow`,
    `WorkflowTemplate`), or a Databricks Asset
    Bundle's job of two tasks or more, one named for training (`task_key: train_model`). An
    orchestrator's pipeline runs the training when it declares a step of the tool's own
    training type (SageMaker's `TrainingStep`, Vertex's `CustomTrainingJobOp`), or when it,
    or a module of the repository it imports (three imports deep), is or names (`python
    train.py`) one of the training modules outside the pipelines (not one it takes only
    helpers from, functions, classes or constants that fit nothing: `from train import
    get_encoder, MODEL_NAME`),
    or runs `dvc repro`, or trains itself (a Dagster asset, a ZenML step that fits) when
    all training code is in pipelines, or when one of those modules also reads the data
    (`read_csv`, `load_dataset`), or takes a function that reads it from a module it
    imports (`from src.model_training import load_data`), or when its module declares a
    step named for training: a task, step or asset function, or a step's name, id or
    command (`task_id="train_model"`,
    `command=["python", "-m", "worker.train_model"]`; not a split, `train_test_split`): a
    DAG that fits a model of its own on a toy set (`load_iris()`) while the served one is
    trained by hand, or that only moves data, is reported. So is a pipeline's module that
    imports a name the repository's module does not define (`from src.train import
    train_models`, and src/train.py has none): its orchestrator cannot load it. So are
    dvc.yaml stages that run a Python script the repository does not have (`dvc repro`
    cannot run them), and those that train nothing (no stage named for training or the
    model, and each runs a module that neither trains nor leads to the training: `python
    -m src.data.ingest` alone, the training run by hand), unless another pipeline is
    declared.
    Training code no program runs is none: a fit only in methods of classes that no code
    or configuration of the project calls or names (prose aside: a `ModelService.train` left
    behind when training moved elsewhere), or a script that fits a model only to write a
    fixture for the tests (`tests/fixtures/model.joblib`). A file named for training
    (`train.py`) still trains whatever its fits: its name says what it is for."""

    @staticmethod
    def check(
        pipelines: list[str],
        orchestrated_pipelines: list[tuple[str, str]],
        pipeline_training_steps: list[str],
        missing_stage_scripts: list[tuple[int | None, str]],
        dvc_stage_scripts: list[str] | None,
        training_files: list[str],
        source_files: list[str],
        syntax_tree: TreeOf,
        text: TextOf,
        names_taken: NamesTaken,
    ) -> Outcome:
        orchestrated = orchestrated_pipelines
        shown = {f"{name} ({rel})" for name, rel in orchestrated}
        declared = [pipeline for pipeline in pipelines if pipeline not in shown]
        broken = _broken_stages(missing_stage_scripts)
        reach = _Reach(source_files, syntax_tree, text, names_taken)
        outside = [t for t in training_files if t not in {rel for _, rel in orchestrated}]
        untrained = (
            "DVC (dvc.yaml)" in declared
            and dvc_stage_scripts is not None
            and not any(
                script in training_files or reach.training(script, outside, training_files)
                for script in dvc_stage_scripts
            )
        )
        if broken or untrained:  # dvc.yaml's stages cannot run, or train no model
            declared = [pipeline for pipeline in declared if pipeline != "DVC (dvc.yaml)"]
        if declared:
            return Passed(f"declared by {declared[0]}")
        if not orchestrated:
            return broken or False
        if pipeline_training_steps:
            return Passed(f"{pipeline_training_steps[0]} declares a training step")
        failing = {
            rel: why
            for _, rel in orchestrated
            if (why := _import_failure(rel, names_taken, syntax_tree)) is not None
        }
        loading = [(name, rel) for name, rel in orchestrated if rel not in failing]
        for name, rel in loading:
            runs = reach.training(rel, outside, training_files)
            if runs is not None:
                return Passed(f"{name} ({rel}) runs the training: {runs}")
        for name, rel in loading:
            step = _training_step(syntax_tree(rel), text(rel) or "")
            if step is not None:
                return Passed(f"{name} ({rel}) declares a training step: {step}")
        if broken:
            return broken
        hits = [
            Hit(rel, None, f"the {name} pipeline cannot load: {failing[rel]}")
            for name, rel in orchestrated
            if rel in failing
        ]
        if loading:
            name, rel = loading[0]
            trained = f" ({outside[0]})" if outside else ""
            detail = f"the {name} pipeline never runs the training code{trained}"
            hits.append(Hit(rel, None, detail))
        return hits


def _import_failure(rel: str, names_taken: NamesTaken, syntax_tree: TreeOf) -> str | None:
    """Why a pipeline's module cannot be imported, so that its orchestrator runs none of
    it: it imports a name that no module of the repository its import can reach defines
    (`from src.train_anomaly import train_models`, and src/train_anomaly.py has no
    `train_models`); None when it may load. Names taken from a package's `__init__.py`
    may be its submodules, and a module whose names cannot be told (a star import) may
    define any: neither is judged."""
    own = syntax_tree(rel)
    # Only what the module imports as it loads: an import in a function, under `try` or
    # `if TYPE_CHECKING` may never run, or is meant to fail.
    loaded = {
        alias.name
        for node in (own.body if own is not None else [])
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    providers: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    for module, names in names_taken(rel).items():
        if names is None or not module.endswith(".py") or module.endswith("__init__.py"):
            continue
        tree = syntax_tree(module)
        defined = module_names(tree) if tree is not None else None
        for name in (names & loaded) - {"*"}:
            providers.setdefault(name, []).append((module, defined))
    for name, modules in sorted(providers.items()):
        if all(defined is not None and name not in defined for _, defined in modules):
            return f"it imports {name}, which {modules[0][0]} does not define"
    return None


# A word named for training is pipelines.TRAINING_NAME (`train_model`, `training`, `fit`,
# `retrain`); one that names a split of the data (`X_train`, `train_test_split`,
# `train_data`) is no step.
DATA_SPLIT_WORD = lazy_pattern(
    r"(?i)(?:^|[_-])[xy][_-]train|test[_-]train"
    r"|train[_-](?:test|val|valid|data|dataset|set|split|df|path|file|size)"
)
CAMEL_HUMP = lazy_pattern(r"([a-z0-9])([A-Z])")
# Keyword arguments that name a step or give its command (`task_id=`, `name=`, `command=`).
STEP_KEYWORD = lazy_pattern(r"(?i)name|id$|command|cmd|entrypoint|script|step|task")


def _training_step(tree: ast.Module | None, content: str) -> str | None:
    """A step an orchestrator's module declares for training, by its name: a function it
    defines (a task, a step, an asset), or the name, id or command a call gives a step
    (`task_id="train_model"`, `command=["python", "-m", "worker.train_model"]`), with a
    word named for training, not for a split of the data (`X_train`); None when there is
    none, or when the module fits a model itself and reads no data (a toy set its library
    ships, `load_iris()`): its own model, not the one the project trains."""
    if tree is None or (TRAINING_CODE.search(content) and not FILE_READER.search(content)):
        return None
    for node in walked(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            named = [(node.name, node.lineno)]
        elif isinstance(node, ast.keyword) and node.arg and STEP_KEYWORD.search(node.arg):
            named = [
                (word, part.lineno)
                for part in ast.walk(node.value)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
                for word in re.split(r"[\s./:=,]+", part.value)
            ]
        else:
            continue
        for word, line in named:
            snake = CAMEL_HUMP.sub(r"\1_\2", word)  # `trainLudwigModel`, `TrainingStep`
            if TRAINING_NAME.search(snake) and not DATA_SPLIT_WORD.search(snake):
                return f"{word} (line {line})"
    return None


def _broken_stages(missing: list[tuple[int | None, str]]) -> list[Hit]:
    """A finding on dvc.yaml when its stages run a script the repository lacks."""
    if not missing:
        return []
    line, script = missing[0]
    return [Hit("dvc.yaml", line, f"a stage runs {script}, which does not exist: it cannot run")]


IMPORT_DEPTH = 3
# A file or dotted module a pipeline names (`train.py`, `src.train`); a bare module name
# (`train`) counts only after `python -m`.
NAMED_MODULE = lazy_pattern(r"[\w-]+\.py\b|\b\w+(?:\.\w+)+\b|(?<=-m )\w+\b")
# An import statement's line: the modules it names are imported (the names it takes from
# them judged), not run by name.
IMPORT_LINE = lazy_pattern(r"(?m)^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t].*$")


class _Reach:
    """The modules of the repository a pipeline module imports, followed a few levels."""

    def __init__(
        self, source_files: list[str], syntax_tree: TreeOf, text: TextOf, names_taken: NamesTaken
    ) -> None:
        self.syntax_tree, self.text, self.names_taken = syntax_tree, text, names_taken
        self.by_name: dict[str, list[tuple[str, str]]] = {}  # last part -> (dotted, path)
        for rel in source_files:
            dotted_path = rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
            last = dotted_path.rpartition(".")[2]
            self.by_name.setdefault(last, []).append((dotted_path, rel))

    def training(self, start: str, outside: list[str], training: list[str]) -> str | None:
        """What shows the module runs the training (None when nothing does). A training
        module it takes only helpers from (`from train import get_encoder`) runs none of
        its training."""
        imported = self.reached(start)
        reached = [
            rel
            for rel in imported
            if rel not in training
            or not only_helpers_taken(rel, imported, self.text, self.names_taken)
        ]
        named = {rel.rpartition("/")[2]: rel for rel in outside}  # `python train.py`
        for rel in outside:  # `python -m src.train`, `run_module("src.orchestration.retrain")`
            parts = rel.removesuffix(".py").split("/")
            named.update({".".join(parts[i:]): rel for i in range(len(parts))})
        for rel in reached:
            if rel in outside:
                return f"{rel} is imported"
            content = self.text(rel) or ""
            if "dvc repro" in content:
                return f"{rel} runs `dvc repro`"
            for name in NAMED_MODULE.findall(IMPORT_LINE.sub("", content)):
                if name in named:
                    return f"{rel} runs {named[name]}"
        inline = next((rel for rel in reached if rel in training), None)
        if inline is None or not outside:
            return f"{inline} trains" if inline else None
        # Beside training code of its own, the pipeline's training is the model's when the
        # pipeline also reads the data (not a model fitted on a toy set, `load_iris()`),
        # itself or through a helper it takes from a training module (`load_data`).
        reader = next((rel for rel in reached if FILE_READER.search(self.text(rel) or "")), None)
        reader = reader or self._helper_reading(imported)
        if reader is None:
            return None
        if reader == inline:
            return f"{inline} reads the data and trains"
        return f"{inline} trains on the data {reader} reads"

    def _helper_reading(self, imported: list[str]) -> str | None:
        """A module of `imported` one of them takes a function from that reads a data set
        (`from src.model_training import load_data`, whose body calls `pd.read_csv`)."""
        for importer in imported:
            for rel, names in self.names_taken(importer).items():
                tree = self.syntax_tree(rel) if rel in imported and names else None
                if tree is None or names is None:
                    continue
                for node in tree.body:
                    if (
                        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                        and node.name in names
                        and any(FILE_READER.search(f"{dotted(call.func)}(") for call in calls(node))
                    ):
                        return rel
        return None

    def reached(self, start: str) -> list[str]:
        """`start` and the repository's modules it imports, breadth first."""
        seen, frontier = [start], [start]
        for _ in range(IMPORT_DEPTH):
            found = [rel for module in frontier for rel in self._imports(module)]
            frontier = [rel for rel in dict.fromkeys(found) if rel not in seen]
            seen += frontier
        return seen

    def _imports(self, rel: str) -> list[str]:
        tree = self.syntax_tree(rel) if rel.endswith(".py") else None
        if tree is None:
            return []
        package = rel.rpartition("/")[0].replace("/", ".")
        names: list[str] = []
        for node in walked(tree):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    parent = parts[: len(parts) - node.level + 1]
                    base = ".".join([*parent, *([base] if base else [])])
                names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
        return [
            path
            for name in names
            if name
            for dotted_path, path in self.by_name.get(name.rpartition(".")[2], [])
            if dotted_path == name or dotted_path.endswith(f".{name}")
        ]


class DATA005(Check):
    """Passes when a test reads data (pandas / polars `read_*`, `np.load`, `load_dataset`, a
    function of the repository named for getting data such as `get_ticker_data`, a data set class of
    its own, `MyDataset(data_path)`, in the test module or a conftest.py above it) and asserts on it
    (columns, dtypes, shape, missing values, ranges, duplicates, overlap between splits, the set its
    values fall in, `assert label in ("spam", "ham")` in a loop over them; not only that it loaded,
    `assert not df.empty`, nor only how many rows loaded or came back, `assert df.shape[0] == 2007`;
    and on the data it reads, not on data the test makes up and hands the code: a frame it writes
    out, `pd.DataFrame({"A": [1, None]})`, a CSV it writes into `tmp_path` or a temporary folder and
    reads back through the loader, `load_data( sample_csv)`, a fixture that builds either or a mock,
    a patched reader told to return such data (`mock_fetch.return_value = frame`), in the module or
    a conftest.py above it, a parametrized value, a file under the suite's `fixtures/`, or what the
    code reads once the test points its paths at such data, `monkeypatch.setattr( "pkg.DATA_DIR",
    tmp_path)`: those test the code, not the data), or hands the data it reads to a function of the
    repository that raises on its quality (missing columns or values, duplicates, a range:
    `validate_applications(pd.read_csv(path))`; the test fails when it raises, as an assertion
    would), or when a module calls pandera, Great Expectations, deepchecks, whylogs, TFDV, Soda,
    Pointblank, Patito or PyDeequ or defines a schema with one of them (an import for type
    annotations alone does not count), or when a dbt project (`dbt_project.yml`) holds data tests: a
    singular test (a `.sql` file under its `test-paths`, `tests/` by default) or a generic one
    (`tests:` / `data_tests:` listing tests of a model, a source or a column in its YAML), or when
    the pipeline checks the data: a module a CI job, a task, a dvc stage or an orchestrator runs (or
    starts by name, `["python", "-m", "src.prepare"]`, or one they import) raises or stops the run
    (`sys.exit`, or a bare `return`, `return None`, `return False` that gives up on the data; not
    `return 0`, a count of rows written) on missing values, duplicates, missing columns (a frame's
    `columns`, a Hugging Face dataset's `column_names`, through names assigned from them), overlap
    between splits or values out of a range (`if frame.duplicated().sum() > 0: raise
    ValueError(...)`, `if np.any(images > 255): raise ...`), validates each row of a frame against a
    schema class (`for row in frame.to_dict("records"): Record.model_validate(row)`), or, named for
    checking (`validate.py`, `data_quality.py`, `firewall_check.py`), measures them (`{r.id for r in
    train} & {r.id for r in test}`); a check inside a function counts only when the pipeline calls
    it. A file name alone, a placeholder `assert False` or a request-schema fuzz test does not
    count. A monorepo's project passes when another of its projects has such a check (a practice a
    nested project satisfies counts for the repository)."""

    requires = frozenset({"TEST001"})

    @staticmethod
    def check(
        test_files: list[str],
        syntax_tree: TreeOf,
        text: TextOf,
        imports: dict[str, list[str]],
        files_matching: FilesMatching,
        files_containing: FilesContaining,
        files: tuple[str, ...],
        load_yaml: YamlOf,
        run_modules: list[str],
        names_taken: NamesTaken,
    ) -> Outcome:
        dbt = _dbt_data_test(files, text, load_yaml)
        if dbt is not None:
            return Passed(dbt)
        may_read_data = set(files_matching(READER_CALL))
        mention_a_library = set(files_containing(LIBRARY_NAMES))
        for library in sorted(VALIDATION_LIBRARIES & set(imports)):
            for rel in imports[library]:
                line = _uses_library(syntax_tree(rel), library)
                if line:
                    return Passed(f"{rel}:{line} validates data with {library}")
        conftests = [rel for rel in test_files if rel.rpartition("/")[2] == "conftest.py"]
        folders_with_data = {
            rel.rpartition("/")[0]
            for rel in conftests
            if rel in may_read_data and _reads_data(syntax_tree(rel))
        }
        by_folder = {rel.rpartition("/")[0]: rel for rel in conftests}

        def fixtures_above(rel: str) -> list[ast.Module]:
            """The conftest.py modules above a test module, farthest first."""
            found = [
                by_folder[f] for f in _folders_above(rel) if by_folder.get(f) not in (None, rel)
            ]
            return [tree for c in reversed(found) if (tree := syntax_tree(c)) is not None]

        candidates = []
        for rel in test_files:
            content = text(rel) or ""
            above = any(folder in folders_with_data for folder in _folders_above(rel))
            if rel in mention_a_library or (
                _may_assert_on_data(content)
                and (above or rel in may_read_data or _calls_a_getter(content))
            ):
                candidates.append((rel, content, above))  # parsing every module costs more
        # Modules with an assert line naming a data property first: the likeliest evidence.
        candidates.sort(key=lambda candidate: not ASSERT_ON_PROPERTY.search(candidate[1]))
        for rel, content, above in candidates:
            tree = syntax_tree(rel)
            if tree is None:
                continue
            nodes = Nodes.of_tree(tree, expressions=False)  # imports, asserts, assignments
            libraries = sorted(imported(nodes) & VALIDATION_LIBRARIES)
            if libraries:
                return Passed(f"{rel} uses {libraries[0]}")
            if not above and not _reads_data(tree):
                continue
            found = _data_assertion(tree, nodes, TestData([*fixtures_above(rel), tree], _reads))
            if found is not None:
                return Passed(f"{rel}:{found.lineno} {source_line(content, found.lineno)}")
        for rel in (rel for rel in test_files if rel in may_read_data):
            tree = syntax_tree(rel)
            if tree is None or not _reads_data(tree):
                continue
            test_data = TestData([*fixtures_above(rel), tree], _reads)
            handed = _validator_on_data_read(rel, tree, test_data, names_taken, syntax_tree)
            if handed is not None:
                return Passed(handed)
        pipeline = {rel: tree for rel in run_modules if (tree := syntax_tree(rel)) is not None}
        called = _called_names(list(pipeline.values()))
        for rel, tree in pipeline.items():
            line = _quality_step(rel, tree, called)
            if line is not None:
                return Passed(f"{rel}:{line} checks the data: {source_line(text(rel) or '', line)}")
        return False


# dbt's folders when dbt_project.yml names none.
DBT_DEFAULT_PATHS = {
    "test-paths": "tests",
    "model-paths": "models",
    "seed-paths": "seeds",
    "snapshot-paths": "snapshots",
}
# A YAML key listing dbt data tests (`data_tests:` since dbt 1.8), as a block or inline.
DBT_TESTS = lazy_pattern(
    r"^[ \t]*(?:data_)?tests:[ \t]*(?:\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*-[ \t]*[\w{]|\[[ \t]*\w)",
    re.MULTILINE,
)


def _dbt_data_test(files: tuple[str, ...], text: TextOf, load_yaml: YamlOf) -> str | None:
    """Where a dbt project tests its data: a singular test (SQL under its test paths) or
    generic tests declared in a properties file of its models, seeds or snapshots; None
    when it has none."""
    for config in (rel for rel in files if rel.rpartition("/")[2] == "dbt_project.yml"):
        project = config.rpartition("/")[0]
        document = load_yaml(config)
        settings = document if isinstance(document, dict) else {}
        singular = _dbt_folders(project, settings, "test-paths")
        declared = _dbt_folders(project, settings, "model-paths", "seed-paths", "snapshot-paths")
        for rel in files:
            if rel.endswith(".sql") and rel.startswith(singular):
                return f"{rel} is a dbt data test"
            if rel.endswith((".yml", ".yaml")) and rel.startswith(declared):
                content = text(rel) or ""
                found = DBT_TESTS.search(content)
                if found:
                    line = line_of(content, found.start())
                    return f"{rel}:{line} declares dbt data tests"
    return None


def _dbt_folders(project: str, settings: dict[str, Any], *keys: str) -> tuple[str, ...]:
    """A dbt project's folders for `keys` (`test-paths`...), as prefixes of repository
    paths: those dbt_project.yml names, else dbt's default."""
    prefix = f"{project}/" if project else ""
    folders: list[str] = []
    for key in keys:
        value = settings.get(key)
        named = (
            [folder for folder in value if isinstance(folder, str)]
            if isinstance(value, list)
            else []
        )
        folders += named or [DBT_DEFAULT_PATHS[key]]
    return tuple(f"{prefix}{folder.strip('/')}/" for folder in folders)


def _folders_above(rel: str) -> Iterator[str]:
    """`a/b` and `a` and `` (the root) for `a/b/test_x.py`."""
    folder = rel.rpartition("/")[0]
    while folder:
        yield folder
        folder = folder.rpartition("/")[0]
    yield ""


def _uses_library(tree: ast.Module | None, library: str) -> int | None:
    """The line where a module calls the library or subclasses one of its classes (a
    schema); None when it only imports it, e.g. for type annotations."""
    if tree is None:
        return None
    names = import_names(tree)
    for node in walked(tree):
        if isinstance(node, ast.Call):
            used = [node.func]
        elif isinstance(node, ast.ClassDef):
            used = list(node.bases)
        else:
            continue
        if any(resolved(dotted(n), names).split(".")[0] == library for n in used):
            return node.lineno
    return None


# A call `_reads_data` counts (and a few more), as a line of text: git lists the Python
# files worth parsing.
LIBRARY_NAMES = content_hints(*VALIDATION_LIBRARIES, within=("*.py",))
READER_CALL = line_hint(
    rf"(?:{'|'.join(sorted(DATA_READERS))}|load|Dataset)\s*\(", within=("*.py",)
)
# The repository's own data set class (`MyDataset(data_path)`, `TicketDataset(root)`), a
# torch or Hugging Face style reader of its data; not a wrapper of tensors the test made
# (`TensorDataset`), nor one named for made-up data (`FakeDataset`, `RandomDataset`).
DATASET_CLASS = lazy_pattern(
    r"(?!(?:Tensor|Concat|Chain|Iterable|Stacked|Fake|Dummy|Random|Synthetic|Mock|Toy)Dataset$)"
    r"[A-Z]\w*Dataset$"
)
# A function named for getting a data set (`get_ticker_data`, `load_raw_dataset`, the
# project's `generate_training_dataset`), and a call of one in a test's text (searched in
# Python: in git's pattern it costs every file).
DATA_GETTER = lazy_pattern(
    r"(?:get|load|fetch|download|read|pull|generate)_\w*(?:data|dataset)\w*$", re.I
)
GETTER_TAIL = lazy_pattern(r"_data\w*\s*\(")  # a literal first: `re` skips to it


def _calls_a_getter(content: str) -> bool:
    """Whether a text calls a function named for getting data (`get_ticker_data(`)."""
    for match in GETTER_TAIL.finditer(content):
        start = match.start()
        while start and (content[start - 1].isalnum() or content[start - 1] == "_"):
            start -= 1
        name = content[start : match.end()].rstrip("( \t\n")
        if DATA_GETTER.match(name):
            return True
    return False


PROPERTY_NAMES = "|".join(sorted(DATA_PROPERTIES))
PROPERTY_ACCESS = lazy_pattern(rf"\.(?:{PROPERTY_NAMES})\b")
ASSERT_ON_PROPERTY = lazy_pattern(rf"assert\b[^\n]*\.(?:{PROPERTY_NAMES})\b")


# An assert of a value against a fixed set or a bound (`assert label in ("a", "b")`,
# `assert age >= 0`): `_checks_a_domain`.
DOMAIN_ASSERT = lazy_pattern(
    r"assert[ \t]+[\w\[\]'\".]+[ \t]+(?:not[ \t]+)?(?:in[ \t]*[(\[{]|[<>]=?[ \t]*-?\d)"
)


def _may_assert_on_data(content: str) -> bool:
    """Whether the text can hold an assert on a data property (`.shape`, `.columns`...) or
    on its values' domain (`assert label in (...)`)."""
    return "assert" in content and (
        PROPERTY_ACCESS.search(content) is not None or DOMAIN_ASSERT.search(content) is not None
    )


def _reads_data(tree: ast.Module | None) -> bool:
    """Whether a module reads a data set: a reader (`read_csv`, `np.load`) or a function
    named for getting data (`get_ticker_data`, `load_raw_dataset`, `fetch_data`)."""
    return tree is not None and any(_reads(call) for call in calls(tree))


# Properties of a data set a quality check measures: missing values, duplicates, overlap
# between splits, ranges of values.
QUALITY_PROPERTIES = frozenset(
    {"isna", "isnull", "notna", "notnull", "null_count", "is_null", "duplicated"}
    | {"is_unique", "nunique", "between", "intersection", "isdisjoint"}
    | {"columns", "column_names"}  # a schema: `if "label" not in frame.columns: raise ...`
)
# Reductions of an element-wise comparison, and the extremes of an array's values, that
# check a range: `np.any(images > 255)`, `labels.max() > 1`.
RANGE_REDUCTIONS = frozenset({"any", "all"})
RANGE_EXTREMES = frozenset({"min", "max"})
# A module named for checking (`validate.py`, `data_validation.py`, `quality_checks.py`).
CHECKING_MODULE = lazy_pattern(r"(?:^|_)(?:validate|validation|validator|quality|checks?)(?:_|$)")


def _quality_step(rel: str, tree: ast.Module, called: set[str]) -> int | None:
    """The line where a module a pipeline runs checks the quality of the data: an `if` on
    a quality measure (missing values, duplicates, overlap, missing columns, values out of
    a range, directly or through names assigned one) that raises or stops the run (a
    `raise`, `sys.exit`, or a bare `return` / `return None` / `return False` that gives up
    on the data), a loop that validates each row of a frame against a schema class
    (`for row in frame.to_dict("records"): Record.model_validate(row)`), or, in a module
    named for checking (`validate.py`, `firewall_check.py`), any such measure; else None.
    A check inside a function counts when the pipeline calls that function (`called`:
    the names its modules call)."""
    checking = CHECKING_MODULE.search(rel.rpartition("/")[2].removesuffix(".py").lower())
    for scope in _called_scopes(tree, called):
        nodes = walk(scope)
        derived = _measured_names([node for node in nodes if isinstance(node, ast.Assign)])
        for node in nodes:
            if (
                isinstance(node, ast.If)
                and _measures_quality(node.test, derived)
                and any(_stops(part) for branch in node.body for part in walk(branch))
            ):
                return node.lineno
            if isinstance(node, ast.For) and _validates_rows(node):
                return node.lineno
            if checking and isinstance(node, ast.Assign | ast.Call):
                measured = node.value if isinstance(node, ast.Assign) else node.func
                if _measures_quality(measured, set()):
                    return node.lineno
    return None


def _measured_names(assigned: list[ast.Assign]) -> set[str]:
    """The names assigned a quality measure (`_measures_quality`), or assigned from such a
    name, three assignments deep. Each value is walked once: what it measures itself and
    the names it reads do not change from one round to the next."""
    values = [
        (
            _measures_quality(node.value, set()),
            {part.id for part in walk(node.value) if isinstance(part, ast.Name)},
            [target.id for target in node.targets if isinstance(target, ast.Name)],
        )
        for node in assigned
    ]
    derived: set[str] = set()
    for _ in range(3):  # names assigned from names assigned a measure
        derived |= {
            target
            for measures, names, targets in values
            if measures or not names.isdisjoint(derived)
            for target in targets
        }
    return derived


# Methods that validate a record against a schema class (pydantic, marshmallow).
SCHEMA_VALIDATION = frozenset({"model_validate", "parse_obj", "validate", "load"})
# A frame's rows, one record at a time.
FRAME_ROWS = frozenset({"to_dict", "iterrows", "itertuples", "to_dicts", "iter_rows"})


def _validates_rows(loop: ast.For) -> bool:
    """Whether a loop over a frame's rows (`frame.to_dict(orient="records")`,
    `frame.iterrows()`) validates each one against a schema class
    (`MarketRecord.model_validate(row)`, `Schema().load(row)`), which raises on a bad row."""
    over = loop.iter
    if not (isinstance(over, ast.Call) and dotted(over.func).rpartition(".")[2] in FRAME_ROWS):
        return False
    rows = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
    return any(
        isinstance(node, ast.Call)
        and dotted(node.func).rpartition(".")[2] in SCHEMA_VALIDATION
        and any(isinstance(a, ast.Name) and a.id in rows for a in node.args)
        for statement in loop.body
        for node in ast.walk(statement)
    )


def _called_scopes(tree: ast.Module, called: set[str]) -> list[ast.AST]:
    """The functions of a module the pipeline calls, and its top-level statements as one
    scope: a script's `missing = [c for c in REQUIRED if c not in frame.columns]` and its
    later `if missing: raise ...` are one run's lines."""
    functions = [
        node for node in walked(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    top = [node for node in tree.body if not isinstance(node, ast.FunctionDef | ast.ClassDef)]
    script = ast.Module(body=top, type_ignores=[])
    return [script, *(function for function in functions if function.name in called)]


def _called_names(trees: list[ast.Module]) -> set[str]:
    """The last part of every name the modules call (`split`, `check_duplicate_rows`)."""
    return {dotted(call.func).rpartition(".")[2] for tree in trees for call in calls(tree)}


def _measures_quality(expression: ast.AST, derived: set[str]) -> bool:
    return any(
        (isinstance(part, ast.Attribute) and part.attr in QUALITY_PROPERTIES)
        or (isinstance(part, ast.Name) and part.id in derived)
        or _checks_a_range(part)
        or _overlap_of_sets(part)
        for part in walk(expression)
    )


def _overlap_of_sets(node: ast.AST) -> bool:
    """Whether a node intersects two sets with `&` (`{r.id for r in train} & {r.id for r
    in test}`): the overlap between splits, as `.intersection` measures it."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd)):
        return False
    return any(
        isinstance(side, ast.Set | ast.SetComp)
        or (isinstance(side, ast.Call) and dotted(side.func) == "set")
        for side in (node.left, node.right)
    )


def _checks_a_range(node: ast.AST) -> bool:
    """Whether a node asks if the values of an array or a frame leave a range: an element-wise
    comparison reduced by `any` / `all` (`np.any(images > 255)`, `(frame < 0).any()`), or
    a comparison of its `min()` / `max()` (`labels.max() > 1`). A plain comparison of one
    value (`if split < 0`) is a parameter's check, not the data's."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in RANGE_REDUCTIONS
    ):
        return any(isinstance(part, ast.Compare) for part in [*node.args, node.func.value])
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        return any(
            isinstance(side, ast.Call)
            and isinstance(side.func, ast.Attribute)
            and side.func.attr in RANGE_EXTREMES
            and not side.args
            for side in sides
        ) and any(isinstance(side, ast.Constant) for side in sides)
    return False


def _stops(node: ast.AST) -> bool:
    """A `raise`, a call that ends the run (`sys.exit`), or a `return` that gives up:
    bare, `return None` or `return False` (not `return 0`: a count of rows written)."""
    if isinstance(node, ast.Raise):
        return True
    if isinstance(node, ast.Return):
        value = node.value
        return value is None or (
            isinstance(value, ast.Constant) and (value.value is None or value.value is False)
        )
    return isinstance(node, ast.Call) and dotted(node.func) in ("sys.exit", "exit")


def _validator_on_data_read(
    rel: str, tree: ast.Module, test_data: TestData, names_taken: NamesTaken, syntax_tree: TreeOf
) -> str | None:
    """What a test hands the repository's check of the data: a call, in a test function,
    of a function it takes from a module of the repository that raises on a quality
    measure (`_quality_step`: missing columns or values, duplicates, a range), handed data
    the test reads, not data it makes up (`_on_data_read`): `application =
    pd.read_csv(PATH)` then `validate_application_data(application)`. The test fails when
    the check raises, as an assertion would."""
    taken = names_taken(rel)
    reaches: dict[int, Reach] = {}
    for function in walked(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not function.name.startswith("test"):
            continue
        for call in calls(function):
            name = dotted(call.func).rpartition(".")[2]
            if not (call.args or call.keywords) or not _on_data_read(
                tree, call, test_data, reaches
            ):
                continue
            for module, names in taken.items():
                checked = syntax_tree(module) if names is None or name in names else None
                if checked is None:
                    continue
                own: list[ast.stmt] = [
                    n for n in checked.body if isinstance(n, ast.FunctionDef) and n.name == name
                ]
                line = _quality_step(module, ast.Module(body=own, type_ignores=[]), {name})
                if line is not None:
                    checks = f"which checks it ({module}:{line})"
                    return f"{rel}:{call.lineno} hands the data it reads to {name}, {checks}"
    return None


def _data_assertion(tree: ast.Module, nodes: Nodes, test_data: TestData) -> ast.Assert | None:
    """The first `assert` that looks at a property of a data set the test reads, directly
    or through a name assigned from one anywhere in the module (`n = frame.shape[1];
    assert n == 10`)."""
    derived = {
        target.id
        for node in nodes.of(ast.Assign)
        if _looks_at_data(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    asserts = nodes.of(ast.Assert)
    reaches: dict[int, Reach] = {}
    return next(
        (
            node
            for node in asserts
            if (_looks_at_data(node.test, derived) or _checks_a_domain(node.test))
            and _on_data_read(tree, node, test_data, reaches)
        ),
        None,
    )


def _checks_a_domain(test: ast.expr) -> bool:
    """Whether an assertion checks values against a fixed set (`label in ("legitimate",
    "phishing")`, each label of the data a loop reads) or a bound (`age >= 0`): a check of
    the data's values, whatever their container."""
    if not isinstance(test, ast.Compare) or not isinstance(test.left, ast.Name | ast.Subscript):
        return False
    for operator, right in zip(test.ops, test.comparators, strict=True):
        if isinstance(operator, ast.In | ast.NotIn):
            if not isinstance(right, ast.Tuple | ast.List | ast.Set) or not right.elts:
                return False
            if not all(isinstance(item, ast.Constant) for item in right.elts):
                return False
        elif isinstance(operator, ast.Lt | ast.LtE | ast.Gt | ast.GtE):
            if not (isinstance(right, ast.Constant) and type(right.value) in (int, float)):
                return False
        else:
            return False
    return True


def _on_data_read(
    tree: ast.Module,
    inspection: ast.Assert | ast.Call,
    test_data: TestData,
    reaches: dict[int, Reach],
) -> bool:
    """Whether an inspection (an assertion, or a call handing the data to a check) looks
    at data the test reads, not at data it makes up: its expression (the call's arguments)
    calls a reader or a getter (`pd.read_csv`, `load_raw_data`), or names a parameter of
    its function (a fixture that may read data) or a name assigned, in its function or at
    module level, from a reader, a getter, a parameter or another such name. Data the
    test makes up (`made_up_data`: a frame it writes out, `pd.DataFrame({"A": [1,
    None]})`, a CSV it writes into `tmp_path`, a fixture that builds either, a file under
    `tests/fixtures/`), passed through the code under test, even through a reader
    (`load_data(sample_csv)`), checks the code, not the data; so does a test that points
    the code's paths at made-up data (`monkeypatch.setattr("pkg.DATA_DIR", tmp_path)`):
    what its readers then read is what it wrote there."""
    function = outermost_function(tree, inspection)
    if id(function) not in reaches:  # the same for every inspection of the function
        reaches[id(function)] = _data_in_reach(tree, function, test_data)
    sources, made_up, redirected = reaches[id(function)]
    looked_at: ast.AST = (
        inspection.test
        if isinstance(inspection, ast.Assert)
        else ast.Tuple(elts=[*inspection.args, *(k.value for k in inspection.keywords)])
    )
    return _draws_on_data(looked_at, sources, made_up, test_data, redirected)


# What a function of a test module (or its top level, for None) draws data from: the
# names holding data it reads, the names bound to data it makes up, and whether it points
# the code's paths at made-up data (see `_on_data_read`).
Reach = tuple[set[str], set[str], bool]


def _data_in_reach(
    tree: ast.Module, function: ast.FunctionDef | ast.AsyncFunctionDef | None, test_data: TestData
) -> Reach:
    """The `Reach` of `function` (the module's top level for None) in the module `tree`."""
    sources: set[str] = set()
    redirected = False
    if function is None:
        made_up = test_data.made_up_at_top(tree)
    else:
        made_up = test_data.made_up_in(function, tree)
        redirected = redirects_to_made_up(function, made_up)
        arguments = {arg.arg for arg in (*function.args.args, *function.args.kwonlyargs)}
        sources |= {a for a in arguments if test_data.gives(a) in (Gives.READ, Gives.OTHER)}
    scopes: list[ast.AST] = [tree] if function is None else [tree, function]
    assignments = [binding for scope in scopes for binding in bindings(scope)]
    for _ in range(3):  # names derived from derived names
        for names, value in assignments:
            if _draws_on_data(value, sources, made_up, test_data, redirected):
                sources |= set(names)
    return sources, made_up, redirected


def _draws_on_data(
    expression: ast.AST,
    sources: set[str],
    made_up: set[str],
    test_data: TestData,
    redirected: bool,
) -> bool:
    """Whether an expression names a source of data or reads data not made up (none, when
    the test `redirected` the code's paths to made-up data)."""
    for part in ast.walk(expression):
        if isinstance(part, ast.Name) and part.id in sources:
            return True
        if (
            isinstance(part, ast.Call)
            and not redirected
            and _reads(part)
            and not test_data.on_made_up(part, made_up)
        ):
            return True
    return False


def _reads(call: ast.Call) -> bool:
    """Whether a call reads a data set: a reader (`pd.read_csv`, `np.load`), a function
    named for getting data (`load_raw_data`) or a data set class of the project's
    (`MyDataset(data_path)`)."""
    name = dotted(call.func)
    last = name.rpartition(".")[2]
    return (
        last in DATA_READERS
        or name in ("np.load", "numpy.load")
        or bool(DATA_GETTER.match(last))
        or bool(DATASET_CLASS.match(last))
    )


def _looks_at_data(expression: ast.AST, derived: set[str]) -> bool:
    """Whether an expression looks at a property of a data set (`DATA_PROPERTIES`), or a
    name assigned one. A row count alone (`df.shape[0] == 2007`, `preds.shape[0] ==
    X.shape[0]`) counts what loaded or what came back, and checks none of it."""
    rows = {
        id(part.value)
        for part in ast.walk(expression)
        if isinstance(part, ast.Subscript)
        and isinstance(part.value, ast.Attribute)
        and part.value.attr == "shape"
        and isinstance(part.slice, ast.Constant)
        and part.slice.value == 0
    }
    return any(
        (isinstance(part, ast.Attribute) and part.attr in DATA_PROPERTIES and id(part) not in rows)
        or (isinstance(part, ast.Name) and part.id in derived)
        for part in ast.walk(expression)
    )
