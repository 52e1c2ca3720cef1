"""The one reader of a repository: what every verb knows about a repo comes from here.

- `view.Repo`: the cached, read-only view (file list, parsed configuration files);
- `listing`: the fast file listing under it (git's, or a gitignore-aware walk);
- `parsers`: pure parsers (requirements, Dockerfiles, pyproject tables, conda files);
- `facts`: what `mlops add` fits the template to, derived from the view;
- `dependencies`: the requirements a repo declares, sorted into lock sets.
"""

from mlops_scaffold.repo.parsers import (
    Dockerfile,
    Instruction,
    Requirement,
    parse_dockerfile,
    parse_requirements,
    printable,
)
from mlops_scaffold.repo.view import ParseProblem, Repo

__all__ = [
    "Dockerfile",
    "Instruction",
    "ParseProblem",
    "Repo",
    "Requirement",
    "parse_dockerfile",
    "parse_requirements",
    "printable",
]
