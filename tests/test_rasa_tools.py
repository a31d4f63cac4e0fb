"""Finding the held-out xSID set from wherever the project was checked out or cloned."""

import subprocess
from pathlib import Path

import pytest

from tests.rasa_tools import find_xsid_dir


@pytest.fixture(autouse=True)
def no_xsid_override(monkeypatch: pytest.MonkeyPatch) -> None:
    # An operator's own XSID_DIR would otherwise decide every search below.
    monkeypatch.delenv("XSID_DIR", raising=False)


def make_shared(root: Path) -> Path:
    xsid = root / "shared" / "eval" / "xsid-da"
    xsid.mkdir(parents=True)
    (xsid / "da.test.conll").write_text("# text = sæt en alarm\n", encoding="utf-8")
    return xsid


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def test_a_checkout_beside_the_shared_folder_finds_it(tmp_path: Path) -> None:
    xsid = make_shared(tmp_path)
    assert find_xsid_dir(tmp_path / "main", workplace=tmp_path / "none") == xsid


def test_a_clone_in_a_temporary_folder_finds_the_folder_beside_its_origin(tmp_path: Path) -> None:
    xsid = make_shared(tmp_path / "work")
    origin = tmp_path / "work" / "main"
    git("init", "-q", str(origin))
    clone = tmp_path / "tmp" / "ci" / "main"
    git("clone", "-q", str(origin), str(clone))
    assert find_xsid_dir(clone, workplace=tmp_path / "none") == xsid


def test_the_workplace_folder_is_the_last_resort(tmp_path: Path) -> None:
    xsid = make_shared(tmp_path / "work")
    assert find_xsid_dir(tmp_path / "tmp" / "main", workplace=tmp_path / "work" / "shared") == xsid


def test_when_nothing_is_found_the_failing_test_names_the_sibling_folder(tmp_path: Path) -> None:
    found = find_xsid_dir(tmp_path / "main", workplace=tmp_path / "none")
    assert found == tmp_path / "shared" / "eval" / "xsid-da"


def test_xsid_dir_overrides_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_shared(tmp_path)
    monkeypatch.setenv("XSID_DIR", str(tmp_path / "elsewhere"))
    assert find_xsid_dir(tmp_path / "main") == tmp_path / "elsewhere"
