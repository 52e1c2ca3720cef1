"""Kinds in the seventh corpus round: the code of a video series, one tutorial per folder
with a requirements.txt of its own, is an example, not a monorepo of applications."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, found_ids

TOPICS = ("attention", "diffusion", "quantization", "pruning", "tokenizers")
TUTORIAL = {
    "README.md": "Train it:\n\n```\npip install -r requirements.txt\npython train.py\n```\n",
    "requirements.txt": "torch>=2\n",
    "train.py": "def train(model, x, y):\n    model.fit(x, y)\n",
}


def _series(videos: int) -> dict[str, str]:
    """A root README with a table of `videos` video links, and a folder per topic."""
    rows = "".join(
        f"| {topic} | [video](https://youtu.be/clip{n:04d}x) | [code]({topic}/) |\n"
        for n, topic in enumerate(TOPICS[:videos])
    )
    readme = f"# notes\n\nCode for my channel.\n\n| Name | Video | Code |\n|---|---|---|\n{rows}"
    tree = {"README.md": readme}
    for topic in TOPICS:
        tree |= {f"{topic}/{name}": text for name, text in TUTORIAL.items()}
    return tree


def test_a_readme_linking_a_video_per_folder_makes_an_example(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _series(videos=5))
    report = audit(tmp_path)
    assert report.kind == "example"
    assert "5 videos" in report.kind_evidence
    assert not found_ids(report) & {"CODE001", "DATA004", "EXP001", "DOCS003"}


def test_a_demo_video_or_two_leaves_the_folders_projects(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _series(videos=2))
    report = audit(tmp_path)
    assert report.kind == "monorepo"
    assert "EXP001" in found_ids(report)


def test_a_list_of_talks_that_links_no_folder_is_no_video_series(tmp_path: Path) -> None:
    talks = "".join(
        f"- [{topic} talk](https://youtu.be/talk{n:04d}x)\n" for n, topic in enumerate(TOPICS)
    )
    tree = _series(videos=0)
    tree["README.md"] = f"# notes\n\n## Talks\n\n{talks}"
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path).kind == "monorepo"


def test_videos_beside_github_links_to_their_folders_make_an_example(tmp_path: Path) -> None:
    rows = "".join(
        f"| {topic} | [link](https://youtu.be/clip{n:04d}x) "
        f"| [link](https://github.com/me/notes/tree/master/{topic}) |\n"
        for n, topic in enumerate(TOPICS)
    )
    tree = _series(videos=0)
    tree["README.md"] = f"# notes\n\n| Name | Video | Code |\n|---|---|---|\n{rows}"
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path).kind == "example"


def test_a_video_series_is_set_up_by_its_tutorials_readmes(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _series(videos=5))
    assert "DOCS001" not in found_ids(audit(tmp_path, "DOCS001"))


def test_a_video_series_whose_tutorials_say_nothing_is_not_set_up(tmp_path: Path) -> None:
    tree = _series(videos=5)
    tree |= {f"{topic}/README.md": "Watch the video.\n" for topic in TOPICS}
    build_file_tree(tmp_path, tree)
    assert "DOCS001" in found_ids(audit(tmp_path, "DOCS001"))
