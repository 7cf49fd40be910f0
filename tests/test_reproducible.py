"""Reproducible builds: equal inputs give equal files across processes, clocks and subsetters.

Run just these with ``pytest -m reproducible``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa.pdf import PdfMeta, html_to_pdf
from tests.conftest import SAMPLE

pytestmark = pytest.mark.reproducible

#: Started in every Python process of a build (the CLI and its spawned PDF worker) through
#: PYTHONPATH: forces WeasyPrint's fontTools fallback when asked, and logs which subsetter ran.
_SITECUSTOMIZE = """\
import os

_MODE = os.environ.get("ROPA_TEST_SUBSET")
if _MODE:
    from weasyprint.pdf import fonts

    if _MODE == "fonttools":
        fonts.harfbuzz_subset = None  # what WeasyPrint sees without libharfbuzz-subset0

    def _logged(name):
        original = getattr(fonts.Font, name)

        def run(self, *args, **kwargs):
            with open(os.environ["ROPA_TEST_SUBSET_LOG"], "a", encoding="utf-8") as log:
                log.write(name + "\\n")
            return original(self, *args, **kwargs)

        setattr(fonts.Font, name, run)

    _logged("_fonttools_subset")
    _logged("_harfbuzz_subset")
"""

_SUBSETTERS = {"harfbuzz": "_harfbuzz_subset", "fonttools": "_fonttools_subset"}


def _harfbuzz_subset_available() -> bool:
    from weasyprint.pdf import fonts

    return fonts.harfbuzz_subset is not None


def _start(tmp_path: Path, mode: str, run: int) -> tuple[subprocess.Popen[bytes], Path, Path]:
    """``ropa build sample_project`` in a fresh process, its own folder and hash seed."""
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    cwd = tmp_path / f"{mode}-{run}"
    cwd.mkdir()
    log = tmp_path / f"{mode}-{run}.log"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(
        PYTHONPATH=str(hooks),
        PYTHONHASHSEED=str(run),
        ROPA_TEST_SUBSET=mode,
        ROPA_TEST_SUBSET_LOG=str(log),
        ROPA_CACHE_DIR=str(cwd / "cache"),
    )
    command = [sys.executable, "-m", "ropa", "build", str(SAMPLE), "--date", "2026-01-15"]
    process = subprocess.Popen(
        [*command, "--out-dir", "out"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    return process, cwd / "out", log


def _finish(process: subprocess.Popen[bytes]) -> None:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output.decode("utf-8", "replace")


@pytest.mark.parametrize("mode", ["harfbuzz", "fonttools"])
def test_two_processes_two_seconds_apart_write_the_same_bytes(tmp_path: Path, mode: str) -> None:
    if mode == "harfbuzz" and not _harfbuzz_subset_available():
        pytest.skip("libharfbuzz-subset0 is not installed here (.ci/run installs it)")
    first, first_out, first_log = _start(tmp_path, mode, 1)
    started = time.monotonic()
    _finish(first)
    time.sleep(max(0.0, 2.1 - (time.monotonic() - started)))
    second, second_out, second_log = _start(tmp_path, mode, 2)
    _finish(second)

    names = sorted(p.name for p in first_out.iterdir())
    assert names == sorted(p.name for p in second_out.iterdir())
    assert {"ropa.json", "ropa.html", "ropa.csv", "ropa.pdf", "privacy-notice.pdf"} <= set(names)
    different = [n for n in names if (first_out / n).read_bytes() != (second_out / n).read_bytes()]
    assert different == []
    for log in (first_log, second_log):  # the subsetter the case names, and only that one
        assert set(log.read_text(encoding="utf-8").split()) == {_SUBSETTERS[mode]}


def test_the_fonttools_fallback_ignores_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process and fast: the same PDF whatever time fontTools reads while subsetting."""
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    meta = PdfMeta(title="t", author="a", subject="s", date="2026-01-15")
    html = "<!doctype html><html><body><p>Reproducible <code>bytes</code></p></body></html>"
    pdfs = []
    for clock in (1_700_000_000.0, 1_800_000_000.0):
        monkeypatch.setattr(time, "time", lambda clock=clock: clock)
        pdfs.append(html_to_pdf(html, meta=meta))
    assert pdfs[0] == pdfs[1]


#: Every system package the PDFs need: WeasyPrint's Pango, HarfBuzz's subsetter, the fonts.
PDF_PACKAGES = (
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "fonts-dejavu-core",
    "fonts-dejavu-extra",
)


@pytest.mark.parametrize("name", ["README.md", ".ci/run", "docs/ci.md"])
def test_every_system_package_the_pdfs_need_is_named(name: str) -> None:
    text = (SAMPLE.parent / name).read_text(encoding="utf-8")
    assert [p for p in PDF_PACKAGES if p not in text] == []
    if name == "docs/ci.md":  # each install line of the CI recipes
        for line in (ln for ln in text.splitlines() if "apt-get install" in ln):
            assert [p for p in PDF_PACKAGES if p not in line] == [], line
