"""The protocol's annexes: the roll-call tables and the dissenting opinions, each headed
with the protocol it belongs to («Приложение 1 к протоколу № 1 от 14 марта 2024 года»).

Each annex starts on a new page, its heading at the top right and its title centred
under it; the roll-call tables are drawn directly (:mod:`app.reports.ruled_table`),
their header rows repeated on every page a table crosses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
)

from app.domain.protocol import (
    DissentLine,
    ProtocolSnapshot,
    RollCall,
)
from app.reports.protocol_flowables import (
    _para,
    _paras,
)
from app.reports.protocol_styles import (
    ROLL_CALL_ALIGN,
    _x,
    clean,
    protocol_number_line,
)
from app.reports.ruled_table import (
    Band,
    Cells,
    Row,
    RuledTable,
)

if TYPE_CHECKING:
    from app.reports.protocol_pdf import _Layout


def annex_heading(snapshot: ProtocolSnapshot, number: int) -> str:
    """ "Annex 1 to Minutes No. 1 of 14 March 2024"; a snapshot from before it: "Protocol No. 1"."""
    heading = snapshot.labels.get("annex_heading", "")
    if not heading:
        return protocol_number_line(snapshot)
    return heading.replace("{annex}", str(number))


def annex_title(snapshot: ProtocolSnapshot, key: str, old_key: str) -> str:
    """The title under an annex heading; a snapshot from before the headings has "Annex 1. ..."."""
    return snapshot.labels.get(key) or snapshot.labels.get(old_key, "")


def roll_call_title(roll: RollCall, item_titles: dict[int, str]) -> tuple[str, str]:
    """The two header lines of a roll-call table: "N. item title", "N.M. decision"."""
    title = item_titles.get(roll.item_number, "")
    item_line = f"{roll.item_number}. {title}" if title else f"{roll.item_number}."
    return item_line, f"{roll.decision_number}. {roll.decision_text}"


def _roll_call_table(
    roll: RollCall, item_titles: dict[int, str], results: dict[str, str], layout: _Layout
) -> RuledTable:
    styles = layout.styles
    item_line, decision_line = roll_call_title(roll, item_titles)
    head: list[Row] = [
        layout.band(item_line, styles["cell_bold"]),
        layout.band(decision_line, styles["cell"]),
    ]
    rows: list[Row] = []
    if roll.counts_only:
        text = layout.labels.get("counts_only", "")
        result = results.get(roll.decision_number, "")
        body = f"<i>{_x(text)}</i>" + (f"<br/>{_x(result)}" if result else "")
        rows.append(Band(layout.marked(body, "cell")))
    else:
        # The column heads and the rows are plain strings: one line each, drawn directly.
        head.append(
            Cells(
                (
                    clean(layout.labels.get("number_sign", "№")),
                    clean(layout.labels.get("member", "")),
                    clean(layout.labels.get("vote", "")),
                ),
                ("CENTER", "CENTER", "CENTER"),
                bold=True,
            )
        )
        mark = clean(layout.labels.get("presiding_mark", ""))
        cell = styles["cell"]
        fits = layout.fits
        _number_width, name_width, vote_width = layout.roll_call.widths
        for number, row in enumerate(roll.rows, 1):
            name = clean(row.name)
            if row.presiding and mark:
                name = f"{name} {mark}"
            choice = clean(row.choice)
            rows.append(
                Cells(
                    (
                        str(number),
                        # Too long for one line (rare): a Paragraph wraps it.
                        name if fits(name, name_width) else _para(name, cell),
                        choice if fits(choice, vote_width) else _para(choice, cell),
                    ),
                    ROLL_CALL_ALIGN,
                )
            )
    return RuledTable(layout.roll_call, head, rows, layout.shows)


def _roll_call_annex(snapshot: ProtocolSnapshot, layout: _Layout, number: int) -> list[Flowable]:
    item_titles = {item.number: item.title for item in snapshot.items}
    results = {d.number: d.result for item in snapshot.items for d in item.decisions}
    story: list[Flowable] = [
        PageBreak(),
        _para(annex_heading(snapshot, number), layout.styles["annex_ref"]),
        _para(annex_title(snapshot, "roll_call_title", "annex_roll_call"), layout.styles["annex"]),
    ]
    for roll in snapshot.roll_calls:
        story.append(_roll_call_table(roll, item_titles, results, layout))
        story.append(Spacer(1, 6 * mm))
    return story


def dissent_meta(dissent: DissentLine, labels: dict[str, str]) -> str:
    """ "Received: 21 November 2026; English"."""
    meta = []
    if dissent.received:
        received = labels.get("received", "")
        meta.append(f"{received}: {dissent.received}" if received else dissent.received)
    if dissent.language:
        meta.append(dissent.language)
    return "; ".join(meta)


def _dissent_annex(snapshot: ProtocolSnapshot, layout: _Layout, number: int) -> list[Flowable]:
    styles = layout.styles
    story: list[Flowable] = [
        PageBreak(),
        _para(annex_heading(snapshot, number), styles["annex_ref"]),
        _para(annex_title(snapshot, "dissents_title", "annex_dissents"), styles["annex"]),
    ]
    for dissent in snapshot.dissents:
        story.append(_para(f"{dissent.number}. {dissent.name}", styles["dissent_head"]))
        meta = dissent_meta(dissent, snapshot.labels)
        if meta:
            story.append(_para(meta, styles["dissent_meta"]))
        story.extend(_paras(dissent.text, styles["body"]))
    return story
