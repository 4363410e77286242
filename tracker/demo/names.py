"""Small vocabularies the demo world is built from: object names, streets, villages, firms.

Names follow the way akimats list objects in Kazakh and Russian. Streets and the usual village
names are real and common across the region; the firms are invented.
"""

from dataclasses import dataclass

from tracker.domain.enums import Ownership, Sector

C, R, P, OTHER = Ownership.COMMUNAL, Ownership.REPUBLICAN, Ownership.PRIVATE, Ownership.OTHER

#: Where a kind of object stands: ``city`` only in towns of oblast significance, ``centre`` in
#: a city or a district's admin centre, ``village`` only in villages, ``any`` everywhere.
SCOPES = ("any", "centre", "city", "village")


@dataclass(frozen=True)
class Template:
    """A kind of object; ``once`` means at most one per locality (one district hospital)."""

    weight: int
    kk: str
    ru: str
    ownership: Ownership = C
    scope: str = "any"
    once: bool = False


#: Placeholders: {n} a number; {v_kk}/{v_ru} the village; {A}/{a}/{An} Аудандық/аудандық/Аудан
#: or Қалалық/қалалық/Қала; {Rf}/{rf}/{Rm}/{rm} Районная/районная/Районный/районный (or the
#: городск- forms); {rg} района/города; {brand} a shop or kindergarten name.
TEMPLATES: dict[Sector, tuple[Template, ...]] = {
    Sector.EDUCATION: (
        Template(12, "№{n} жалпы білім беретін мектеп", "Общеобразовательная школа №{n}"),
        Template(3, "№{n} мектеп-гимназия", "Школа-гимназия №{n}", scope="centre"),
        Template(2, "№{n} мектеп-лицей", "Школа-лицей №{n}", scope="city"),
        Template(5, "{v_kk} ауылының орта мектебі", "Средняя школа села {v_ru}", scope="village", once=True),
        Template(2, "{v_kk} ауылының бастауыш мектебі", "Начальная школа села {v_ru}", scope="village", once=True),
        Template(7, "№{n} «{brand}» бөбекжай-бақшасы", "Ясли-сад №{n} «{brand}»"),
        Template(1, "Балалар өнер мектебі", "Детская школа искусств", scope="centre", once=True),
        Template(1, "Балалар музыка мектебі", "Детская музыкальная школа", scope="centre", once=True),
        Template(1, "Оқушылар үйі", "Дом школьников", scope="centre", once=True),
        Template(1, "Аграрлық-техникалық колледж", "Аграрно-технический колледж", scope="centre", once=True),
        Template(1, "Жоғары политехникалық колледж", "Высший политехнический колледж", scope="city", once=True),
        Template(
            1,
            "Психологиялық-медициналық-педагогикалық кеңес",
            "Психолого-медико-педагогическая консультация",
            scope="centre",
            once=True,
        ),
    ),
    Sector.HEALTH: (
        Template(3, "{A} орталық аурухана", "Центральная {rf} больница", scope="centre", once=True),
        Template(3, "{A} емхана", "{Rf} поликлиника", scope="centre", once=True),
        Template(3, "№{n} қалалық емхана", "Городская поликлиника №{n}", scope="city"),
        Template(1, "Перзентхана", "Родильный дом", scope="city", once=True),
        Template(1, "Стоматологиялық емхана", "Стоматологическая поликлиника", scope="centre", once=True),
        Template(3, "№{n} отбасылық дәрігерлік амбулатория", "Семейная врачебная амбулатория №{n}"),
        Template(
            4,
            "{v_kk} ауылының дәрігерлік амбулаториясы",
            "Врачебная амбулатория села {v_ru}",
            scope="village",
            once=True,
        ),
        Template(
            4,
            "{v_kk} ауылының фельдшерлік-акушерлік пункті",
            "Фельдшерско-акушерский пункт села {v_ru}",
            scope="village",
            once=True,
        ),
        Template(2, "{v_kk} ауылының медициналық пункті", "Медицинский пункт села {v_ru}", scope="village", once=True),
    ),
    Sector.CULTURE: (
        Template(3, "{A} мәдениет үйі", "{Rm} дом культуры", scope="centre", once=True),
        Template(4, "{v_kk} ауылдық мәдениет үйі", "Сельский дом культуры села {v_ru}", scope="village", once=True),
        Template(3, "{v_kk} ауылдық клубы", "Сельский клуб села {v_ru}", scope="village", once=True),
        Template(2, "{A} орталық кітапхана", "Центральная {rf} библиотека", scope="centre", once=True),
        Template(3, "№{n} кітапхана-филиалы", "Библиотека-филиал №{n}"),
        Template(1, "Балалар кітапханасы", "Детская библиотека", scope="centre", once=True),
        Template(1, "Тарихи-өлкетану музейі", "Историко-краеведческий музей", scope="centre", once=True),
        Template(1, "Концерт залы", "Концертный зал", scope="city", once=True),
    ),
    Sector.SPORT: (
        Template(
            3, "Балалар-жасөспірімдер спорт мектебі", "Детско-юношеская спортивная школа", scope="centre", once=True
        ),
        Template(3, "№{n} дене шынықтыру-сауықтыру кешені", "Физкультурно-оздоровительный комплекс №{n}"),
        Template(2, "Орталық стадион", "Центральный стадион", scope="centre", once=True),
        Template(2, "Спорт кешені", "Спортивный комплекс", scope="centre", once=True),
        Template(2, "{v_kk} ауылының спорт залы", "Спортивный зал села {v_ru}", scope="village", once=True),
        Template(1, "Жүзу бассейні", "Плавательный бассейн", scope="city", once=True),
    ),
    Sector.SOCIAL_PROTECTION: (
        Template(
            2,
            "Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі",
            "Отдел занятости и социальных программ",
            scope="centre",
            once=True,
        ),
        Template(2, "Халықты жұмыспен қамту орталығы", "Центр занятости населения", scope="centre", once=True),
        Template(3, "№{n} үйде әлеуметтік көмек көрсету бөлімшесі", "Отделение социальной помощи на дому №{n}"),
        Template(1, "Ардагерлер үйі", "Дом ветеранов", scope="centre", once=True),
        Template(1, "Күндізгі болу орталығы", "Центр дневного пребывания", scope="centre", once=True),
        Template(1, "Әлеуметтік бейімдеу орталығы", "Центр социальной адаптации", scope="city", once=True),
    ),
    Sector.PUBLIC_ADMINISTRATION: (
        Template(3, "{An} әкімінің аппараты", "Аппарат акима {rg}", scope="centre", once=True),
        Template(
            5,
            "{v_kk} ауылдық округі әкімінің аппараты",
            "Аппарат акима сельского округа {v_ru}",
            scope="village",
            once=True,
        ),
        Template(1, "{A} мәслихат", "{Rm} маслихат", scope="centre", once=True),
        Template(1, "Полиция бөлімі", "Отдел полиции", R, scope="centre", once=True),
        Template(1, "{A} сот", "{Rm} суд", R, scope="centre", once=True),
        Template(
            1, "Мемлекеттік кірістер басқармасы", "Управление государственных доходов", R, scope="centre", once=True
        ),
        Template(2, "№{n} учаскелік полиция пункті", "Участковый пункт полиции №{n}", R),
    ),
    Sector.PUBLIC_SERVICE_CENTRE: (
        Template(
            4,
            "{A} халыққа қызмет көрсету орталығы (ХҚКО)",
            "{Rm} центр обслуживания населения (ЦОН)",
            R,
            scope="centre",
            once=True,
        ),
        Template(3, "ХҚКО-ның №{n} бөлімі", "Отдел ЦОН №{n}", R),
        Template(
            2, "{v_kk} ауылындағы ХҚКО бөлімшесі", "Сельское отделение ЦОН села {v_ru}", R, scope="village", once=True
        ),
    ),
    Sector.POST_BANK: (
        Template(5, "«Қазпошта» АҚ №{n} байланыс бөлімшесі", "Отделение почтовой связи №{n} АО «Казпочта»", OTHER),
        Template(2, "«Halyk Bank» АҚ бөлімшесі", "Отделение АО «Halyk Bank»", P, scope="centre", once=True),
        Template(1, "«Kaspi Bank» АҚ бөлімшесі", "Отделение АО «Kaspi Bank»", P, scope="centre", once=True),
        Template(1, "«Отбасы банк» АҚ бөлімшесі", "Отделение АО «Отбасы банк»", OTHER, scope="centre", once=True),
    ),
    Sector.TRANSPORT: (
        Template(3, "Автовокзал", "Автовокзал", P, scope="centre", once=True),
        Template(1, "Темір жол вокзалы", "Железнодорожный вокзал", R, scope="centre", once=True),
        Template(3, "{v_kk} ауылының автостанциясы", "Автостанция села {v_ru}", P, scope="village", once=True),
        Template(4, "№{n} қоғамдық көлік аялдамасы", "Остановка общественного транспорта №{n}"),
    ),
    Sector.TRADE_SERVICES: (
        Template(3, "«{brand}» сауда орталығы", "Торговый центр «{brand}»", P, scope="centre"),
        Template(3, "№{n} дәріхана", "Аптека №{n}", P),
        Template(2, "Орталық базар", "Центральный рынок", P, scope="centre", once=True),
        Template(2, "«{brand}» қонақ үйі", "Гостиница «{brand}»", P, scope="centre"),
        Template(2, "«{brand}» азық-түлік дүкені", "Продуктовый магазин «{brand}»", P),
        Template(1, "«{brand}» дәмханасы", "Кафе «{brand}»", P, scope="centre"),
        Template(2, "№{n} қоғамдық монша", "Общественная баня №{n}", scope="centre"),
        Template(1, "Коммуналдық базар", "Коммунальный рынок", scope="village", once=True),
        Template(1, "№{n} тұрмыстық қызмет көрсету пункті", "Пункт бытового обслуживания №{n}"),
    ),
    Sector.HOUSING: (
        Template(5, "№{n} көппәтерлі тұрғын үй", "Многоквартирный жилой дом №{n}", OTHER, scope="centre"),
        Template(2, "№{n} коммуналдық жалға берілетін тұрғын үй", "Коммунальный арендный дом №{n}"),
    ),
    Sector.OTHER: (
        Template(2, "Орталық мешіт", "Центральная мечеть", OTHER, scope="centre", once=True),
        Template(2, "Орталық саябақ", "Центральный парк", scope="centre", once=True),
        Template(2, "№{n} қоғамдық дәретхана", "Общественный туалет №{n}"),
        Template(1, "{v_kk} ауылының мешіті", "Мечеть села {v_ru}", OTHER, scope="village", once=True),
    ),
}

#: Sector shares of the programme's lists: schools and clinics first; shops, services and apartment
#: blocks too, as the ministry's passport survey of Almaty city found (demo shares, not its figures).
SECTOR_WEIGHTS: tuple[tuple[Sector, int], ...] = (
    (Sector.EDUCATION, 31),
    (Sector.HEALTH, 22),
    (Sector.CULTURE, 12),
    (Sector.SPORT, 9),
    (Sector.SOCIAL_PROTECTION, 7),
    (Sector.PUBLIC_ADMINISTRATION, 7),
    (Sector.PUBLIC_SERVICE_CENTRE, 4),
    (Sector.POST_BANK, 4),
    (Sector.TRANSPORT, 2),
    (Sector.TRADE_SERVICES, 4),
    (Sector.HOUSING, 2),
    (Sector.OTHER, 1),
)

LEVEL_WORDS = {
    "district": {
        "A": "Аудандық",
        "a": "аудандық",
        "An": "Аудан",
        "Rf": "Районная",
        "rf": "районная",
        "Rm": "Районный",
        "rm": "районный",
        "rg": "района",
    },
    "city": {
        "A": "Қалалық",
        "a": "қалалық",
        "An": "Қала",
        "Rf": "Городская",
        "rf": "городская",
        "Rm": "Городской",
        "rm": "городской",
        "rg": "города",
    },
}

BRANDS = (
    "Балапан",
    "Айгөлек",
    "Ақбота",
    "Болашақ",
    "Құлыншақ",
    "Еркетай",
    "Балдырған",
    "Шұғыла",
    "Береке",
    "Достық",
    "Мерей",
    "Арай",
    "Сәуле",
    "Нұрлы",
    "Самал",
    "Жұлдыз",
)

STREETS = (
    "Абай",
    "Қонаев",
    "Төле би",
    "Жамбыл",
    "Әуезов",
    "Сейфуллин",
    "Қабанбай батыр",
    "Райымбек",
    "Абылай хан",
    "Желтоқсан",
    "Тәуелсіздік",
    "Бөкейхан",
    "Момышұлы",
    "Жансүгіров",
    "Уәлиханов",
    "Сүйінбай",
    "Амангелді",
    "Мәметова",
    "Гагарин",
    "Достық",
)
AVENUES = ("Абай", "Тәуелсіздік", "Достық", "Қонаев", "Абылай хан", "Жансүгіров")

#: Common village names of the region (kk, ru); a district draws a few of them.
VILLAGES: tuple[tuple[str, str], ...] = (
    ("Жаңаталап", "Жанаталап"),
    ("Ақжар", "Акжар"),
    ("Көктөбе", "Коктобе"),
    ("Ақсай", "Аксай"),
    ("Бірлік", "Бирлик"),
    ("Береке", "Береке"),
    ("Қарабұлақ", "Карабулак"),
    ("Ынтымақ", "Ынтымак"),
    ("Қызылағаш", "Кызылагаш"),
    ("Ақтоған", "Актоган"),
    ("Талапты", "Талапты"),
    ("Көкжар", "Кокжар"),
    ("Алғабас", "Алгабас"),
    ("Жаңажол", "Жанажол"),
    ("Сарыбұлақ", "Сарыбулак"),
    ("Қаракемер", "Каракемер"),
    ("Шұбар", "Шубар"),
    ("Бесқайнар", "Бескайнар"),
    ("Қайнар", "Кайнар"),
    ("Теректі", "Теректи"),
    ("Ақши", "Акши"),
    ("Малыбай", "Малыбай"),
    ("Көкөзек", "Кокозек"),
    ("Жетіген", "Жетыген"),
)

#: Admin centres of the default region: villages (ауыл) are written "а.", towns "қ.".
VILLAGE_CENTRES = (
    "Бақанас",
    "Ұзынағаш",
    "Кеген",
    "Нарынқол",
    "Шонжы",
    "Өтеген батыр",
    "Жансүгіров",
    "Қарабұлақ",
    "Сарыөзек",
    "Балпық би",
)

FIRM_STEMS = (
    "Жетісу",
    "Алатау",
    "Іле",
    "Береке",
    "Нұр",
    "Ақ Жол",
    "Қайнар",
    "Самал",
    "Бірлік",
    "Шұғыла",
    "Арман",
    "Сапа",
    "Талап",
    "Мерей",
    "Тұран",
    "Көксу",
)
FIRM_TAILS = (
    "Құрылыс",
    "СтройСервис",
    "Строй",
    "Монтаж",
    "Инжиниринг",
    "Құрылыс-Сервис",
    "Build",
    "Group",
    "Жөндеу",
    "СтройИнвест",
)
TAXI_STEMS = ("Мейірім", "Қамқор", "Сенім", "Жетісу", "Алатау", "Көмек")
