"""The files of a repository a README sends its reader to, one hop away.

A reader follows what the README links: a page or folder of the repository by a relative
link (`[Install](docs/usage/installation)`, its extension left out too), by its address
on GitHub or GitLab (`.../tree/main/api`, a script's raw address; of another repository,
a file of the same path is read for what it says, not credited by its name), or by its
name in a code span (`production/`: that folder's README and its projects' READMEs), and
the project's hosted manual whose source the repository holds, on the project's own site
(`https://demo.readthedocs.io`, `https://owner.github.io/demo`). Nothing else is read: a
file no link reaches is one a newcomer does not find, and a third-party tree's pages
(node_modules) are not the project's.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit

from mlops_scaffold.doctor.kinds import PROJECT_FILES
from mlops_scaffold.lazy_pattern import lazy_pattern

# A link's target: a Markdown link's (`[Install](docs/install)`), an HTML anchor's
# (`<a href="docs/">`), a reStructuredText link's (`` `Install <docs/install.rst>`_ ``,
# `.. _install: docs/install.rst`). Addresses are found wherever they are written.
LINK_TARGET = lazy_pattern(
    r"\]\(\s*<?([^)\s>]+)"
    r"|<a\s[^>]{0,1000}?\bhref\s*=\s*[\"']([^\"']+)"
    r"|`[^`<>\n]+<([^<>`\s]+)>`__?"
    r"|(?m:^\.\.[ \t]+_[^:\n]+:[ \t]*(\S+))"
)
ADDRESS = lazy_pattern(r"\bhttps?://[^\s)\]>\"'`<|*]+")
# A path of the repository named in a code span (`production/`, `/Documentation`).
PATH_SPAN = lazy_pattern(r"`\.?/?((?:[\w.-]+/)*[\w.-]+)/?`")
SCHEME = lazy_pattern(r"^[a-zA-Z][\w+.-]*:")
# A file of the repository by its address on a forge: GitHub's tree, blob and raw pages,
# raw.githubusercontent.com, GitLab's `/-/tree/` pages (the branch one path segment); the
# repository's name (one group per forge), then the path.
FORGE_PATH = lazy_pattern(
    r"^https?://(?:www\.)?(?:github\.com/[\w.-]+/([\w.-]+)/(?:tree|blob|raw)/[\w.-]+"
    r"|raw\.githubusercontent\.com/[\w.-]+/([\w.-]+)/[\w.-]+"
    r"|gitlab\.com/(?:[\w.-]+/)*([\w.-]+)/-/(?:tree|blob|raw)/[\w.-]+)/([^?#]+)"
)
# Where projects host the manual built from their docs folder: Read the Docs (the site's
# name is the subdomain), GitHub and GitLab Pages (the repository's name is the first
# segment of the path).
READTHEDOCS_HOST = lazy_pattern(r"^([\w-]+)\.(?:readthedocs\.(?:io|org)|readthedocs-hosted\.com)$")
PAGES_HOST = lazy_pattern(r"^([\w-]+)\.git(?:hub|lab)\.io$")
# Leading segments of a hosted manual's path that name a language or a version
# (`/en/latest/`, `/stable/`, `/v1.2/`), not a page.
VERSION_SEGMENT = lazy_pattern(
    r"^(?:[a-z]{2}(?:[-_][a-zA-Z]{2,4})?|latest|stable|master|main|develop|dev|v?\d+(?:\.\d+)*\w*)$"
)
# A manual's source: the pages under a docs folder (`docs/`, `doc/source/`, `Documentation/`).
MANUAL_FOLDER = lazy_pattern(r"(?i)(?:^|/)(?:docs?|documentation)/")
# Pages people read: Markdown, reStructuredText, AsciiDoc, LaTeX; text files by name only
# (`README.txt`, `INSTALL.txt`: other text files are data or requirements).
DOCUMENT = lazy_pattern(
    r"(?i)\.(?:md|markdown|rst|adoc|tex)$|(?:^|/)(?:readme|install|setup)[\w.-]*\.txt$"
)
# What a link to a page left without its extension stands for (Sphinx's and MkDocs'
# page addresses: `docs/usage/installation` for installation.rst).
PAGE_EXTENSIONS = (".md", ".rst", ".txt", ".adoc")
FOLDER_README = lazy_pattern(r"(?i)^readme(?:\.\w+)?$")
# Files that make a folder a project of its own, whose README says how to set it up (a
# model card beside a model's weights makes none).
PROJECT_MARKS = (*sorted(PROJECT_FILES), "Dockerfile")
# Third-party trees committed with the project (node_modules, a virtualenv, vendor/):
# their pages and tasks are their authors', not the project's.
VENDORED = lazy_pattern(
    r"(?:^|/)(?:node_modules|bower_components|site-packages|dist-packages|\.?venv|vendor"
    r"|third_party)/"
)
# Where a manual names itself: MkDocs' site address, Sphinx's project.
PAGES = ".github.io"  # GitHub Pages: `<owner>.github.io/<repository>/`
MKDOCS_SITE_URL = lazy_pattern(r"(?m)^site_url:[ \t]*[\"']?(\S+?)[\"']?[ \t]*$")
SPHINX_PROJECT = lazy_pattern(r"(?m)^project\s*=\s*[\"']([^\"']+)")
SPHINX_CONFIGS = ("docs/conf.py", "docs/source/conf.py", "doc/conf.py", "doc/source/conf.py")
# A page named for setting up (`INSTALL.md`, `docs/getting_started.md`,
# `/en/latest/installation.html`): what a README that links it calls its setup guide.
SETUP_NAMED = lazy_pattern(r"(?i)install|setup|getting[-_ ]?started|quick[-_ ]?start")

TextOf = Callable[[str], "str | None"]


class Linked(NamedTuple):
    """A file a README's link reaches; `named` when the link names the file itself (not a
    page of a folder or of a hosted manual it links, nor a file of another repository
    with the same path)."""

    path: str
    named: bool


def linked_files(readme: str, file_set: frozenset[str], text: TextOf) -> Iterator[Linked]:
    """The files of the repository the README at `readme` links, one hop: a linked page or
    script itself, a linked folder's pages (its README first, then those below it; a
    folder holding the README gives its README only; a folder named in a code span gives
    its README and its nested projects' READMEs, a documentation folder all its pages),
    the pages of the project's hosted manual it links (the page the address names, or
    every page of a link to the manual's front page), each once, in the order the README
    names them. Third-party trees (node_modules, a virtualenv, vendor/) give no pages."""
    links = _Links(readme.rpartition("/")[0], file_set, text)
    seen: set[str] = {readme}
    for target, whole in _targets(text(readme) or ""):
        for linked in links.resolve(target, whole):
            if linked.path not in seen:
                seen.add(linked.path)
                yield linked


def _targets(content: str) -> Iterator[tuple[str, bool]]:
    """Every target the README links or names, and whether a folder there is linked (its
    pages read whole) rather than named in a code span: link targets, addresses, spans."""
    for match in LINK_TARGET.finditer(content):
        yield next(group for group in match.groups() if group), True
    for address in ADDRESS.findall(content):
        yield address.rstrip(".,;:"), True
    for span in PATH_SPAN.findall(content):
        yield span, False


class _Links:
    """Where the links of the README in `folder` lead, in one repository."""

    def __init__(self, folder: str, file_set: frozenset[str], text: TextOf) -> None:
        self.folder, self.file_set, self.text = folder, file_set, text

    def resolve(self, target: str, whole: bool = True) -> list[Linked]:
        """The repository's files a link's target leads to (none for another site's page);
        a folder's pages below its README too when `whole`."""
        if SCHEME.match(target):
            forge = FORGE_PATH.match(target)
            if forge:
                return self._forge_files(forge)
            return [Linked(rel, named=False) for rel in self._manual_pages(target)]
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            return []
        if path.startswith("/"):
            return self._files_at(path.strip("/"), whole)
        joined = posixpath.normpath(posixpath.join(self.folder, path))
        plain = posixpath.normpath(path)
        found = self._files_at(joined, whole) if not joined.startswith("..") else []
        return found or (self._files_at(plain, whole) if plain != joined else [])

    def _forge_files(self, forge: re.Match[str]) -> list[Linked]:
        """The files at a forge address's path. Of a repository not known to be this one
        (its name no folder of the project's, nor its Sphinx project: another project's
        INSTALL.md) the file is read for what it writes, its name saying nothing."""
        *names, path = forge.groups()
        found = self._files_at(unquote(path).strip("/"))
        repository = next(name for name in names if name)
        if found and not self._names_project(repository):
            return [Linked(linked.path, named=False) for linked in found]
        return found

    def _files_at(self, path: str, whole: bool = True) -> list[Linked]:
        """The file at a path of the repository, the page it names without its extension,
        or the pages of the folder there (not `whole`: its README and its nested
        projects' READMEs, unless it is a documentation folder)."""
        if path in ("", ".", "..") or path.startswith("../"):
            return []
        if path in self.file_set:
            return [Linked(path, named=True)]
        page = next((path + ext for ext in PAGE_EXTENSIONS if path + ext in self.file_set), None)
        if page:
            return [Linked(page, named=True)]
        inside = list(_under(_documents(self.file_set), path + "/"))
        depth = path.count("/") + 1
        readmes = [rel for rel in inside if rel.count("/") == depth and _is_readme(rel)]
        if self.folder == path or self.folder.startswith(path + "/"):
            inside = readmes  # the README's own folder or one above: its README, not the tree
        elif not whole and not MANUAL_FOLDER.search(path + "/"):
            inside = [rel for rel in inside if _is_readme(rel) and self._project_readme(rel)]
        return [Linked(rel, named=False) for rel in dict.fromkeys([*readmes, *inside])]

    def _project_readme(self, readme: str) -> bool:
        """Whether a README's folder declares a project (`pyproject.toml`, a Dockerfile):
        not a model card beside its weights."""
        folder = readme.rpartition("/")[0]
        return any(f"{folder}/{name}" in self.file_set for name in PROJECT_MARKS)

    def _manual_pages(self, address: str) -> list[str]:
        """The pages of the project's manual a hosted address shows, on the project's own
        site only (Read the Docs or Pages named for the project, or under MkDocs'
        site_url): the page its path names (found in the docs folder by its path, else by
        its name), or, for the front page, every page of the manual (its contents, one
        click away)."""
        parts = _split(address)
        if parts is None:
            return []
        own_path = self._own_site_path(parts)
        if own_path is not None:
            segments = own_path
        else:
            path = [unquote(s) for s in parts.path.split("/") if s]
            site = _site_name(parts.hostname or "", path)
            if site is None or not self._names_project(site[0]):
                return []
            segments = site[1]
        while segments and VERSION_SEGMENT.match(segments[0]):
            segments = segments[1:]
        if segments and re.sub(r"\.html?$", "", segments[-1]) in ("index", ""):
            segments = segments[:-1]
        manual = _manual(self.file_set)
        if not segments:
            return list(manual)
        wanted = [*segments[:-1], re.sub(r"\.html?$", "", segments[-1])]
        by_path = "/" + "/".join(wanted).lower()
        found = [rel for rel in manual if _page_key(rel).endswith(by_path)]
        return found or [rel for rel in manual if _page_key(rel).endswith("/" + wanted[-1].lower())]

    def _own_site_path(self, parts: SplitResult) -> list[str] | None:
        """The page's path within the site when the address is under MkDocs' `site_url`
        (its host and path, or the same repository's Pages under another owner: a
        classroom's copy, a repository moved; a #fragment or ?query says nothing of the
        page)."""
        for config in ("mkdocs.yml", "mkdocs.yaml"):
            for rel in dict.fromkeys((posixpath.join(self.folder, config), config)):
                found = (
                    MKDOCS_SITE_URL.search(self.text(rel) or "") if rel in self.file_set else None
                )
                site = _split(found.group(1)) if found else None
                if site is None or not site.hostname or not _same_site(site, parts):
                    continue
                base = site.path.rstrip("/")
                if (parts.path.rstrip("/") + "/").startswith(base + "/"):
                    return [unquote(s) for s in parts.path[len(base) :].split("/") if s]
        return None

    def _names_project(self, name: str) -> bool:
        """Whether a site's or a repository's name is the project's: a folder of that name
        (at the README's folder or the root, or under src/: its package), or its Sphinx
        manual's."""
        wanted = _normal(name)
        for base in dict.fromkeys((f"{self.folder}/" if self.folder else "", "")):
            if any(_normal(top) == wanted for top in _folders_under(self.file_set, base)):
                return True
            for config in (base + c for c in SPHINX_CONFIGS if base + c in self.file_set):
                found = SPHINX_PROJECT.search(self.text(config) or "")
                if found and _normal(found.group(1)) == wanted:
                    return True
        return False


def _same_site(site: SplitResult, address: SplitResult) -> bool:
    """Whether an address is on the site MkDocs' `site_url` names: the same host, or
    GitHub Pages of the same repository under another owner
    (`https://classroom.github.io/project/` for `https://author.github.io/project/`)."""
    if site.hostname == address.hostname:
        return True
    pages = [host for host in (site.hostname, address.hostname) if host and host.endswith(PAGES)]
    repository = [part.path.strip("/").partition("/")[0] for part in (site, address)]
    return len(pages) == 2 and bool(repository[0]) and repository[0] == repository[1]


# Facts of one file list, worked out once however many READMEs link (a course's 800
# lessons each ask): its files and pages sorted, so a folder's are one slice of them.
@lru_cache(maxsize=4)
def _sorted_files(file_set: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(file_set))


@lru_cache(maxsize=4)
def _documents(file_set: frozenset[str]) -> tuple[str, ...]:
    """The repository's pages, sorted, those of third-party trees left out."""
    return tuple(
        rel for rel in _sorted_files(file_set) if DOCUMENT.search(rel) and not VENDORED.search(rel)
    )


@lru_cache(maxsize=4)
def _manual(file_set: frozenset[str]) -> tuple[str, ...]:
    """The pages of the repository's manual: those under a docs folder."""
    return tuple(rel for rel in _documents(file_set) if MANUAL_FOLDER.search(rel))


@lru_cache(maxsize=64)
def _folders_under(file_set: frozenset[str], base: str) -> frozenset[str]:
    """The folders directly under `base` ("" for the root) and under its src/."""
    found: set[str] = set()
    for rel in _under(_sorted_files(file_set), base):
        parts = rel[len(base) :].split("/")
        if len(parts) > 1:
            found.add(parts[1] if parts[0] == "src" and len(parts) > 2 else parts[0])
    return frozenset(found)


def _under(paths: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    """The paths of a sorted list that start with `prefix`: one slice of it."""
    start = bisect_left(paths, prefix)
    return paths[start : bisect_left(paths, prefix + "\U0010ffff", start)]


def _split(address: str) -> SplitResult | None:
    """An address's parts; None for one no browser opens (`http://[your-server-ip]:5000`,
    a host followed by full-width punctuation)."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


def _is_readme(rel: str) -> bool:
    return bool(FOLDER_README.match(rel.rpartition("/")[2]))


def _site_name(host: str, segments: list[str]) -> tuple[str, list[str]] | None:
    """The name of a hosted manual's site and the segments of the page's path within it:
    Read the Docs' subdomain, or the repository named first on GitHub or GitLab Pages."""
    readthedocs = READTHEDOCS_HOST.match(host)
    if readthedocs:
        return readthedocs.group(1), segments
    pages = PAGES_HOST.match(host)
    if pages:
        return (segments[0], segments[1:]) if segments else (pages.group(1), [])
    return None


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _page_key(rel: str) -> str:
    """A page's address in its manual: its path without the extension, a folder's index
    page standing for the folder (`docs/install/index.md` -> `docs/install`)."""
    stem = "/" + rel.rsplit(".", 1)[0].lower()
    return stem[: -len("/index")] if stem.endswith("/index") else stem
