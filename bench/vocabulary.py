"""Words of the generated archive in Kazakh, Russian and English.

Council names, programmes, organisations, positions, regions and the templates of agenda
items, decisions, narratives, instructions and dissenting opinions.  The Kazakh text uses
every Kazakh letter (ә ғ қ ң ө ұ ү һ і), so the search is measured on real Kazakh words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

Texts = tuple[str, str, str]  # kk, ru, en


@dataclass(frozen=True)
class Org:
    kk: str
    ru: str  # nominative
    ru_gen: str
    ru_dat: str
    en: str


COUNCILS: tuple[tuple[str, Texts], ...] = (
    (
        "supervisory_board",
        (
            "«Инновациялық технологиялар паркі» кластерінің қамқоршылық кеңесі",
            "Попечительский совет кластера «Парк инновационных технологий»",
            "Supervisory board of the “Innovative Technologies Park” cluster",
        ),
    ),
    (
        "council",
        (
            "Жасанды интеллектіні дамыту жөніндегі кеңес",
            "Совет по развитию искусственного интеллекта",
            "Council for the development of artificial intelligence",
        ),
    ),
    (
        "commission",
        (
            "Цифрландыру жөніндегі ведомствоаралық комиссия",
            "Межведомственная комиссия по цифровизации",
            "Interdepartmental commission on digitalisation",
        ),
    ),
    (
        "council",
        ("Ғылыми-техникалық кеңес", "Научно-технический совет", "Scientific and technical council"),
    ),
    (
        "commission",
        (
            "Аумақтық кластерлерді іріктеу жөніндегі комиссия",
            "Комиссия по отбору территориальных кластеров",
            "Commission for the selection of territorial clusters",
        ),
    ),
    (
        "expert_council",
        (
            "«Astana Hub» қорының сараптамалық кеңесі",
            "Экспертный совет фонда «Astana Hub»",
            "Expert council of the “Astana Hub” fund",
        ),
    ),
    (
        "council",
        ("Су ресурстары жөніндегі кеңес", "Совет по водным ресурсам", "Water resources council"),
    ),
    (
        "commission",
        (
            "Энергетикалық қауіпсіздік жөніндегі комиссия",
            "Комиссия по энергетической безопасности",
            "Energy security commission",
        ),
    ),
    (
        "council",
        (
            "Өңірлік даму жөніндегі кеңес",
            "Совет по региональному развитию",
            "Regional development council",
        ),
    ),
    (
        "council",
        (
            "Кәсіпкерлікті қолдау жөніндегі кеңес",
            "Совет по поддержке предпринимательства",
            "Council for the support of entrepreneurship",
        ),
    ),
    (
        "council",
        (
            "Білім беру сапасы жөніндегі кеңес",
            "Совет по качеству образования",
            "Council on the quality of education",
        ),
    ),
    (
        "council",
        (
            "Қоғамдық денсаулық сақтау жөніндегі кеңес",
            "Совет по общественному здравоохранению",
            "Public health council",
        ),
    ),
    (
        "commission",
        (
            "Агроөнеркәсіптік кешенді дамыту жөніндегі комиссия",
            "Комиссия по развитию агропромышленного комплекса",
            "Commission for the development of the agro-industrial complex",
        ),
    ),
    (
        "council",
        (
            "Туризм жөніндегі үйлестіру кеңесі",
            "Координационный совет по туризму",
            "Tourism coordination council",
        ),
    ),
    (
        "council",
        (
            "Экологиялық саясат жөніндегі кеңес",
            "Совет по экологической политике",
            "Environmental policy council",
        ),
    ),
    (
        "council",
        (
            "Көлік-логистика кеңесі",
            "Транспортно-логистический совет",
            "Transport and logistics council",
        ),
    ),
    (
        "commission",
        (
            "Мемлекеттік-жекешелік әріптестік жөніндегі комиссия",
            "Комиссия по государственно-частному партнерству",
            "Public-private partnership commission",
        ),
    ),
    (
        "council",
        ("Жастар саясаты жөніндегі кеңес", "Совет по молодежной политике", "Youth policy council"),
    ),
    (
        "council",
        (
            "Мәдени мұраны сақтау жөніндегі кеңес",
            "Совет по сохранению культурного наследия",
            "Cultural heritage council",
        ),
    ),
    (
        "commission",
        (
            "Ғарыш саласын дамыту жөніндегі комиссия",
            "Комиссия по развитию космической отрасли",
            "Space industry development commission",
        ),
    ),
)

TOPICS: tuple[Texts, ...] = (
    ("Цифрлық Қазақстан", "Цифровой Казахстан", "Digital Kazakhstan"),
    ("Жасыл экономика", "Зеленая экономика", "Green Economy"),
    ("Ауыл – Ел бесігі", "Ауыл – Ел бесігі", "Auyl – El Besigi"),
    (
        "Жасанды интеллект зертханасы",
        "Лаборатория искусственного интеллекта",
        "Artificial Intelligence Laboratory",
    ),
    ("Су ресурстарын басқару", "Управление водными ресурсами", "Water Resources Management"),
    ("Инновациялық кластер", "Инновационный кластер", "Innovation Cluster"),
    ("Ғылыми гранттар", "Научные гранты", "Research Grants"),
    ("Өңірлік даму", "Региональное развитие", "Regional Development"),
    (
        "Көлік-логистика әлеуеті",
        "Транспортно-логистический потенциал",
        "Transport and Logistics Potential",
    ),
    ("Білім беру сапасы", "Качество образования", "Quality of Education"),
    ("Денсаулық сақтауды цифрландыру", "Цифровизация здравоохранения", "Digital Healthcare"),
    (
        "Шағын және орта бизнесті қолдау",
        "Поддержка малого и среднего бизнеса",
        "Support for Small and Medium Business",
    ),
    ("Агроөнеркәсіптік кешен", "Агропромышленный комплекс", "Agro-Industrial Complex"),
    ("Жаңартылатын энергия көздері", "Возобновляемые источники энергии", "Renewable Energy"),
    ("Туризмді дамыту", "Развитие туризма", "Tourism Development"),
    ("Astana Hub технопаркі", "Технопарк Astana Hub", "Astana Hub Technopark"),
    ("Ашық үкімет", "Открытое правительство", "Open Government"),
    ("Киберқалқан", "Киберщит", "Cyber Shield"),
    ("Тұрғын үй құрылысы", "Жилищное строительство", "Housing Construction"),
    ("Экологиялық кодекс", "Экологический кодекс", "Environmental Code"),
    ("Жастар саясаты", "Молодежная политика", "Youth Policy"),
    ("Индустрияландыру картасы", "Карта индустриализации", "Industrialisation Map"),
    ("Экспорттық әлеует", "Экспортный потенциал", "Export Potential"),
    (
        "Мемлекеттік-жекешелік әріптестік",
        "Государственно-частное партнерство",
        "Public-Private Partnership",
    ),
    ("Ғарыш саласы", "Космическая отрасль", "Space Industry"),
    ("Жиһаз өнеркәсібі", "Мебельная промышленность", "Furniture Industry"),
    ("Ағаш өңдеу", "Деревообработка", "Woodworking"),
    ("Қаржылық сауаттылық", "Финансовая грамотность", "Financial Literacy"),
    ("Спорт инфрақұрылымы", "Спортивная инфраструктура", "Sports Infrastructure"),
    ("Мәдени мұра", "Культурное наследие", "Cultural Heritage"),
    ("Тілдерді дамыту", "Развитие языков", "Development of Languages"),
    ("Еңбек нарығы", "Рынок труда", "Labour Market"),
    ("Әлеуметтік әмиян", "Социальный кошелек", "Social Wallet"),
    ("Электрондық үкімет", "Электронное правительство", "E-Government"),
    ("Ақылды қала", "Умный город", "Smart City"),
    ("Қалдықтарды қайта өңдеу", "Переработка отходов", "Waste Recycling"),
    ("Геологиялық барлау", "Геологическая разведка", "Geological Exploration"),
    ("Мұнай-химия кластері", "Нефтехимический кластер", "Petrochemical Cluster"),
    ("Ветеринариялық қауіпсіздік", "Ветеринарная безопасность", "Veterinary Safety"),
    ("Инклюзивті білім", "Инклюзивное образование", "Inclusive Education"),
)


def _ministry(kk_stem: str, ru_tail: str, en_tail: str) -> Org:
    return Org(
        f"{kk_stem} министрлігі",
        f"Министерство {ru_tail}",
        f"Министерства {ru_tail}",
        f"Министерству {ru_tail}",
        f"Ministry of {en_tail}",
    )


MINISTRIES: tuple[Org, ...] = (
    _ministry("Қаржы", "финансов", "Finance"),
    _ministry("Ұлттық экономика", "национальной экономики", "National Economy"),
    _ministry(
        "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі",
        "цифрового развития, инноваций и аэрокосмической промышленности",
        "Digital Development, Innovation and Aerospace Industry",
    ),
    _ministry(
        "Ғылым және жоғары білім", "науки и высшего образования", "Science and Higher Education"
    ),
    _ministry("Оқу-ағарту", "просвещения", "Education"),
    _ministry("Денсаулық сақтау", "здравоохранения", "Healthcare"),
    _ministry("Ауыл шаруашылығы", "сельского хозяйства", "Agriculture"),
    _ministry("Энергетика", "энергетики", "Energy"),
    _ministry(
        "Экология және табиғи ресурстар",
        "экологии и природных ресурсов",
        "Ecology and Natural Resources",
    ),
    _ministry(
        "Өнеркәсіп және құрылыс", "промышленности и строительства", "Industry and Construction"
    ),
    _ministry("Көлік", "транспорта", "Transport"),
    _ministry(
        "Еңбек және халықты әлеуметтік қорғау",
        "труда и социальной защиты населения",
        "Labour and Social Protection",
    ),
    _ministry("Мәдениет және ақпарат", "культуры и информации", "Culture and Information"),
    _ministry("Туризм және спорт", "туризма и спорта", "Tourism and Sport"),
    _ministry(
        "Су ресурстары және ирригация",
        "водных ресурсов и ирригации",
        "Water Resources and Irrigation",
    ),
)

OTHER_ORGS: tuple[Org, ...] = (
    Org(
        "«Бәйтерек» ұлттық басқарушы холдингі",
        "Холдинг «Байтерек»",
        "холдинга «Байтерек»",
        "холдингу «Байтерек»",
        "“Baiterek” National Managing Holding",
    ),
    Org(
        "«Атамекен» Ұлттық кәсіпкерлер палатасы",
        "Национальная палата предпринимателей «Атамекен»",
        "Национальной палаты предпринимателей «Атамекен»",
        "Национальной палате предпринимателей «Атамекен»",
        "“Atameken” National Chamber of Entrepreneurs",
    ),
    Org(
        "Алматы қаласының әкімдігі",
        "Акимат города Алматы",
        "акимата города Алматы",
        "Акимату города Алматы",
        "Akimat of Almaty",
    ),
    Org(
        "Астана қаласының әкімдігі",
        "Акимат города Астаны",
        "акимата города Астаны",
        "Акимату города Астаны",
        "Akimat of Astana",
    ),
    Org(
        "Шымкент қаласының әкімдігі",
        "Акимат города Шымкента",
        "акимата города Шымкента",
        "Акимату города Шымкента",
        "Akimat of Shymkent",
    ),
)
ORGS = MINISTRIES + OTHER_ORGS

GOVERNMENT: Texts = (
    "Қазақстан Республикасының Үкіметі",
    "Правительство Республики Казахстан",
    "Government of the Republic of Kazakhstan",
)

# (title kk/ru/en, organisation kk/ru/en, kind): kind is "leader", "minister", "vice",
# "director" or "other"; leaders and ministers chair, vice ministers are deputies,
# department directors are secretaries.
PositionText = tuple[Texts, Texts, str]


def positions() -> list[PositionText]:
    out: list[PositionText] = [
        (
            (
                "Премьер-Министрдің бірінші орынбасары",
                "Первый заместитель Премьер-Министра",
                "First Deputy Prime Minister",
            ),
            GOVERNMENT,
            "leader",
        ),
        (
            (
                "Премьер-Министрдің орынбасары",
                "Заместитель Премьер-Министра",
                "Deputy Prime Minister",
            ),
            GOVERNMENT,
            "leader",
        ),
        (
            (
                "Премьер-Министрдің орынбасары – Ұлттық экономика министрі",
                "Заместитель Премьер-Министра – Министр национальной экономики",
                "Deputy Prime Minister – Minister of National Economy",
            ),
            GOVERNMENT,
            "leader",
        ),
    ]
    for org in MINISTRIES:
        stem = org.kk.removesuffix(" министрлігі")
        tail_ru = org.ru.removeprefix("Министерство ")
        tail_en = org.en.removeprefix("Ministry of ")
        where = (org.kk, org.ru, org.en)
        out.append(
            (
                (f"{stem} министрі", f"Министр {tail_ru}", f"Minister of {tail_en}"),
                where,
                "minister",
            )
        )
        out.append(
            (
                (f"{stem} вице-министрі", f"Вице-министр {tail_ru}", f"Vice Minister of {tail_en}"),
                where,
                "vice",
            )
        )
        out.append(
            (
                (
                    f"{org.kk} департаментінің директоры",
                    f"Директор департамента {org.ru_gen}",
                    f"Director of a department of the {org.en}",
                ),
                where,
                "director",
            )
        )
    for org in OTHER_ORGS:
        where = (org.kk, org.ru, org.en)
        if org.kk.endswith("әкімдігі"):
            title = (
                org.kk.removesuffix("әкімдігі") + "әкімі",
                "Аким " + org.ru.removeprefix("Акимат "),
                "Akim of " + org.en.removeprefix("Akimat of "),
            )
        else:
            title = (
                f"{org.kk} басқармасының төрағасы",
                f"Председатель правления ({org.ru})",
                f"Chairman of the Board, {org.en}",
            )
        out.append((title, where, "other"))
    return out


REGIONS: tuple[Texts, ...] = (
    ("Алматы облысында", "в Алматинской области", "in Almaty region"),
    ("Түркістан облысында", "в Туркестанской области", "in Turkestan region"),
    ("Шығыс Қазақстан облысында", "в Восточно-Казахстанской области", "in East Kazakhstan region"),
    ("Қарағанды облысында", "в Карагандинской области", "in Karaganda region"),
    ("Ақмола облысында", "в Акмолинской области", "in Akmola region"),
    ("Маңғыстау облысында", "в Мангистауской области", "in Mangystau region"),
    ("Атырау облысында", "в Атырауской области", "in Atyrau region"),
    ("Павлодар облысында", "в Павлодарской области", "in Pavlodar region"),
    ("Жамбыл облысында", "в Жамбылской области", "in Zhambyl region"),
    ("Абай облысында", "в области Абай", "in Abai region"),
    ("Ұлытау облысында", "в области Ұлытау", "in Ulytau region"),
    ("Жетісу облысында", "в области Жетісу", "in Zhetisu region"),
)

PLACES: tuple[Texts, ...] = (
    (
        "Астана қ., Үкімет үйі, 3-зал",
        "г. Астана, Дом Правительства, зал 3",
        "Astana, Government House, hall 3",
    ),
    (
        "Астана қ., Үкімет үйі, 5-зал",
        "г. Астана, Дом Правительства, зал 5",
        "Astana, Government House, hall 5",
    ),
    (
        "Алматы қ., «Алатау» ИТП, мәжіліс залы",
        "г. Алматы, ПИТ «Алатау», зал заседаний",
        "Almaty, Alatau Innovative Technologies Park, meeting hall",
    ),
    (
        "Астана қ., Astana Hub, конференц-зал",
        "г. Астана, Astana Hub, конференц-зал",
        "Astana, Astana Hub, conference hall",
    ),
    ("Бейнеконференция режимінде", "В режиме видеоконференции", "By videoconference"),
)
CITIES: tuple[Texts, ...] = (
    ("Астана қ.", "г. Астана", "Astana"),
    ("Алматы қ.", "г. Алматы", "Almaty"),
)

MALE_GIVEN = (
    "Нұрлан",
    "Бақыт",
    "Ерлан",
    "Дәурен",
    "Қайрат",
    "Ғалым",
    "Серік",
    "Айдар",
    "Өркен",
    "Ұлан",
    "Асқар",
    "Мұрат",
    "Талғат",
    "Жандос",
    "Ержан",
    "Бауыржан",
    "Марат",
    "Әділ",
    "Санжар",
    "Нұржан",
    "Еркін",
    "Ғабит",
    "Қанат",
    "Төлеген",
)
FEMALE_GIVEN = (
    "Әйгерім",
    "Гүлнар",
    "Жанар",
    "Динара",
    "Мәдина",
    "Айгүл",
    "Салтанат",
    "Ләззат",
    "Ақмарал",
    "Гүлмира",
    "Сәуле",
    "Һадиша",
    "Ботагөз",
    "Үміт",
)
SURNAMES = (
    "Әбенов",
    "Ғабдуллин",
    "Қасымов",
    "Нұрланов",
    "Өмірбеков",
    "Ұлықбеков",
    "Үсенов",
    "Сейітқалиев",
    "Жұмабаев",
    "Есенғалиев",
    "Түгелбаев",
    "Мұхамеджанов",
    "Оспанов",
    "Сәрсенов",
    "Ахметов",
    "Бекетов",
    "Дүйсенов",
    "Жақсылықов",
    "Құрманов",
    "Смағұлов",
    "Исабеков",
    "Молдабеков",
    "Шәкенов",
    "Әлиев",
    "Байжанов",
    "Ермеков",
    "Қалиев",
    "Төлеуов",
    "Иманғалиев",
    "Һашимов",
)
_LATIN = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}


def latin(word: str) -> str:
    out = "".join(_LATIN.get(ch, ch) for ch in word.lower())
    return out[:1].upper() + out[1:]


def person_name(rng: random.Random) -> tuple[str, str, str, str]:
    """(surname, given name, patronymic, Latin spelling) of an invented person."""
    female = rng.random() < 0.35
    surname = rng.choice(SURNAMES)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    father = rng.choice(MALE_GIVEN)
    if female and surname.endswith(("ов", "ев", "ин")):
        surname += "а"
    patronymic = father + ("қызы" if female else "ұлы")
    return surname, given, patronymic, f"{latin(given)} {latin(surname)}"


EN_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def dates(day: date) -> Texts:
    return (
        f"{day:%d.%m.%Y} дейін",
        f"до {day:%d.%m.%Y} г.",
        f"by {day.day} {EN_MONTHS[day.month]} {day.year}",
    )


def item_title(rng: random.Random, topic: Texts, org: Org, region: Texts, year: int) -> Texts:
    k, r, e = topic
    kind = rng.randrange(8)
    if kind == 0:
        return (
            f"«{k}» бағдарламасының іске асырылу барысы туралы",
            f"О ходе реализации программы «{r}»",
            f"On the implementation of the “{e}” programme",
        )
    if kind == 1:
        return (
            f"{year} жылға арналған «{k}» іс-шаралар жоспарын бекіту туралы",
            f"Об утверждении плана мероприятий «{r}» на {year} год",
            f"On approving the “{e}” action plan for {year}",
        )
    if kind == 2:
        return (
            f"«{k}» бағыты бойынша қаржыландыру көлемі туралы",
            f"Об объемах финансирования по направлению «{r}»",
            f"On the funding of the “{e}” area",
        )
    if kind == 3:
        return (
            f"{org.kk} ұсынған «{k}» жобасын қарау туралы",
            f"О проекте «{r}» (вносит {org.ru})",
            f"On the “{e}” project submitted by the {org.en}",
        )
    if kind == 4:
        return (
            f"{region[0]} «{k}» жобасын іске асыру туралы",
            f"О реализации проекта «{r}» {region[1]}",
            f"On the “{e}” project {region[2]}",
        )
    if kind == 5:
        return (
            f"Кеңестің {year} жылға арналған жұмыс жоспары туралы",
            f"О плане работы совета на {year} год",
            f"On the council's work plan for {year}",
        )
    if kind == 6:
        return (
            f"«{k}» саласындағы нормативтік құқықтық актілерді жетілдіру туралы",
            f"О совершенствовании нормативных правовых актов в сфере «{r}»",
            f"On improving the legislation on “{e}”",
        )
    return (
        f"{org.kk} «{k}» бойынша есебі туралы",
        f"Об отчете {org.ru_gen} по направлению «{r}»",
        f"On the report of the {org.en} on “{e}”",
    )


def decision_text(
    rng: random.Random, topic: Texts, org: Org, amount: int, deadline: date, year: int
) -> Texts:
    k, r, e = topic
    by_kk, by_ru, by_en = dates(deadline)
    kind = rng.randrange(7)
    if kind == 0:
        return (
            "Ақпарат назарға алынсын.",
            "Информацию принять к сведению.",
            "Take note of the information.",
        )
    if kind == 1:
        return (
            f"{org.kk} {by_kk} «{k}» жоспарын пысықтап, Кеңеске енгізсін.",
            f"{org.ru_dat} {by_ru} доработать план «{r}» и внести его на рассмотрение совета.",
            f"The {org.en} shall revise the “{e}” plan and submit it to the council {by_en}.",
        )
    if kind == 2:
        return (
            f"«{k}» бағдарламасына {amount} млн теңге көлемінде қаржыландыру мақұлдансын.",
            f"Одобрить финансирование программы «{r}» в объеме {amount} млн тенге.",
            f"Approve funding of {amount} million tenge for the “{e}” programme.",
        )
    if kind == 3:
        return (
            f"«{k}» жобасы қолдау тапсын.",
            f"Поддержать проект «{r}».",
            f"Support the “{e}” project.",
        )
    if kind == 4:
        return (
            "Мәселені қосымша пысықтау үшін келесі отырысқа ауыстыру.",
            "Перенести рассмотрение вопроса на следующее заседание для дополнительной проработки.",
            "Postpone the question to the next meeting for further study.",
        )
    if kind == 5:
        return (
            f"{year} жылға арналған «{k}» іс-шаралар жоспары бекітілсін.",
            f"Утвердить план мероприятий «{r}» на {year} год.",
            f"Approve the “{e}” action plan for {year}.",
        )
    return (
        f"{org.kk} «{k}» бойынша мониторинг нәтижелерін тоқсан сайын Кеңеске ұсынсын.",
        f"{org.ru_dat} ежеквартально представлять совету результаты мониторинга по "
        f"направлению «{r}».",
        f"The {org.en} shall report the monitoring results on “{e}” to the council quarterly.",
    )


def heard_text(topic: Texts, speaker: Texts, planned: int, done: int, amount: int) -> Texts:
    k, r, e = topic
    return (
        f"{speaker[0]} баяндамасы тыңдалды. «{k}» бойынша жоспарланған {planned} іс-шараның "
        f"{done}-і орындалды, қаржыландыру көлемі {amount} млн теңгені құрады.",
        f"Заслушан доклад: {speaker[1]}. По направлению «{r}» из {planned} запланированных "
        f"мероприятий исполнено {done}, объем финансирования составил {amount} млн тенге.",
        f"The report of {speaker[2]} was heard. Under “{e}”, {done} of the {planned} planned "
        f"measures were completed; funding amounted to {amount} million tenge.",
    )


DISCUSSIONS: tuple[Texts, ...] = (
    (
        "Сөз сөйлегендер іс-шаралардың мерзімдерін нақтылауды және өңірлік әкімдіктермен өзара "
        "іс-қимылды күшейтуді ұсынды.",
        "Выступившие предложили уточнить сроки мероприятий и усилить взаимодействие с "
        "региональными акиматами.",
        "The speakers proposed to clarify the deadlines of the measures and to strengthen "
        "cooperation with the regional akimats.",
    ),
    (
        "Талқылау барысында қаржыландыру көздерін қосымша айқындау қажеттігі атап өтілді.",
        "В ходе обсуждения отмечена необходимость дополнительно определить источники "
        "финансирования.",
        "The discussion noted the need to determine the sources of funding further.",
    ),
    (
        "Кеңес мүшелері жобаның әлеуметтік-экономикалық тиімділігін бағалауды ұсынды.",
        "Члены совета предложили оценить социально-экономическую эффективность проекта.",
        "Members of the council proposed to assess the project's social and economic "
        "effectiveness.",
    ),
    ("", "", ""),
)

INSTRUCTIONS: tuple[Texts, ...] = (
    (
        "«{k}» бойынша іс-шаралар жоспарын әзірлеу",
        "Разработать план мероприятий по направлению «{r}»",
        "Draft the action plan on “{e}”",
    ),
    (
        "«{k}» жобасының қаржыландыру көздерін айқындау",
        "Определить источники финансирования проекта «{r}»",
        "Determine the sources of funding of the “{e}” project",
    ),
    (
        "«{k}» бойынша нормативтік құқықтық акт жобасын әзірлеу",
        "Разработать проект нормативного правового акта по направлению «{r}»",
        "Draft a regulation on “{e}”",
    ),
    (
        "«{k}» іске асыру барысы туралы Кеңеске ақпарат беру",
        "Проинформировать совет о ходе реализации «{r}»",
        "Inform the council on the progress of “{e}”",
    ),
)
COMPLETION_FORMS: tuple[Texts, ...] = (
    ("Кеңеске ақпарат", "Информация в совет", "Information to the council"),
    ("Үкіметке ұсыныстар", "Предложения в Правительство", "Proposals to the Government"),
    ("Нормативтік құқықтық акт жобасы", "Проект нормативного правового акта", "Draft regulation"),
    ("Бұйрық", "Приказ", "Order"),
)
DISSENTS: tuple[Texts, ...] = (
    (
        "«{k}» бойынша шешімге қарсымын: қаржыландыру көздері айқындалмаған, ал "
        "іс-шаралардың мерзімдері шындыққа сай емес.",
        "Не согласен с решением по вопросу «{r}»: источники финансирования не определены, а "
        "сроки мероприятий нереалистичны.",
        "I disagree with the decision on “{e}”: the sources of funding are not determined and "
        "the deadlines are unrealistic.",
    ),
    (
        "«{k}» жобасының экономикалық негіздемесі жеткіліксіз, сондықтан шешімді қолдамаймын.",
        "Экономическое обоснование проекта «{r}» недостаточно, поэтому решение не поддерживаю.",
        "The economic case for the “{e}” project is insufficient, so I do not support the "
        "decision.",
    ),
    (
        "«{k}» бағдарламасы өңірлердің пікірін ескермейді; мәселені қайта қарауды ұсынамын.",
        "Программа «{r}» не учитывает мнение регионов; предлагаю вернуться к рассмотрению вопроса.",
        "The “{e}” programme ignores the regions' opinion; I propose to reconsider the question.",
    ),
)
ABSENCE: tuple[tuple[str, str], ...] = (
    ("іссапар", "командировка"),
    ("демалыс", "отпуск"),
    ("денсаулығына байланысты", "по состоянию здоровья"),
    ("басқа іс-шараға қатысу", "участие в другом мероприятии"),
)
# How the reasons above are stored: a kind of the translated list, or "other" in every language.
ABSENCE_KINDS: tuple[str, ...] = ("business_trip", "vacation", "illness", "other")
ABSENCE_OTHER = {
    "kk": "басқа іс-шараға қатысу",
    "ru": "участие в другом мероприятии",
    "en": "taking part in another event",
}


def fill(template: Texts, topic: Texts) -> Texts:
    k, r, e = topic
    return (template[0].format(k=k), template[1].format(r=r), template[2].format(e=e))
