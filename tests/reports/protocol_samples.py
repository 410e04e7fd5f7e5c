"""Realistic protocol snapshots in Kazakh, Russian and English, for the renderers' tests.

:func:`sample_snapshot` builds the protocol of a meeting of the supervisory
board of seed 000 ("Innovative Technologies Park" cluster) with ``items``
agenda items and ``members`` members, two of them absent (with reasons).  It
has what a real protocol has: the presiding person, invited persons (one
attending instead of an absent member, without a vote), speakers, decisions
adopted by a simple majority, a tie decided by the presiding member's vote
(000 §15) with a dissenting opinion (000 §16), protocol instructions with
executors and deadlines, a vote counted without names, and two signature
blocks.  The Kazakh text uses every Kazakh letter, upper and lower case
(Ә Ғ Қ Ң Ө Ұ Ү Һ І).

Items follow a pattern of three: item 1, 4, 7 ... a majority decision with
instructions; item 2, 5, 8 ... a tie with a dissent; item 3, 6, 9 ... a
majority decision with an instruction and a second decision counted without
names.  Every item but the last kind has one named roll call; the third kind
has one named and one counts-only roll call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.protocol import (
    DecisionLine,
    DissentLine,
    InstructionLine,
    InvitedLine,
    ItemSection,
    PersonLine,
    ProtocolSnapshot,
    RollCall,
    SignatureBlock,
    VoteRow,
)
from app.formatting import date_on, deadline_date, legal_date_plain

MEETING_DAY = date(2026, 11, 20)
NUMBER = "3"

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "protocol": "ХАТТАМА",
        "present": "Қатысқандар:",
        "members": "Кеңес мүшелері:",
        "invited": "Шақырылғандар:",
        "absent": "Қатыспағандар:",
        "agenda": "Күн тәртібі:",
        "heard": "Тыңдалды:",
        "spoke": "Сөз сөйлегендер:",
        "decided": "Шешті:",
        "voting": "Дауыс беру:",
        "instructions": "Хаттамалық тапсырмалар:",
        "executor": "Жауапты орындаушы",
        "deadline": "Орындау мерзімі",
        "completion_form": "Аяқталу нысаны",
        "annex_roll_call": "1-қосымша. Атаулы дауыс беру",
        "annex_dissents": "2-қосымша. Ерекше пікірлер",
        "member": "Кеңес мүшесі",
        "vote": "Дауыс",
        "presiding_mark": "(төрағалық етуші)",
        "page": "Бет",
        "protocol_no": "№ {number} хаттама",
        "signature": "(қолы)",
        "counts_only": "Дауыстар аты-жөні көрсетілмей есептелді.",
        "received": "Келіп түсті",
        "annex_heading": (
            "2026\u00a0жылғы\u00a020\u00a0қарашадағы №\u00a03 хаттамаға {annex}-қосымша"
        ),
        "roll_call_title": "Атаулы дауыс беру нәтижелері",
        "dissents_title": "Ерекше пікірлер",
    },
    "ru": {
        "protocol": "ПРОТОКОЛ",
        "present": "Присутствовали:",
        "members": "Члены совета:",
        "invited": "Приглашенные:",
        "absent": "Отсутствовали:",
        "agenda": "Повестка дня:",
        "heard": "Слушали:",
        "spoke": "Выступили:",
        "decided": "Решили:",
        "voting": "Голосование:",
        "instructions": "Протокольные поручения:",
        "executor": "Ответственный исполнитель",
        "deadline": "Срок исполнения",
        "completion_form": "Форма завершения",
        "annex_roll_call": "Приложение 1. Поименное голосование",
        "annex_dissents": "Приложение 2. Особые мнения",
        "member": "Член совета",
        "vote": "Голос",
        "presiding_mark": "(председательствующий)",
        "page": "Страница",
        "protocol_no": "Протокол № {number}",
        "signature": "(подпись)",
        "counts_only": "Голоса подсчитаны без указания имен.",
        "received": "Поступило",
        "annex_heading": (
            "Приложение {annex} к протоколу №\u00a03 от 20\u00a0ноября\u00a02026\u00a0года"
        ),
        "roll_call_title": "Результаты поименного голосования",
        "dissents_title": "Особые мнения",
    },
    "en": {
        "protocol": "PROTOCOL",
        "present": "Present:",
        "members": "Members of the council:",
        "invited": "Invited:",
        "absent": "Absent:",
        "agenda": "Agenda:",
        "heard": "Heard:",
        "spoke": "Spoke:",
        "decided": "Decided:",
        "voting": "Voting:",
        "instructions": "Protocol instructions:",
        "executor": "Responsible executor",
        "deadline": "Deadline",
        "completion_form": "Form of completion",
        "annex_roll_call": "Annex 1. Roll call",
        "annex_dissents": "Annex 2. Dissenting opinions",
        "member": "Member",
        "vote": "Vote",
        "presiding_mark": "(presiding)",
        "page": "Page",
        "protocol_no": "Protocol No. {number}",
        "signature": "(signature)",
        "counts_only": "Votes counted without names.",
        "received": "Received",
        "annex_heading": "Annex {annex} to Minutes No.\u00a03 of 20\u00a0November\u00a02026",
        "roll_call_title": "Results of the roll-call vote",
        "dissents_title": "Dissenting opinions",
    },
}


@dataclass(frozen=True)
class _Words:
    """Everything of one language the builder combines."""

    council: str
    title: str  # with {number}
    city: str
    place: str
    time: str
    presiding: str  # "Presiding: {name}, {position}"
    surnames: tuple[str, ...]
    given: tuple[str, ...]
    patronymics: tuple[str, ...]
    positions: tuple[str, ...]
    roles: tuple[str, str, str, str]  # chair, deputy chair, secretary, by agreement
    absence: tuple[str, str]
    deputy: tuple[str, str, str]  # name, position, organisation
    instead_of: str  # with {name}
    guest: tuple[str, str, str]
    agenda: tuple[str, ...]
    heard_summary: str
    spoke_summary: str
    note_decision: str
    plan_decision: str
    selection_decision: str
    send_decision: str
    instructions: tuple[tuple[str, str, str], ...]  # text, executor, form
    majority: str  # with {f} {a} {ab}
    tie: str
    dissent_mention: str  # with {name}
    dissent_text: str
    dissent_language: str
    choices: tuple[str, str, str]  # for, against, abstained
    signature_roles: tuple[str, str]
    revision: str
    recommendations: str


KK = _Words(
    council="«Инновациялық технологиялар паркі» инновациялық кластерінің қамқоршылық кеңесі",
    title="ҚАМҚОРШЫЛЫҚ КЕҢЕСІ ОТЫРЫСЫНЫҢ № {number} ХАТТАМАСЫ",
    city="Астана қаласы",
    place="Үкімет үйі, 3-мәжіліс залы",
    time="10:00–12:30",
    presiding="Төрағалық етуші: {name}, {position}",
    surnames=(
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
    ),
    given=(
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
    ),
    patronymics=("Серікұлы", "Еркінұлы", "Әлібекұлы", "Қанатұлы", "Бекболатұлы", "Төлегенұлы"),
    positions=(
        "Қазақстан Республикасының Премьер-Министрі",
        "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрі",
        "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі "
        "бірінші вице-министрі",
        "Қазақстан Республикасының Ұлттық экономика министрі",
        "Қазақстан Республикасының Қаржы министрі",
        "Қазақстан Республикасының Ғылым және жоғары білім министрі",
        "Алматы қаласының әкімі",
        "«Бәйтерек» холдингі басқармасының төрағасы",
        "«Астана Хаб» халықаралық технопаркі басқармасының төрағасы",
        "«Қазақстанның Даму Банкі» АҚ басқарма төрағасының орынбасары",
        "«Атамекен» Ұлттық кәсіпкерлер палатасының өкілі",
    ),
    roles=("төраға", "төрағаның орынбасары", "хатшы", "келісу бойынша"),
    absence=("іссапарда", "денсаулығына байланысты"),
    deputy=(
        "Оспанов Бауыржан Маратұлы",
        "вице-министр",
        "Қазақстан Республикасының Ұлттық экономика министрлігі",
    ),
    instead_of="кеңес мүшесінің орнына қатысты (дауыс беру құқығынсыз): {name}",
    guest=(
        "Сәрсенова Һадиша Ғалымжанқызы",
        "бас директор",
        "«Инновациялық технологиялар паркі» дербес кластерлік қоры",
    ),
    agenda=(
        "Алдыңғы отырыс хаттамасының тапсырмаларының орындалуы туралы",
        "«Инновациялық технологиялар паркі» кластерінің 2027 жылға арналған даму жоспары туралы",
        "Жиһаз өнеркәсібі және ағаш өңдеу саласындағы аумақтық кластерлерді іріктеу "
        "қорытындылары туралы",
        "Кластерге қатысушыларға мемлекеттік қолдау көрсету тәртібі туралы",
    ),
    heard_summary=(
        "Баяндамашы мәселе бойынша ақпарат берді: жоспарланған 12 іс-шараның 9-ы орындалды, "
        "қалғандарының мерзімі 2027 жылдың бірінші тоқсанына ауыстырылды. Қаржыландыру көлемі "
        "4,5 млрд теңгені құрады.\n"
        "Баяндамашы сондай-ақ өңірлердегі жиһаз өндірушілердің ұсыныстарын атап өтті."
    ),
    spoke_summary=(
        "Сөз сөйлегендер іс-шаралардың мерзімдерін нақтылауды және өңірлік әкімдіктермен "
        "өзара іс-қимылды күшейтуді ұсынды."
    ),
    note_decision=(
        "Баяндамашының ақпараты назарға алынсын. Қазақстан Республикасының Цифрлық даму, "
        "инновациялар және аэроғарыш өнеркәсібі министрлігі мүдделі мемлекеттік органдармен "
        "бірлесіп кластердің даму жоспарын пысықтасын."
    ),
    plan_decision="Кластердің 2027 жылға арналған даму жоспары мақұлдансын.",
    selection_decision="Аумақтық кластерлерді іріктеу қорытындылары бекітілсін.",
    send_decision="Іріктеу қорытындылары туралы ақпарат өтінім берушілерге жіберілсін.",
    instructions=(
        (
            "Кластердің 2027 жылға арналған даму жоспарын пысықтау және Кеңеске енгізу",
            "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш "
            "өнеркәсібі министрлігі",
            "Кеңеске ақпарат",
        ),
        (
            "Өңірлік кластерлерді қаржыландыру көздерін айқындау",
            "Қазақстан Республикасының Қаржы министрлігі, Алматы қаласының әкімдігі",
            "Үкіметке ұсыныстар",
        ),
    ),
    majority=(
        "Шешім қабылданды: «қолдап» – {f}, «қарсы» – {a}, «қалыс қалды» – {ab}; "
        "қатысқан мүшелердің қарапайым көпшілік дауысы."
    ),
    tie=(
        "Шешім қабылданды: «қолдап» – {f}, «қарсы» – {a}, «қалыс қалды» – {ab}; дауыстар тең "
        "болған жағдайда төрағалық етуші «қолдап» дауыс берді, оның даусы шешуші болып "
        "табылады (Ереженің 15-тармағы)."
    ),
    dissent_mention="{name} ерекше пікір білдірді (2-қосымша).",
    dissent_text=(
        "Даму жоспарында өңірлік кластерлерді қаржыландыру көздері айқындалмаған, сондықтан "
        "жоспарды осы редакцияда мақұлдауға қарсымын.\n"
        "Жоспарды Қазақстан Республикасының Қаржы министрлігімен қосымша келісуді ұсынамын."
    ),
    dissent_language="қазақ тілі",
    choices=("қолдап", "қарсы", "қалыс қалды"),
    signature_roles=("Төраға", "Хатшы"),
    revision=(
        "2-редакция, 2026 жылғы 20 қарашадағы хаттаманың орнына: дауыс беру нәтижесіндегі "
        "техникалық қате түзетілді."
    ),
    recommendations="Кеңестің шешімдері ұсынымдық сипатта болады (Ереженің 4-тармағы).",
)

RU = _Words(
    council="Попечительский совет инновационного кластера «Парк инновационных технологий»",
    title="ПРОТОКОЛ № {number} заседания Попечительского совета",
    city="г. Астана",
    place="Дом Правительства, зал заседаний № 3",
    time="10:00–12:30",
    presiding="Председательствующий: {name}, {position}",
    surnames=(
        "Абенов",
        "Габдуллин",
        "Касымов",
        "Нурланов",
        "Омирбеков",
        "Улыкбеков",
        "Усенов",
        "Сеиткалиев",
        "Жумабаев",
        "Есенгалиев",
        "Тугелбаев",
        "Мухамеджанов",
    ),
    given=(
        "Нурлан",
        "Бахыт",
        "Ерлан",
        "Даурен",
        "Кайрат",
        "Галым",
        "Серик",
        "Айдар",
        "Оркен",
        "Улан",
    ),
    patronymics=(
        "Серикович",
        "Еркинович",
        "Алибекович",
        "Канатович",
        "Бекболатович",
        "Тулегенович",
    ),
    positions=(
        "Премьер-Министр Республики Казахстан",
        "Министр цифрового развития, инноваций и аэрокосмической промышленности "
        "Республики Казахстан",
        "Первый вице-министр цифрового развития, инноваций и аэрокосмической промышленности "
        "Республики Казахстан",
        "Министр национальной экономики Республики Казахстан",
        "Министр финансов Республики Казахстан",
        "Министр науки и высшего образования Республики Казахстан",
        "Аким города Алматы",
        "Председатель правления холдинга «Байтерек»",
        "Председатель правления международного технопарка «Astana Hub»",
        "Заместитель председателя правления АО «Банк Развития Казахстана»",
        "Представитель Национальной палаты предпринимателей «Атамекен»",
    ),
    roles=("председатель", "заместитель председателя", "секретарь", "по согласованию"),
    absence=("командировка", "по состоянию здоровья"),
    deputy=(
        "Оспанов Бауыржан Маратович",
        "вице-министр",
        "Министерство национальной экономики Республики Казахстан",
    ),
    instead_of="присутствовал вместо члена совета (без права голоса): {name}",
    guest=(
        "Сарсенова Хадиша Галымжановна",
        "генеральный директор",
        "Автономный кластерный фонд «Парк инновационных технологий»",
    ),
    agenda=(
        "Об исполнении поручений протокола предыдущего заседания",
        "О плане развития кластера «Парк инновационных технологий» на 2027 год",
        "Об итогах отбора территориальных кластеров в мебельной и деревообрабатывающей "
        "промышленности",
        "О порядке оказания государственной поддержки участникам кластера",
    ),
    heard_summary=(
        "Докладчик проинформировал о ходе исполнения: из 12 запланированных мероприятий "
        "исполнено 9, сроки остальных перенесены на первый квартал 2027 года. Объем "
        "финансирования составил 4,5 млрд тенге.\n"
        "Докладчик также отметил предложения производителей мебели в регионах."
    ),
    spoke_summary=(
        "Выступившие предложили уточнить сроки мероприятий и усилить взаимодействие "
        "с региональными акиматами."
    ),
    note_decision=(
        "Информацию докладчика принять к сведению. Министерству цифрового развития, инноваций "
        "и аэрокосмической промышленности Республики Казахстан совместно с заинтересованными "
        "государственными органами доработать план развития кластера."
    ),
    plan_decision="Одобрить план развития кластера на 2027 год.",
    selection_decision="Утвердить итоги отбора территориальных кластеров.",
    send_decision="Направить информацию об итогах отбора заявителям.",
    instructions=(
        (
            "Доработать план развития кластера на 2027 год и внести его на рассмотрение Совета",
            "Министерство цифрового развития, инноваций и аэрокосмической промышленности "
            "Республики Казахстан",
            "Информация в Совет",
        ),
        (
            "Определить источники финансирования региональных кластеров",
            "Министерство финансов Республики Казахстан, акимат города Алматы",
            "Предложения в Правительство",
        ),
    ),
    majority=(
        "Решение принято: «за» – {f}, «против» – {a}, «воздержались» – {ab}; простое "
        "большинство голосов присутствующих членов."
    ),
    tie=(
        "Решение принято: «за» – {f}, «против» – {a}, «воздержались» – {ab}; при равенстве "
        "голосов председательствующий проголосовал «за», и его голос является решающим "
        "(пункт 15 Положения)."
    ),
    dissent_mention="{name} заявил особое мнение (приложение 2).",
    dissent_text=(
        "В плане развития не определены источники финансирования региональных кластеров, "
        "поэтому возражаю против его одобрения в данной редакции.\n"
        "Предлагаю дополнительно согласовать план с Министерством финансов Республики Казахстан."
    ),
    dissent_language="русский язык",
    choices=("за", "против", "воздержался"),
    signature_roles=("Председатель", "Секретарь"),
    revision=(
        "Редакция 2, взамен протокола от 20 ноября 2026 года: исправлена техническая ошибка "
        "в итогах голосования."
    ),
    recommendations="Решения Совета носят рекомендательный характер (пункт 4 Положения).",
)

EN = _Words(
    council="Supervisory board of the “Innovative Technologies Park” innovation cluster",
    title="PROTOCOL No. {number} of the meeting of the Supervisory board",
    city="Astana",
    place="Government House, meeting room 3",
    time="10:00\u202fAM – 12:30\u202fPM",
    presiding="Presiding: {name}, {position}",
    surnames=(
        "Abenov",
        "Gabdullin",
        "Kassymov",
        "Nurlanov",
        "Omirbekov",
        "Ulykbekov",
        "Ussenov",
        "Seitkaliyev",
        "Zhumabayev",
        "Yessengaliyev",
        "Tugelbayev",
        "Mukhamedzhanov",
    ),
    given=(
        "Nurlan",
        "Bakhyt",
        "Yerlan",
        "Dauren",
        "Kairat",
        "Galym",
        "Serik",
        "Aidar",
        "Orken",
        "Ulan",
    ),
    patronymics=(),
    positions=(
        "Prime Minister of the Republic of Kazakhstan",
        "Minister of Digital Development, Innovation and Aerospace Industry of the Republic "
        "of Kazakhstan",
        "First Vice Minister of Digital Development, Innovation and Aerospace Industry of the "
        "Republic of Kazakhstan",
        "Minister of National Economy of the Republic of Kazakhstan",
        "Minister of Finance of the Republic of Kazakhstan",
        "Minister of Science and Higher Education of the Republic of Kazakhstan",
        "Akim of the city of Almaty",
        "Chairman of the Management Board of Baiterek Holding",
        "Chairman of the Management Board of the Astana Hub international technopark",
        "Deputy Chairman of the Management Board of the Development Bank of Kazakhstan",
        "Representative of the Atameken National Chamber of Entrepreneurs",
    ),
    roles=("chair", "deputy chair", "secretary", "by agreement"),
    absence=("on a business trip", "for health reasons"),
    deputy=(
        "Baurzhan Ospanov",
        "Vice Minister",
        "Ministry of National Economy of the Republic of Kazakhstan",
    ),
    instead_of="attended instead of {name} (without the right to vote)",
    guest=(
        "Khadisha Sarsenova",
        "Director General",
        "“Innovative Technologies Park” autonomous cluster fund",
    ),
    agenda=(
        "On the execution of the instructions of the previous meeting's protocol",
        "On the development plan of the “Innovative Technologies Park” cluster for 2027",
        "On the results of the selection of territorial clusters in the furniture and "
        "woodworking industry",
        "On the procedure of state support to the cluster's participants",
    ),
    heard_summary=(
        "The speaker reported on the progress: 9 of the 12 planned measures were completed, "
        "the deadlines of the rest were moved to the first quarter of 2027. Funding amounted "
        "to 4.5 billion tenge.\n"
        "The speaker also noted the proposals of furniture makers in the regions."
    ),
    spoke_summary=(
        "The speakers proposed to clarify the deadlines of the measures and to strengthen "
        "cooperation with the regional akimats."
    ),
    note_decision=(
        "Take note of the speaker's information. The Ministry of Digital Development, "
        "Innovation and Aerospace Industry, together with the state bodies concerned, shall "
        "revise the cluster's development plan."
    ),
    plan_decision="Approve the cluster's development plan for 2027.",
    selection_decision="Approve the results of the selection of territorial clusters.",
    send_decision="Send the information on the results of the selection to the applicants.",
    instructions=(
        (
            "Revise the cluster's development plan for 2027 and submit it to the council",
            "Ministry of Digital Development, Innovation and Aerospace Industry of the Republic "
            "of Kazakhstan",
            "Information to the council",
        ),
        (
            "Determine the sources of funding of regional clusters",
            "Ministry of Finance of the Republic of Kazakhstan, akimat of the city of Almaty",
            "Proposals to the Government",
        ),
    ),
    majority="Adopted: {f} for, {a} against, {ab} abstained; a simple majority of the members "
    "present.",
    tie=(
        "Adopted: {f} for, {a} against, {ab} abstained; in case of a tie the presiding member "
        "voted for, and the presiding member's vote decides (Regulation, paragraph 15)."
    ),
    dissent_mention="{name} stated a dissenting opinion (annex 2).",
    dissent_text=(
        "The development plan does not determine the sources of funding of regional clusters, "
        "so I object to its approval as it stands.\n"
        "I propose to agree the plan with the Ministry of Finance of the Republic of Kazakhstan "
        "first."
    ),
    dissent_language="English",
    choices=("for", "against", "abstained"),
    signature_roles=("Chair", "Secretary"),
    revision=(
        "Revision 2, replacing the protocol of 20 November 2026: a clerical error in the "
        "voting results was corrected."
    ),
    recommendations="The council's decisions are recommendations (Regulation, paragraph 4).",
)

WORDS = {"kk": KK, "ru": RU, "en": EN}


def _full_name(words: _Words, index: int) -> str:
    surnames, given = words.surnames, words.given
    surname = surnames[index % len(surnames)]
    # Unique for the first 60 members: the given name moves on each round of surnames.
    first = given[(index + 3 * (index // len(surnames))) % len(given)]
    if not words.patronymics:  # English: given name, surname
        return f"{first} {surname}"
    patronymic = words.patronymics[(index + index // len(surnames)) % len(words.patronymics)]
    return f"{surname} {first} {patronymic}"


def _short_name(full: str, lang: str) -> str:
    """ "Н.\u00a0С.\u00a0Әбенов" / "N.\u00a0Abenov": the name under a signature, initials first."""
    parts = full.split()
    if lang == "en":
        return f"{parts[0][0]}.\u00a0{parts[-1]}"
    return "\u00a0".join([*(f"{p[0]}." for p in parts[1:]), parts[0]])


def _members_genitive(n: int) -> str:
    """ "членов" / "члена" after "из" or "не менее" (Russian)."""
    return "члена" if n % 10 == 1 and n % 100 != 11 else "членов"


def _counts_lines(lang: str, present: int, total: int) -> tuple[str, str]:
    quorum = total // 2 + 1
    if lang == "kk":
        return (
            f"Кеңестің {total} мүшесінен {present} мүше қатысты.",
            f"Кворум бар (кемінде {quorum} мүше қатысуы қажет).",
        )
    if lang == "ru":
        return (
            f"Присутствовали {present} из {total} {_members_genitive(total)} совета.",
            f"Кворум имеется (требуется не менее {quorum} {_members_genitive(quorum)} совета).",
        )
    return (
        f"{present} of {total} members present.",
        f"A quorum is present (at least {quorum} members required).",
    )


def _votes(
    words: _Words, names: tuple[str, ...], item: int, tie: bool
) -> tuple[tuple[VoteRow, ...], tuple[int, int, int, int]]:
    """Ballots of the members present: a simple majority, or a tie the presiding member breaks."""
    present = len(names)
    for_, against, abstained = words.choices
    choices: list[str]
    if tie:
        half = present // 2
        choices = [for_] * half + [against] * half + [abstained] * (present - 2 * half)
    else:
        choices = [for_] * present
        choices[1 + item % (present - 1)] = against
        choices[1 + (item + 1) % (present - 1)] = abstained
    rows = tuple(
        VoteRow(name=name, choice=choice, presiding=index == 0)
        for index, (name, choice) in enumerate(zip(names, choices, strict=True))
    )
    counts = (choices.count(for_), choices.count(against), choices.count(abstained), 0)
    return rows, counts


def sample_snapshot(
    lang: str,
    items: int = 3,
    members: int = 15,
    *,
    revision: bool = False,
    recommendations: bool = False,
) -> ProtocolSnapshot:
    """A realistic protocol of ``items`` agenda items and ``members`` members, in ``lang``."""
    # Speakers are picked among the first seven present members, and two are absent.
    if members < 9:
        raise ValueError("a sample council has at least 9 members")
    words = WORDS[lang]
    names = tuple(_full_name(words, n) for n in range(members))
    positions = tuple(words.positions[n % len(words.positions)] for n in range(members))

    def role(n: int) -> str:
        if n < 3:
            return words.roles[n]
        return words.roles[3] if n % len(words.positions) >= 7 else ""

    present_idx = range(members - 2)
    absent_idx = (members - 2, members - 1)
    present = tuple(PersonLine(names[n], positions[n], role(n)) for n in present_idx)
    absent = tuple(
        PersonLine(names[n], positions[n], role(n), note=words.absence[i])
        for i, n in enumerate(absent_idx)
    )
    present_names = tuple(names[n] for n in present_idx)
    invited = (
        InvitedLine(*words.deputy, instead_of=words.instead_of.format(name=names[absent_idx[1]])),
        InvitedLine(*words.guest),
    )
    count_line, quorum_line = _counts_lines(lang, len(present), members)
    agenda = tuple(words.agenda[n % len(words.agenda)] for n in range(items))
    deadline_base = MEETING_DAY + timedelta(days=55)

    sections: list[ItemSection] = []
    roll_calls: list[RollCall] = []
    dissents: list[DissentLine] = []
    for number in range(1, items + 1):
        kind = (number - 1) % 3
        speaker = 3 + number % (len(present) - 3)
        heard = (
            (f"{words.guest[0]}, {words.guest[1]}",)
            if kind == 1
            else (f"{names[speaker]}, {positions[speaker]}",)
        )
        spoke = tuple(f"{names[n]}, {positions[n]}" for n in (1 + number % 2, 3 + (number + 1) % 4))
        decisions: list[DecisionLine] = []
        first = f"{number}.1"
        if kind == 1:  # a tie the presiding member's vote decides, and a dissent
            rows, counts = _votes(words, present_names, number, tie=True)
            dissenter = present_names[counts[0]]  # the first who voted against
            decisions.append(
                DecisionLine(
                    number=first,
                    text=words.plan_decision,
                    adopted=True,
                    counts=counts,
                    result=words.tie.format(f=counts[0], a=counts[1], ab=counts[2]),
                    dissent_mentions=(words.dissent_mention.format(name=dissenter),),
                )
            )
            roll_calls.append(RollCall(number, first, words.plan_decision, rows))
            dissents.append(
                DissentLine(
                    number=first,
                    name=dissenter,
                    text=words.dissent_text,
                    language=words.dissent_language,
                    received=date_on(MEETING_DAY + timedelta(days=1), lang),
                )
            )
        else:
            text = words.note_decision if kind == 0 else words.selection_decision
            rows, counts = _votes(words, present_names, number, tie=False)
            chosen = words.instructions if kind == 0 else words.instructions[:1]
            instructions = tuple(
                InstructionLine(
                    number=f"{first}.{n}",
                    text=instruction,
                    executor=executor,
                    deadline=deadline_date(deadline_base + timedelta(days=30 * n), lang, wrap=True),
                    completion_form=form,
                )
                for n, (instruction, executor, form) in enumerate(chosen, 1)
            )
            result = words.majority.format(f=counts[0], a=counts[1], ab=counts[2])
            decisions.append(
                DecisionLine(first, text, True, counts, result, instructions=instructions)
            )
            roll_calls.append(RollCall(number, first, text, rows))
            if kind == 2:  # a second decision, counted by a show of hands without names
                second = f"{number}.2"
                _rows, counts = _votes(words, present_names, number + 1, tie=False)
                result = words.majority.format(f=counts[0], a=counts[1], ab=counts[2])
                decisions.append(DecisionLine(second, words.send_decision, True, counts, result))
                roll_calls.append(
                    RollCall(number, second, words.send_decision, (), counts_only=True)
                )
        sections.append(
            ItemSection(
                number=number,
                title=agenda[number - 1],
                heard=heard,
                heard_summary=words.heard_summary,
                spoke=spoke,
                spoke_summary=words.spoke_summary,
                decisions=tuple(decisions),
            )
        )

    return ProtocolSnapshot(
        lang=lang,
        labels=dict(LABELS[lang]),
        council_name=words.council,
        title=words.title.format(number=NUMBER),
        number=NUMBER,
        city=words.city,
        date_text=legal_date_plain(MEETING_DAY, lang),
        time_text=words.time,
        place=words.place,
        presiding=words.presiding.format(name=names[0], position=positions[0]),
        present=present,
        present_count=count_line,
        quorum=quorum_line,
        invited=invited,
        absent=absent,
        agenda=agenda,
        items=tuple(sections),
        roll_calls=tuple(roll_calls),
        dissents=tuple(dissents),
        signatures=(
            SignatureBlock(words.signature_roles[0], _short_name(names[0], lang), positions[0]),
            SignatureBlock(words.signature_roles[1], _short_name(names[2], lang), positions[2]),
        ),
        recommendations_note=words.recommendations if recommendations else "",
        revision_note=words.revision if revision else "",
        document_date="2026-11-27T09:30:00+00:00",
    )
