"""Signing electronically from the Protocols page, and reading a signed file's verification."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.models.protocol import Protocol
from app.services.esign.add_trust_root import add_trust_root
from app.services.protocols.documents import protocol_pdf
from app.views import operations
from app.views.esign_dialog import EsignDialog, SignaturesDialog
from app.views.protocols_page import ProtocolsPage
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import PASSWORD, issued_electronically, make_pki


def test_sign_twice_from_the_page_then_verify_the_file(
    qtbot: QtBot, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusals: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: refusals.append(e))
    protocol_id = issued_electronically(database)
    pki = make_pki()
    add_trust_root(database, ME, pki.ca.der)
    with database.reading() as session:
        row = session.get(Protocol, protocol_id)
        assert row is not None
        meeting_id = row.meeting_id
    page = ProtocolsPage(database, ME)
    qtbot.addWidget(page)
    assert page.select_meeting(meeting_id)
    assert page.document_language.set_value("kk")
    assert str(page.document_language.value()) == "kk"
    assert page.esign_action.isEnabled()

    for who in (pki.secretary, pki.chair):
        key = tmp_path / "key.p12"
        key.write_bytes(who.p12(PASSWORD))
        dialog = page.sign_electronically()
        assert isinstance(dialog, EsignDialog)
        assert not dialog.ok_button.isEnabled()  # no key chosen yet
        dialog.key_file.setText(str(key))
        dialog.password.setText("wrong")
        dialog.accept()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)  # noqa: B023
        assert refusals and "password" in refusals[-1].message()
        assert dialog.password.text() == ""  # never kept
        dialog.password.setText(PASSWORD)
        with qtbot.waitSignal(dialog.signed, timeout=20_000):
            dialog.accept()
    nothing = page.sign_electronically()
    assert isinstance(nothing, EsignDialog) and not nothing.due
    assert not nothing.ok_button.isEnabled()
    nothing.reject()

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(protocol_pdf(database, protocol_id, "kk"))
    page.verify_path(signed)
    shown = page.signatures_dialog
    assert isinstance(shown, SignaturesDialog)
    assert shown.verdict.text() == "Every signature is valid."
    text = shown.text.toPlainText()
    assert text.count("The signed content is intact.") == 2
    assert "is the issued record of protocol No." in text
    shown.reject()


def test_save_a_paper_copy_from_the_signing_dialog(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    from app.services.esign.sign_issued import sign_issued_pdf
    from app.services.esign.signers import Pkcs12Signer
    from app.services.protocols.common import protocol_info

    protocol_id = issued_electronically(database, two_signers=False)
    with database.reading() as session:
        info = protocol_info(session, session.get(Protocol, protocol_id))
    unsigned = EsignDialog(database, ME, info, "ru")
    qtbot.addWidget(unsigned)
    assert not unsigned.paper_button.isEnabled()  # nobody has signed yet
    assert unsigned.paper_button.text() == "Save paper copy…"

    pki = make_pki()
    sign_issued_pdf(
        database, ME, protocol_id, "ru", Pkcs12Signer(pki.chair.p12(PASSWORD), PASSWORD)
    )
    dialog = EsignDialog(database, ME, info, "ru")
    qtbot.addWidget(dialog)
    assert dialog.paper_button.isEnabled()
    target = tmp_path / "paper.pdf"
    with qtbot.waitSignal(dialog.saved_copy, timeout=20_000) as saved:
        dialog.save_paper_copy(target)
    assert dialog.task is None and dialog.paper_button.isEnabled()
    document = pdfium.PdfDocument(target.read_bytes())
    image = document[len(document) - 1].render(scale=3).to_pil()
    document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [saved.args[0].qr_payload]
