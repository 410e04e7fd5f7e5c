"""3. Protocol export, and 4. scaling: Kenes's PDF against DOCX + LibreOffice.

The protocol is :func:`tests.reports.protocol_samples.sample_snapshot` in Kazakh: 100
agenda items of a 32-member council with 30 present, a 30-member roll call per item
(ties, dissents, instructions, counts-only votes, as a real protocol has them).

3. Kenes: ``render_pdf`` of the snapshot and writing the file, in process (the median of
   several exports after one that loads the fonts; the first render of a fresh process is
   reported too).
   Baseline: the same snapshot to DOCX (``render_docx``) and converted to PDF by LibreOffice
   headless (``soffice --convert-to pdf``, a new process per conversion, as a secretary's
   "save as PDF" would be; its profile made once beforehand).  Goal: ≥ 10× faster.
4. ``render_pdf`` at 50, 100 and 200 items: the time per item should stay flat; the ratio
   printed is per-item time at 200 over per-item time at 50 (goal ≤ 1.15).

LibreOffice: Debian's ``libreoffice-writer-nogui`` (``bench/run_all.py`` installs it when it
is missing and it runs as root).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, bench_main, median, timed

EXPORT = "3. Protocol export"
SCALING = "4. Scaling"
MEMBERS = 32  # two absent: a 30-member roll call per item
LANG = "kk"

COLD = """
import sys, time
t0 = time.perf_counter()
from tests.reports.protocol_samples import sample_snapshot
snapshot = sample_snapshot("kk", 100, 32)
t1 = time.perf_counter()
from app.reports.protocol_pdf import render_pdf
render_pdf(snapshot)
print(time.perf_counter() - t1)
"""


def snapshot(items: int):  # type: ignore[no-untyped-def]
    from tests.reports.protocol_samples import sample_snapshot

    return sample_snapshot(LANG, items, MEMBERS)


def pdf_export(items: int, folder: Path) -> tuple[Callable[[], float], int, int]:
    """A timed export (``render_pdf`` and writing the file), the PDF's size and its pages.

    Writing the file is counted as the baseline counts writing the DOCX it converts.
    """
    from app.reports.protocol_pdf import render_pdf

    snap = snapshot(items)
    data = render_pdf(snap)  # fonts, styles: once per process
    target = folder / "protocol.pdf"

    def export() -> float:
        return timed(lambda: target.write_bytes(render_pdf(snap)))

    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page")
    return export, len(data), pages


def scaling_ms(sizes: tuple[int, ...], runs: int) -> dict[int, float]:
    """Median milliseconds of ``render_pdf`` per size, the sizes taking turns.

    Taking turns spreads the load of other processes over every size alike, so the ratio
    of the per-item times stays meaningful on a shared machine.
    """
    from app.reports.protocol_pdf import render_pdf

    snaps = {n: snapshot(n) for n in sizes}
    render_pdf(snaps[sizes[0]])
    times: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(runs):
        for n in sizes:
            times[n].append(timed(lambda s=snaps[n]: render_pdf(s)) * 1000)
    return {n: median(t) for n, t in times.items()}


def cold_pdf_seconds() -> float:
    """The first export of a fresh process: imports, fonts and the render."""
    out = subprocess.run(
        [sys.executable, "-c", COLD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return float(out.stdout.strip().splitlines()[-1])


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_seconds(
    runs: int, between: Callable[[], float]
) -> tuple[float, float, list[float]]:
    """Median seconds to build the DOCX and to convert it with LibreOffice.

    ``between`` (a timed PDF export) runs after each conversion and its times are returned,
    so that a change of load on a shared machine weighs on both sides alike.
    """
    from app.reports.protocol_docx import render_docx

    binary = soffice()
    if binary is None:
        raise RuntimeError(
            "LibreOffice is not installed: apt-get install -y libreoffice-writer-nogui"
        )
    snap = snapshot(100)
    render_docx(snap)
    docx_times = []
    convert_times = []
    with tempfile.TemporaryDirectory(prefix="kenes-bench-lo-") as folder:
        base = Path(folder)
        profile = (base / "profile").as_uri()
        source = base / "protocol.docx"

        def build() -> None:
            source.write_bytes(render_docx(snap))

        def convert() -> None:
            subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(base / "pdf"),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )

        build()
        convert()  # makes the profile: not counted
        pdf_times = []
        for _ in range(runs):
            docx_times.append(timed(build))
            convert_times.append(timed(convert))
            pdf_times.append(between())
        if not (base / "pdf" / "protocol.pdf").is_file():
            raise RuntimeError("LibreOffice made no PDF")
    return median(docx_times), median(convert_times), pdf_times


def export_figure(folder: Path, runs: int, *, quick: bool) -> Figure:
    """3.: the export against DOCX + LibreOffice, or alone when LibreOffice is missing."""
    export, size, pages = pdf_export(100, folder)
    pdf_times = [export() for _ in range(runs)]
    cold = cold_pdf_seconds()
    if soffice() is None:
        return Figure(
            EXPORT,
            "100-item protocol (30-member roll call per item) to PDF",
            median(pdf_times),
            "s",
            goal="≥ 10× faster than DOCX + LibreOffice",
            passed=None,
            note="LibreOffice is not installed, so there is no baseline: "
            "apt-get install -y libreoffice-writer-nogui",
        )
    docx, convert, more = libreoffice_seconds(2 if quick else 3, export)
    pdf_100 = median(pdf_times + more)
    baseline = docx + convert
    return Figure(
        EXPORT,
        "100-item protocol (30-member roll call per item) to PDF",
        pdf_100,
        "s",
        baseline,
        "DOCX + LibreOffice headless to PDF",
        "≥ 10× faster",
        baseline / pdf_100 >= 10,
        f"{pages} pages, {size / 1024:.0f} KB. Baseline: DOCX {docx:.2f} s + LibreOffice "
        f"{convert:.2f} s (PDF: median of {len(pdf_times) + len(more)} exports, some between "
        f"the conversions). The first export of a fresh process (imports, fonts, render) "
        f"takes {cold:.2f} s: {baseline / cold:.1f}× faster.",
        faster=True,
    )


def run(*, quick: bool = False) -> list[Figure]:
    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="kenes-bench-pdf-") as folder:
        figures = [export_figure(Path(folder), runs, quick=quick)]
    per_item = {n: ms / n for n, ms in scaling_ms((50, 100, 200), runs).items()}
    ratio = per_item[200] / per_item[50]
    figures.append(
        Figure(
            SCALING,
            "PDF time per item at 200 items",
            per_item[200],
            "ms",
            per_item[50],
            "per item at 50 items",
            "flat: ratio 200/50 ≤ 1.15",
            ratio <= 1.15,
            "per item: " + ", ".join(f"{n} items {ms:.1f} ms" for n, ms in per_item.items()),
        )
    )
    return figures


def main() -> int:
    return bench_main("protocol export and scaling", run, needs_archive=False)


if __name__ == "__main__":
    raise SystemExit(main())
