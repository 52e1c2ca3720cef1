"""The versions a new project starts on (Pythons, base images, GitHub actions), read from one table.

The table is `versions.toml` beside this module. The template, its locks, `mlops new`'s
end-of-life warning and scripts/check_versions.py all read it through `load()`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

TABLE = Path(__file__).with_name("versions.toml")


class Python(NamedTuple):
    """One Python minor version: when it came out, when it stops getting fixes, its image."""

    version: str
    released: date
    end_of_life: date
    patch: str | None
    """The patch release of the base image; None for a Python new projects no longer offer."""


class Action(NamedTuple):
    """A GitHub action pinned to the commit of one release tag."""

    name: str
    tag: str
    sha: str

    @property
    def major(self) -> int:
        return int(self.tag.lstrip("v").split(".")[0])


class Release(NamedTuple):
    """A release of a Linux distribution base images are built on."""

    distribution: str
    version: str
    names: tuple[str, ...]
    end_of_life: date
    python: str | None = None
    """The release's own Python 3, installed as `python3` by its package manager."""

    def __str__(self) -> str:
        name = DISTRIBUTION_NAMES.get(self.distribution, self.distribution.capitalize())
        return f"{name} {self.version}"


# How a distribution's name is written where it is not its image's name capitalised.
DISTRIBUTION_NAMES = {"amazonlinux": "Amazon Linux"}


class VendorImage(NamedTuple):
    """A range of a vendor's image tags (`YY.MM` months, CUDA or Python versions) built on
    one distribution release; `suffixes`, when given, are the only tag variants covered
    (`slim` covers `3.8.6-slim`, not `3.8.6-alpine`); `prefix`, when given, is written
    before each tag's numbers (`r` of `r32.7.1`)."""

    repositories: tuple[str, ...]
    first_tag: str
    last_tag: str
    distribution: str
    version: str
    suffixes: tuple[str, ...] = ()
    prefix: str = ""

    def covers(self, repository: str, tag: str) -> bool:
        """Whether `repository:tag` is one of these images (`22.11-py3` is month 22.11)."""
        return _tag_in_range(self, repository, tag)


class ImagePython(NamedTuple):
    """A range of a vendor's image tags that name no Python (`apache/airflow:2.7.2`) and
    ship one by default; `suffixes`, when given, are the only tag variants covered (`""`
    covers `2.7.2` alone, not `2.7.2-python3.11`)."""

    repositories: tuple[str, ...]
    first_tag: str
    last_tag: str
    python: str
    suffixes: tuple[str, ...] = ()
    prefix: str = ""

    def covers(self, repository: str, tag: str) -> bool:
        """Whether `repository:tag` is one of these images."""
        return _tag_in_range(self, repository, tag)


def _tag_in_range(entry: VendorImage | ImagePython, repository: str, tag: str) -> bool:
    """Whether `repository:tag` is in an entry's repositories, between its first and last
    tags (compared number by number) and, when it lists suffixes, one of them."""
    if not tag.startswith(entry.prefix):
        return False
    tag = tag.removeprefix(entry.prefix)
    first, number, last = _numbers(entry.first_tag), _numbers(tag), _numbers(entry.last_tag)
    if repository not in entry.repositories or first is None or number is None or last is None:
        return False
    suffix = tag.partition("-")[2]
    if entry.suffixes and suffix not in entry.suffixes:
        return False
    return first <= number <= last


class FrozenImage(NamedTuple):
    """Image namespaces (`jupyter` on Docker Hub) or repositories (`pytorch/torchserve`)
    their maintainers stopped publishing or patching on `since`: every tag is frozen;
    `successor` is where the images are published now ("" when nowhere)."""

    namespaces: tuple[str, ...]
    since: date
    successor: str = ""
    repositories: tuple[str, ...] = ()

    def covers(self, repository: str) -> bool:
        """Whether `repository` (`jupyter/base-notebook`, no tag) is one of these images."""
        return repository.rpartition("/")[0] in self.namespaces or repository in self.repositories


def _numbers(tag: str) -> tuple[int, ...] | None:
    """The dotted numbers a tag starts with (`22.11-py3` is (22, 11), `3.8.6-slim` is
    (3, 8, 6), a release candidate's `2.5.0rc3` (2, 5, 0)), or None when it starts with
    something else."""
    match = re.fullmatch(r"(\d+(?:\.\d+)+)(?:(?:a|b|rc)\d+)?", tag.split("-")[0])
    if match is None:
        return None
    return tuple(int(part) for part in match.group(1).split("."))


@dataclass(frozen=True)
class Versions:
    """The whole table."""

    checked: date
    horizon: timedelta
    debian_suite: str
    default_python: str
    pythons: dict[str, Python]
    actions: dict[str, Action]
    releases: tuple[Release, ...] = ()
    vendor_images: tuple[VendorImage, ...] = ()
    frozen_images: tuple[FrozenImage, ...] = ()
    image_pythons: tuple[ImagePython, ...] = ()
    node: dict[str, date] | None = None
    """Node.js major -> the end of its support."""
    postgres: dict[str, date] | None = None
    """PostgreSQL major (`13`, `9.6`) -> the end of its support."""
    databricks_runtimes: dict[str, str] | None = None
    """Databricks Runtime major -> the Python it ships."""

    def databricks_python(self, runtime: str) -> str | None:
        """The Python a Databricks Runtime release (`11.3`) ships, if the table knows it."""
        return (self.databricks_runtimes or {}).get(runtime.split(".")[0])

    def vendor_release(self, repository: str, tag: str) -> Release | None:
        """The release a vendor image without a distribution in its tag is built on."""
        for image in self.vendor_images:
            if image.covers(repository, tag):
                return self.release(image.distribution, image.version)
        return None

    def vendor_python(self, repository: str, tag: str) -> str | None:
        """The Python a vendor image whose tag names none ships by default, if known."""
        return next((e.python for e in self.image_pythons if e.covers(repository, tag)), None)

    def frozen_since(self, repository: str) -> FrozenImage | None:
        """The entry saying an image repository (no tag) is no longer published, if any."""
        return next((image for image in self.frozen_images if image.covers(repository)), None)

    def release(self, distribution: str, version_or_name: str) -> Release | None:
        """A distribution's release by version (`20.04`, `10`, `3.18`) or code name."""
        return next(
            (
                r
                for r in self.releases
                if r.distribution == distribution and version_or_name in (r.version, *r.names)
            ),
            None,
        )

    @property
    def supported(self) -> tuple[str, ...]:
        """The Pythons new projects offer and the locks cover, oldest first."""
        offered = [p for p in self.pythons.values() if p.patch is not None]
        return tuple(p.version for p in sorted(offered, key=lambda p: _key(p.version)))

    @property
    def oldest(self) -> str:
        return self.supported[0]

    @property
    def newest(self) -> str:
        return self.supported[-1]

    def image(self, python: str) -> str:
        """The base image of both Dockerfiles for a supported Python."""
        patch = self.pythons[python].patch
        if patch is None:
            raise KeyError(f"Python {python} is no longer supported")
        return f"python:{patch}-slim-{self.debian_suite}"

    def pins_current(self, uses: str) -> bool:
        """Whether a `uses:` value (`owner/repo[/path]@sha # tag`) is the table's pin."""
        action, _, pin = uses.partition("@")
        entry = self.actions.get("/".join(action.split("/")[:2]))
        return entry is not None and pin == f"{entry.sha} # {entry.tag}"

    def end_of_life(self, python: str) -> date | None:
        """When a Python (`3.12`, or `3.12.4`) stops getting security fixes; None if unknown."""
        entry = self.pythons.get(".".join(python.strip().split(".")[:2]))
        return entry.end_of_life if entry else None

    def ending(self, python: str, today: date) -> date | None:
        """The end of life of `python` when it is past or within the horizon; else None."""
        end = self.end_of_life(python)
        return end if end is not None and end - today <= self.horizon else None

    def end_of_life_warning(self, python: str, today: date) -> str | None:
        """One line when `python` is past, or within the horizon of, its end of life."""
        end = self.ending(python, today)
        if end is None:
            return None
        if end < today:
            return f"Python {python} reached its end of life on {end}: it gets no security fixes"
        return f"Python {python} reaches its end of life on {end}: plan the move to a newer one"


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def parse(table: dict[str, Any]) -> Versions:
    """The table from its TOML form (a KeyError or TypeError names a missing or wrong field)."""
    pythons = {
        str(version): Python(str(version), e["released"], e["end_of_life"], e.get("patch"))
        for version, e in table["python"].items()
    }
    actions = {
        str(name): Action(str(name), e["tag"], e["sha"]) for name, e in table["actions"].items()
    }
    releases = tuple(
        Release(
            str(name),
            str(version),
            tuple(e.get("names", ())),
            e["end_of_life"],
            str(e["python"]) if "python" in e else None,
        )
        for name, entries in table.get("distributions", {}).items()
        for version, e in entries.items()
    )
    vendor_images = tuple(
        VendorImage(
            tuple(e["repositories"]),
            str(e["first_tag"]),
            str(e["last_tag"]),
            str(e["distribution"]),
            str(e["version"]),
            tuple(e.get("suffixes", ())),
            str(e.get("prefix", "")),
        )
        for e in table.get("vendor_images", ())
    )
    frozen_images = tuple(
        FrozenImage(
            tuple(e.get("namespaces", ())),
            e["since"],
            str(e.get("successor", "")),
            tuple(e.get("repositories", ())),
        )
        for e in table.get("frozen_images", ())
    )
    image_pythons = tuple(
        ImagePython(
            tuple(e["repositories"]),
            str(e["first_tag"]),
            str(e["last_tag"]),
            str(e["python"]),
            tuple(e.get("suffixes", ())),
        )
        for e in table.get("image_pythons", ())
    )
    versions = Versions(
        checked=table["checked"],
        horizon=timedelta(days=int(table["horizon_days"])),
        debian_suite=str(table["debian_suite"]),
        default_python=str(table["default_python"]),
        pythons=pythons,
        actions=actions,
        releases=releases,
        vendor_images=vendor_images,
        frozen_images=frozen_images,
        image_pythons=image_pythons,
        node={str(major): end for major, end in table.get("node", {}).items()},
        postgres={str(major): end for major, end in table.get("postgres", {}).items()},
        databricks_runtimes={
            str(major): str(python)
            for major, python in table.get("databricks_runtimes", {}).items()
        },
    )
    if versions.default_python not in versions.supported:
        raise ValueError(f"default_python {versions.default_python} has no patch release")
    return versions


def read(path: Path) -> Versions:
    """A table from a TOML file (the shipped one, or one a test or the weekly check passes)."""
    with path.open("rb") as file:
        return parse(tomllib.load(file))


@cache
def load() -> Versions:
    """The table shipped with the tool."""
    return read(TABLE)


def end_of_life(python: str) -> date | None:
    """When a Python minor version stops getting security fixes, per the shipped table."""
    return load().end_of_life(python)


SUPPORTED_PYTHONS: tuple[str, ...] = load().supported
"""The Pythons new projects offer, oldest first."""
