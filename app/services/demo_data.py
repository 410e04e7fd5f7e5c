"""The demo council: seed 000's supervisory board, as its composition annex lists it.

The positions are real (composition as amended by Government decree No. 27 of
26 January 2022); the people are invented and marked as demo data.  Stable
identifiers make ``kenes demo`` idempotent.
"""

from __future__ import annotations

from datetime import date

from app.domain.composition import Role

COUNCIL_UID = "00000000000000000000000000000690"
ACT_CREATED = ("Қазақстан Республикасы Үкіметінің қаулысы", "690", date(2017, 10, 31))
ACT_EDITION = ("Қазақстан Республикасы Үкіметінің қаулысы", "27", date(2022, 1, 26))
# The acts' titles in each language, keyed by the Kazakh title above.
ACT_TITLES = {
    "Қазақстан Республикасы Үкіметінің қаулысы": {
        "kk": "Қазақстан Республикасы Үкіметінің қаулысы",
        "ru": "Постановление Правительства Республики Казахстан",
        "en": "Decree of the Government of the Republic of Kazakhstan",
    },
    "Қазақстан Республикасы Президентінің өкімі": {
        "kk": "Қазақстан Республикасы Президентінің өкімі",
        "ru": "Распоряжение Президента Республики Казахстан",
        "en": "Order of the President of the Republic of Kazakhstan",
    },
}

COUNCIL_NAMES = {
    "kk": "«Инновациялық технологиялар паркі» инновациялық кластерінің қамқоршылық кеңесі",
    "ru": "Попечительский совет инновационного кластера «Парк инновационных технологий»",
    "en": "Supervisory board of the “Innovative Technologies Park” innovation cluster",
}
WORKING_BODY = {
    "kk": "«Инновациялық технологиялар паркі» дербес кластерлік қоры",
    "ru": "Автономный кластерный фонд «Парк инновационных технологий»",
    "en": "“Innovative Technologies Park” autonomous cluster fund",
}

# (role, by agreement, titles kk/ru/en, invented holder: surname, name, patronymic, Latin)
SEATS: list[tuple[Role, bool, tuple[str, str, str], tuple[str, str, str, str]]] = [
    (
        Role.CHAIR,
        False,
        (
            "Қазақстан Республикасының Премьер-Министрі",
            "Премьер-Министр Республики Казахстан",
            "Prime Minister of the Republic of Kazakhstan",
        ),
        ("Әбенов", "Нұрлан", "Серікұлы", "Nurlan Abenov"),
    ),
    (
        Role.DEPUTY_CHAIR,
        False,
        (
            "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш "
            "өнеркәсібі министрі",
            "Министр цифрового развития, инноваций и аэрокосмической промышленности "
            "Республики Казахстан",
            "Minister of Digital Development, Innovation and Aerospace Industry of the Republic "
            "of Kazakhstan",
        ),
        ("Жақсылықова", "Әйгерім", "Бақытқызы", "Aigerim Zhaksylykova"),
    ),
    (
        Role.SECRETARY,
        False,
        (
            "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі "
            "бірінші вице-министрі",
            "Первый вице-министр цифрового развития, инноваций и аэрокосмической промышленности "
            "Республики Казахстан",
            "First Vice Minister of Digital Development, Innovation and Aerospace Industry of the "
            "Republic of Kazakhstan",
        ),
        ("Сейітов", "Ерлан", "Маратұлы", "Yerlan Seitov"),
    ),
    (
        Role.MEMBER,
        False,
        ("Алматы қаласының әкімі", "Аким города Алматы", "Akim of the city of Almaty"),
        ("Құрманов", "Дәурен", "Асқарұлы", "Dauren Kurmanov"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«KAZ Minerals PLC» тобының басқарма төрағасы",
            "Председатель правления группы «KAZ Minerals PLC»",
            "Chairman of the Management Board of the KAZ Minerals PLC group",
        ),
        ("Омарова", "Гүлнар", "Ерболқызы", "Gulnar Omarova"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Атамекен» Қазақстан Республикасының Ұлттық кәсіпкерлер палатасы басқармасының "
            "төрағасы",
            "Председатель правления Национальной палаты предпринимателей Республики Казахстан "
            "«Атамекен»",
            "Chairman of the Board of the National Chamber of Entrepreneurs of the Republic of "
            "Kazakhstan “Atameken”",
        ),
        ("Төлеуов", "Бауыржан", "Қайратұлы", "Bauyrzhan Toleuov"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Fincraft group» жауапкершілігі шектеулі серіктестігінің президенті",
            "Президент товарищества с ограниченной ответственностью «Fincraft group»",
            "President of Fincraft group LLP",
        ),
        ("Нұрғалиева", "Самал", "Жанатқызы", "Samal Nurgaliyeva"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "Еуропа, Таяу Шығыс және Африка өңірлері бойынша «IDC» вице-президенті",
            "Вице-президент «IDC» по регионам Европы, Ближнего Востока и Африки",
            "Vice President of IDC for Europe, the Middle East and Africa",
        ),
        ("Келлер", "Мартин", "", "Martin Keller"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Verny Capital» жауапкершілігі шектеулі серіктестігінің бас директоры",
            "Генеральный директор товарищества с ограниченной ответственностью «Verny Capital»",
            "Chief Executive Officer of Verny Capital LLP",
        ),
        ("Бекмұханов", "Тимур", "Оралұлы", "Timur Bekmukhanov"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Каспий нефть» акционерлік қоғамы директорлар кеңесінің төрағасы",
            "Председатель совета директоров акционерного общества «Каспий нефть»",
            "Chairman of the Board of Directors of Caspiy Neft JSC",
        ),
        ("Исаев", "Марат", "Бекұлы", "Marat Issayev"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Еврохим-Қаратау» жауапкершілігі шектеулі серіктестігінің бас директоры",
            "Генеральный директор товарищества с ограниченной ответственностью «ЕвроХим-Каратау»",
            "General Director of EuroChem-Karatau LLP",
        ),
        ("Сәрсенбаева", "Динара", "Маратқызы", "Dinara Sarsenbayeva"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Қазмырыш» жауапкершілігі шектеулі серіктестігінің бас директоры",
            "Генеральный директор товарищества с ограниченной ответственностью «Казцинк»",
            "General Director of Kazzinc LLP",
        ),
        ("Жұмабеков", "Асқар", "Ғалымұлы", "Askar Zhumabekov"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«„Қазатомөнеркәсіп“ ұлттық атом компаниясы» акционерлік қоғамының өндіріс жөніндегі "
            "бас директоры",
            "Главный директор по производству акционерного общества «Национальная атомная "
            "компания „Казатомпром“»",
            "Chief Production Officer of National Atomic Company Kazatomprom JSC",
        ),
        ("Рахымжанов", "Ержан", "Талғатұлы", "Yerzhan Rakhymzhanov"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«„Самұрық-Қазына“ ұлттық әл-ауқат қоры» акционерлік қоғамының стратегия, тұрақты "
            "даму және цифрлық трансформациялау жөніндегі басқарушы директоры",
            "Управляющий директор по стратегии, устойчивому развитию и цифровой трансформации "
            "акционерного общества «Фонд национального благосостояния „Самрук-Казына“»",
            "Managing Director for Strategy, Sustainable Development and Digital Transformation "
            "of Samruk-Kazyna Sovereign Wealth Fund JSC",
        ),
        ("Әлімжанова", "Жанар", "Серікқызы", "Zhanar Alimzhanova"),
    ),
    (
        Role.MEMBER,
        True,
        (
            "«Еуразиялық топ» жауапкершілігі шектеулі серіктестігінің IT бойынша корпоративтік "
            "директоры",
            "Корпоративный директор по IT товарищества с ограниченной ответственностью "
            "«Евразийская группа»",
            "Corporate IT Director of Eurasian Group LLP",
        ),
        ("Тоқтаров", "Нұржан", "Әділұлы", "Nurzhan Toktarov"),
    ),
]

# One succession, to show how an ex officio seat passes on: a new akim of Almaty.
SUCCESSION = (
    3,
    date(2023, 9, 1),
    ("Мұхамеджанов", "Бақыт", "Еркінұлы", "Bakyt Mukhamedzhanov"),
    ("Қазақстан Республикасы Президентінің өкімі", "112", date(2023, 8, 31)),
)


_KIND_CODES = {
    "act": 0xA,
    "position": 0xB,
    "person": 0xC,
    "holding": 0xD,
    "seat": 0xE,
    "meeting": 0xF1,
    "item": 0xF2,
}


def uid(kind: str, index: int) -> str:
    """Stable 32-hex-digit identifiers for demo records (valid UUIDs, e.g. for .ics files)."""
    return f"de{_KIND_CODES[kind]:06x}{index:024x}"
