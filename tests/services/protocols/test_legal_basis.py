"""The protocol names the council's act in full once, in the language's legal form."""

from __future__ import annotations

from app.domain.regulation import ACT_690, ACT_881, Act
from app.i18n import translations
from app.services.protocols.legal_basis import act_full_name as _act_full_name
from app.services.protocols.legal_basis import legal_basis_line as _legal_basis_line


def _plain(text: str) -> str:
    """Dates hold together with no-break spaces; compare the words."""
    return text.replace("\u00a0", " ")


def act_full_name(*args: object) -> str:
    return _plain(_act_full_name(*args))  # type: ignore[arg-type]


def legal_basis_line(*args: object) -> str:
    return _plain(_legal_basis_line(*args))  # type: ignore[arg-type]


def test_the_act_named_in_full_in_each_language() -> None:
    assert legal_basis_line(ACT_690, "ru", translations("ru")) == (
        "Правовая основа: Положение о попечительском совете инновационного кластера "
        "«Парк инновационных технологий», утвержденное постановлением Правительства "
        "Республики Казахстан от 31 октября 2017 года № 690 (далее – Положение)."
    )
    assert act_full_name(ACT_881, "kk", translations("kk")) == (
        "Қазақстан Республикасы Президентінің 2025 жылғы 19 мамырдағы № 881 Жарлығымен "
        "бекітілген Жасанды интеллектіні дамыту жөніндегі кеңес туралы ереже "
        "(бұдан әрі – Ереже)"
    )
    assert act_full_name(ACT_881, "en", translations("en")) == (
        "Regulation on the Council for the Development of Artificial Intelligence, approved "
        "by Decree of the President of the Republic of Kazakhstan No. 881 of 19 May 2025 "
        "(the Regulation)"
    )


def test_no_act_no_line() -> None:
    assert legal_basis_line(None, "en", translations("en")) == ""
    assert legal_basis_line(Act(), "en", translations("en")) == ""
    titled = Act(titles={"en": "Rules of the commission"})
    assert legal_basis_line(titled, "en", translations("en")) == (
        "Legal basis: Rules of the commission."
    )
