"""The code of a repository in languages other than Python, and what declares and locks it.

A repository with no Python at all (a Bun chatbot and its promptfoo suites, a TypeScript
stream pipeline on GKE, an R model driven by DVC, a course of Markdown labs) is still audited:
its dependencies are judged by its own ecosystem's files (`package.json` and `bun.lock`,
R's `DESCRIPTION` and `renv.lock`), and a repository with no code in any language has no
dependencies to declare. One row per language; adding one is one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language: the suffixes of its source files, the files that declare its
    dependencies and the lock files that pin them all."""

    name: str
    suffixes: tuple[str, ...]
    manifests: frozenset[str]
    locks: frozenset[str]


LANGUAGES = (
    Language(
        "JavaScript",
        (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".vue", ".svelte"),
        frozenset({"package.json"}),
        frozenset(
            {
                "package-lock.json",
                "npm-shrinkwrap.json",
                "yarn.lock",
                "pnpm-lock.yaml",
                "bun.lock",
                "bun.lockb",
            }
        ),
    ),
    Language(
        "R", (".R", ".r", ".Rmd"), frozenset({"DESCRIPTION", "renv.lock"}), frozenset({"renv.lock"})
    ),
    Language("Julia", (".jl",), frozenset({"Project.toml"}), frozenset({"Manifest.toml"})),
    Language("Go", (".go",), frozenset({"go.mod"}), frozenset({"go.sum"})),
    Language("Rust", (".rs",), frozenset({"Cargo.toml"}), frozenset({"Cargo.lock"})),
    Language(
        "JVM",
        (".java", ".kt", ".scala"),
        frozenset({"pom.xml", "build.gradle", "build.gradle.kts", "build.sbt"}),
        frozenset({"gradle.lockfile"}),
    ),
)

# Folders of someone else's code, committed or vendored, that say nothing of the project's.
VENDORED = ("node_modules/", "vendor/", "third_party/")


@dataclass(frozen=True)
class OtherCode:
    """The languages other than Python a repository has source files in, and those of
    them whose dependencies a manifest declares and a lock pins."""

    languages: frozenset[str]
    declared: frozenset[str]
    locked: frozenset[str]

    @property
    def all_declared(self) -> bool:
        """Whether there is such code and each of its languages has a manifest."""
        return bool(self.languages) and self.languages <= self.declared

    @property
    def all_locked(self) -> bool:
        """Whether there is such code and each of its languages has a lock."""
        return bool(self.languages) and self.languages <= self.locked


def other_code(files: Iterable[str]) -> OtherCode:
    """What code in other languages than Python the files hold, and what declares and
    locks it, anywhere in the tree (a monorepo's `apps/webapp/package.json`)."""
    languages: set[str] = set()
    declared: set[str] = set()
    locked: set[str] = set()
    for rel in files:
        if any(rel.startswith(folder) or f"/{folder}" in rel for folder in VENDORED):
            continue
        name = rel.rsplit("/", 1)[-1]
        for language in LANGUAGES:
            if name.endswith(language.suffixes):
                languages.add(language.name)
            if name in language.manifests:
                declared.add(language.name)
            if name in language.locks:
                locked.add(language.name)
    return OtherCode(frozenset(languages), frozenset(declared), frozenset(locked))
