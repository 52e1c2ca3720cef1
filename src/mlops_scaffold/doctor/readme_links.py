"""The files of a repository a README sends its reader to, one hop away.

A reader follows what the README links: a page or folder of the repository by a relative
link (`[Install](docs/usage/installation)`, its extension left out too), by its address
on GitHub or GitLab (`.../tree/main/api`, a script's raw address), or by its name in a
code span (`production/`), and the project's hosted manual whose source the repository
holds (`https://demo.readthedocs.io`, `https://owner.github.io/demo`). Nothing else is
read: a file no link reaches is one a newcomer does not find.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from mlops_scaffold.lazy_pattern import lazy_pattern

# A link's target: a Markdown link's (`[Install](docs/install)`), an HTML anchor's
# (`<a href="docs/">`), a reStructuredText link's (`` `Install <docs/install.rst>`_ ``,
# `.. _install: docs/install.rst`). Addresses are found wherever they are written.
LINK_TARGET = lazy_pattern(
    r"\]\(\s*<?([^)\s>]+)"
    r"|<a\s[^>]*?\bhref\s*=\s*[\"']([^\"']+)"
    r"|`[^`<>\n]+<([^<>`\s]+)>`__?"
    r"|(?m:^\.\.[ \t]+_[^:\n]+:[ \t]*(\S+))"
)
ADDRESS = lazy_pattern(r"\bhttps?://[^\s)\]>\"'`<|*]+")
# A path of the repository named in a code span (`production/`, `/Documentation`).
PATH_SPAN = lazy_pattern(r"`\.?/?((?:[\w.-]+/)*[\w.-]+)/?`")
SCHEME = lazy_pattern(r"^[a-zA-Z][\w+.-]*:")
# A file of the repository by its address on a forge: GitHub's tree, blob and raw pages,
# raw.githubusercontent.com, GitLab's `/-/tree/` pages (the branch one path segment).
FORGE_PATH = lazy_pattern(
    r"^https?://(?:www\.)?(?:github\.com/[\w.-]+/[\w.-]+/(?:tree|blob|raw)/[\w.-]+"
    r"|raw\.githubusercontent\.com/[\w.-]+/[\w.-]+/[\w.-]+"
    r"|gitlab\.com/(?:[\w.-]+/)+-/(?:tree|blob|raw)/[\w.-]+)/([^?#]+)"
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
# Where a manual names itself: MkDocs' site address, Sphinx's project.
MKDOCS_SITE_URL = lazy_pattern(r"(?m)^site_url:\s*[\"']?(\S+?)[\"']?\s*$")
SPHINX_PROJECT = lazy_pattern(r"(?m)^project\s*=\s*[\"']([^\"']+)")
SPHINX_CONFIGS = ("docs/conf.py", "docs/source/conf.py", "doc/conf.py", "doc/source/conf.py")
# A page named for setting up (`INSTALL.md`, `docs/getting_started.md`,
# `/en/latest/installation.html`): what a README that links it calls its setup guide.
SETUP_NAMED = lazy_pattern(r"(?i)install|setup|getting[-_ ]?started|quick[-_ ]?start")

TextOf = Callable[[str], "str | None"]


class Linked(NamedTuple):
    """A file a README's link reaches; `named` when the link names the file itself (not a
    page of a folder or of a hosted manual it links)."""

    path: str
    named: bool


def linked_files(readme: str, file_set: frozenset[str], text: TextOf) -> Iterator[Linked]:
    """The files of the repository the README at `readme` links, one hop: a linked page or
    script itself, a linked folder's pages (its README first, then those below it; a
    folder holding the README gives its README only), the pages of the project's hosted
    manual it links (the page the address names, or every page of a link to the
    manual's front page), each once, in the order the README names them."""
    links = _Links(readme.rpartition("/")[0], file_set, text)
    seen: set[str] = {readme}
    for target in _targets(text(readme) or ""):
        for linked in links.resolve(target):
            if linked.path not in seen:
                seen.add(linked.path)
                yield linked


def _targets(content: str) -> Iterator[str]:
    """Every target the README links or names: link targets, addresses, code spans."""
    for match in LINK_TARGET.finditer(content):
        yield next(group for group in match.groups() if group)
    yield from (address.rstrip(".,;:") for address in ADDRESS.findall(content))
    yield from PATH_SPAN.findall(content)


class _Links:
    """Where the links of the README in `folder` lead, in one repository."""

    def __init__(self, folder: str, file_set: frozenset[str], text: TextOf) -> None:
        self.folder, self.file_set, self.text = folder, file_set, text

    @cached_property
    def documents(self) -> list[str]:
        """The repository's pages, listed once, when a folder or a manual is linked."""
        return sorted(rel for rel in self.file_set if DOCUMENT.search(rel))

    def resolve(self, target: str) -> list[Linked]:
        """The repository's files a link's target leads to (none for another site's page)."""
        if SCHEME.match(target):
            forge = FORGE_PATH.match(target)
            if forge:
                return self._files_at(unquote(forge.group(1)).strip("/"))
            return [Linked(rel, named=False) for rel in self._manual_pages(target)]
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            return []
        if path.startswith("/"):
            return self._files_at(path.strip("/"))
        joined = posixpath.normpath(posixpath.join(self.folder, path))
        found = self._files_at(joined) if not joined.startswith("..") else []
        return found or self._files_at(posixpath.normpath(path))

    def _files_at(self, path: str) -> list[Linked]:
        """The file at a path of the repository, the page it names without its extension,
        or the pages of the folder there."""
        if path in ("", ".", "..") or path.startswith("../"):
            return []
        if path in self.file_set:
            return [Linked(path, named=True)]
        page = next((path + ext for ext in PAGE_EXTENSIONS if path + ext in self.file_set), None)
        if page:
            return [Linked(page, named=True)]
        inside = [rel for rel in self.documents if rel.startswith(path + "/")]
        depth = path.count("/") + 1
        readmes = [rel for rel in inside if rel.count("/") == depth and _is_readme(rel)]
        if self.folder == path or self.folder.startswith(path + "/"):
            inside = readmes  # the README's own folder or one above: its README, not the tree
        return [Linked(rel, named=False) for rel in dict.fromkeys(readmes + inside)]

    def _manual_pages(self, address: str) -> list[str]:
        """The pages of the project's manual a hosted address shows: the page its path
        names (found in the docs folder by its path, else by its name), or, for the front
        page of the project's own site, every page of the manual (its contents, one click
        away). A page named for setup (`/install/`) is looked up whatever the host."""
        parts = urlsplit(address)
        segments = [unquote(s) for s in parts.path.split("/") if s]
        site = _site_name(parts.hostname or "", segments)
        own_path = self._own_site_path(address)
        if own_path is not None:
            segments = own_path
        elif site is not None:
            segments = site[1]
        elif not (segments and SETUP_NAMED.search(segments[-1])):
            return []
        while segments and VERSION_SEGMENT.match(segments[0]):
            segments = segments[1:]
        if segments and re.sub(r"\.html?$", "", segments[-1]) in ("index", ""):
            segments = segments[:-1]
        manual = [rel for rel in self.documents if MANUAL_FOLDER.search(rel)]
        if not segments:
            own = own_path is not None or (site is not None and self._names_project(site[0]))
            return manual if own else []
        wanted = [*segments[:-1], re.sub(r"\.html?$", "", segments[-1])]
        by_path = "/" + "/".join(wanted).lower()
        found = [rel for rel in manual if _page_key(rel).endswith(by_path)]
        return found or [rel for rel in manual if _page_key(rel).endswith("/" + wanted[-1].lower())]

    def _own_site_path(self, address: str) -> list[str] | None:
        """The page's path within the site when the address is under MkDocs' `site_url`."""
        for config in ("mkdocs.yml", "mkdocs.yaml"):
            for rel in dict.fromkeys((posixpath.join(self.folder, config), config)):
                found = (
                    MKDOCS_SITE_URL.search(self.text(rel) or "") if rel in self.file_set else None
                )
                site = found.group(1).rstrip("/") if found else ""
                if site and (address.rstrip("/") + "/").startswith(site + "/"):
                    return [s for s in address[len(site) :].split("/") if s]
        return None

    def _names_project(self, name: str) -> bool:
        """Whether a hosted site's name is the project's: a folder of that name (at the
        README's folder or the root, or under src/: its package), or its Sphinx manual's."""
        wanted = _normal(name)
        for base in dict.fromkeys((f"{self.folder}/" if self.folder else "", "")):
            if any(_normal(top) == wanted for top in _folders_under(self.file_set, base)):
                return True
            for config in (base + c for c in SPHINX_CONFIGS if base + c in self.file_set):
                found = SPHINX_PROJECT.search(self.text(config) or "")
                if found and _normal(found.group(1)) == wanted:
                    return True
        return False


def _folders_under(file_set: frozenset[str], base: str) -> set[str]:
    """The folders directly under `base` ("" for the root) and under its src/."""
    found: set[str] = set()
    for rel in file_set:
        parts = rel[len(base) :].split("/") if rel.startswith(base) else []
        if len(parts) > 1:
            found.add(parts[1] if parts[0] == "src" and len(parts) > 2 else parts[0])
    return found


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
