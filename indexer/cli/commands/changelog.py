"""tipkb changelog: the entries added, corrected, removed and renamed between two corpus states."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.files import OutputError, write_atomic
from indexer.publish.changelog import StateError, compare, read_folder, read_state, section

NAME = "changelog"
HELP = ("List the entries added, corrected, removed and renamed since an earlier state of the "
        "corpus (a git tag or commit, or a folder), as a section of CHANGELOG.md.")


def add_arguments(parser) -> None:
    parser.add_argument("--from", dest="since", required=True, metavar="REF|DIR",
                        help="the earlier state: a git tag, branch or commit, or a corpus folder")
    parser.add_argument("--from-name", metavar="NAME",
                        help="what to call the earlier state, e.g. a release that has no tag")
    parser.add_argument("--to", metavar="REF|DIR",
                        help="the later state (default: the corpus folder, --corpus)")
    parser.add_argument("--version", dest="release", metavar="X.Y.Z",
                        help="the release's version (default: corpus.yaml of the later state)")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the release's date (default: corpus.yaml of the later state)")
    parser.add_argument("--repo", type=Path, metavar="DIR",
                        help="the git repository (default: the one holding the corpus)")
    parser.add_argument("--output", "-o", type=Path, help="write here instead of stdout")


def _repo_and_subdir(corpus: Path, repo: Path | None) -> tuple[Path, str]:
    """The repository and the corpus folder's path inside it."""
    corpus = corpus.resolve()
    if repo is None:
        repo = next((p for p in (corpus, *corpus.parents) if (p / ".git").exists()), corpus)
    repo = repo.resolve()
    try:
        inside = corpus.relative_to(repo).as_posix()
    except ValueError:
        inside = "corpus"
    return repo, inside if inside != "." else ""


def run(args) -> int:
    repo, inside = _repo_and_subdir(Path(args.corpus), args.repo)
    try:
        old = read_state(args.since, repo, inside)
        new = read_state(args.to, repo, inside) if args.to else read_folder(Path(args.corpus))
        if args.from_name:
            old.name = f"{args.from_name} ({old.name})"
    except StateError as exc:
        print(f"tipkb changelog: {exc}", file=sys.stderr)
        return 2
    text = section(compare(old, new), args.release, args.date)
    if args.output:
        try:
            write_atomic(args.output, text)
        except OutputError as exc:
            print(f"tipkb changelog: {exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0


