"""The benchmark's synthetic content (snia.synth): valid, as `snia check`
sees it, and deterministic (same scale, same bytes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from snia.loader import load_content
from snia.synth import Generator, generate

ROOT = Path(__file__).resolve().parent.parent


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    base = tmp_path_factory.mktemp("synth")
    return generate(ROOT / "content", base / "a", 2), generate(ROOT / "content", base / "b", 2)


def test_same_scale_gives_the_same_bytes(twice):
    a, b = twice
    assert tree_bytes(a) == tree_bytes(b)
    assert len(tree_bytes(a)) > 100


def test_scale_multiplies_every_kind_and_keeps_references(twice):
    real = load_content(ROOT / "content")
    synth = load_content(twice[0])  # raises ContentError on any problem (references, charts)
    assert len(synth.partners) == 2 * len(real.partners)
    assert len(synth.projects) == 2 * len(real.projects)
    assert len(synth.programmes) == 2 * len(real.programmes)
    assert len(list(synth.activities())) == 2 * len(list(real.activities()))
    assert len(list(synth.figures())) == 2 * len(list(real.figures()))
    # cross-references point into the same copy
    copy = synth.projects["amuddu-s1"].data
    assert copy.implementers == ["enabel-s1"]
    assert synth.programmes[f"{copy.programme:02d}"].data.objectives
    # the text is synthetic, of the same length, and its Arabic is not stale
    assert synth.partners["oim"].data.name.fr != real.partners["oim"].data.name.fr
    assert not any(t.stale for t in _texts(synth))


def _texts(content):
    for prog in content.programmes.values():
        for act in prog.data.activities:
            yield from act.paragraphs
    for part in content.partners.values():
        yield part.data.name


def test_snia_check_accepts_it(twice):
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "snia", "check", str(twice[0])], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "contenu valide" in proc.stdout + proc.stderr


def test_past_99_programmes_each_programme_is_one_copy(tmp_path):
    """Programme numbers stop at 99: the first 99 programme copies are written,
    each the size of a real programme (merged copies made programme 9 two or
    three programmes long at ×100); projects of the copies not written belong
    to a written copy of their programme, and the tree stays valid."""
    gen = Generator(ROOT / "content", 60)
    numbers = list(gen.number.values())
    assert len(numbers) == 99 and len(set(numbers)) == 99 and max(numbers) == 99
    assert len(set(gen.code.values())) == len(gen.code)  # objective codes stay unique
    real = load_content(ROOT / "content")
    out = generate(ROOT / "content", tmp_path / "x60", 60)
    synth = load_content(out)  # raises ContentError on any problem (references, charts)
    assert len(synth.programmes) == 99
    assert len(synth.projects) == 60 * len(real.projects)
    assert len(synth.partners) == 60 * len(real.partners)
    # every programme has the shape of one real programme, never two merged
    shapes = {len(p.data.activities) for p in real.programmes.values()}
    assert {len(p.data.activities) for p in synth.programmes.values()} == shapes
    assert len(synth.programmes["09"].data.activities) == len(real.programmes["09"].data.activities)
    # a project past the written copies: its programme, objective and figures exist
    late = synth.projects["glo-act-s59"].data
    prog = synth.programmes[f"{late.programme:02d}"].data
    assert late.objective in {o.code for o in prog.objectives}
    assert set(late.figures) <= {f.id for f in prog.figures}
    assert late.funders == ["union-europeenne-s59", "onudc-s59"]
