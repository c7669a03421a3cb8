"""The package as users install it: a built wheel, in a fresh virtual environment, run
against a corpus outside the repository. An editable install hides whatever the wheel lacks
(the schema, the source policy) and whatever is found only from the repository's root.

Offline: the wheel is built with the backend already installed (no build isolation), and the
fresh environment reaches the dependencies through a path file, not by downloading them. The
editable install's own path hook sits in a .pth file of that folder, which Python does not
process for a folder added this way, so `import indexer` can only find the wheel.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.sitebuild import ROOT


def run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "-q", "-w", str(tmp / "dist"), str(ROOT)], cwd=tmp)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp / "dist").glob("tipkb-*.whl"))
    env = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)}))
    (purelib / "_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    done = run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install",
                "--no-deps", "--no-index", "-q", str(wheel)], cwd=tmp)
    assert done.returncode == 0, done.stderr[-2000:]
    return env


def test_the_wheel_carries_its_schema_and_is_what_runs(installed, tmp_path):
    probe = run([str(installed / "bin" / "python"), "-c",
                 "import indexer, indexer.schema as s; print(indexer.__file__); "
                 "print(s.vocabulary().version)"], cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    where, version = probe.stdout.split()
    assert Path(where).is_relative_to(installed), where  # not the repository's copy
    assert version


def test_validate_index_and_search_a_corpus_outside_the_repository(installed, tmp_path):
    corpus = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    tipkb = str(installed / "bin" / "tipkb")
    checked = run([tipkb, "validate", "--corpus", str(corpus)], cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]
    assert "entries" in checked.stdout + checked.stderr
    index = tmp_path / "index"
    built = run([tipkb, "index", "--corpus", str(corpus), "--index", str(index)], cwd=tmp_path)
    assert built.returncode == 0, built.stderr[-2000:]
    found = run([tipkb, "search", "--corpus", str(corpus), "--index", str(index), "--json",
                 "Palermo Protocol"], cwd=tmp_path)
    assert found.returncode == 0, found.stderr[-2000:]
    hits = json.loads(found.stdout)
    ids = [h.get("id") for h in hits.get("results", hits)][:3]
    assert "trafficking-protocol" in ids, ids
