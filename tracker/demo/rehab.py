"""The rehabilitation centres named in the seed article (Almaty oblast, 2021), placed in their towns."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.district import District
from tracker.domain.enums import RehabKind, RehabStatus, TargetGroup
from tracker.domain.rehab import RehabCenter

SEED = "seed article on the programme in Almaty oblast (2021)"
ASSUMED = "demo assumptions"
A_KIND = "kind of service (stationary, day care, outpatient) not stated by the seed"
A_GROUPS = "target groups not stated by the seed"
A_TOWN = "town not stated by the seed: the district centre"
A_VILLAGE_POINT = "point in the village approximate"
A_BEGAN_2023 = "construction began in 2023"
A_OPENED_END_2021 = "opened at the end of 2021, as planned"
A_OPENED_EARLY_2022 = "opened early in 2022"
A_OPENED_2022 = "opened in 2022"
A_OPENED_2022_PLANNED = "opened in 2022, as planned"
A_WING_2022 = "the new wing opened in 2022"
A_OPENED_2023 = "opened in 2023"
A_REPAIR_2023 = "capital repair finished in 2023"
#: Every assumption phrase, for the catalogue test.
ASSUMPTIONS = (
    A_KIND,
    A_GROUPS,
    A_TOWN,
    A_VILLAGE_POINT,
    A_BEGAN_2023,
    A_OPENED_END_2021,
    A_OPENED_EARLY_2022,
    A_OPENED_2022,
    A_OPENED_2022_PLANNED,
    A_WING_2022,
    A_OPENED_2023,
    A_REPAIR_2023,
)
K, G, St = RehabKind, TargetGroup, RehabStatus


@dataclass(frozen=True)
class SeedCentre:
    """One row of DOMAIN.md's table, with the demo's call on what happened after 2021."""

    name: str
    kind: RehabKind
    groups: tuple[TargetGroup, ...]
    places: int | None
    seed_status: str  # what the seed article said in 2021
    status_2021: RehabStatus
    status: RehabStatus  # the demo's status from ``since`` on
    since: int
    opening_year: int | None
    kato: str
    lat: float
    lon: float
    operator: str
    budget: Decimal | None = None
    #: What the demo supposes beyond the seed: each an English phrase the catalogue translates (``sources.seed.*``).
    assumptions: tuple[str, ...] = ()


OBLAST_ALMATY = "Алматы облысы жұмыспен қамту және әлеуметтік бағдарламалар басқармасы"
OBLAST_ZHETYSU = "Жетісу облысы жұмыспен қамту және әлеуметтік бағдарламалар басқармасы"

# Several centres share Taldykorgan: small fixed offsets (≤1 km) keep their markers apart.
# Points are checked against the geokz outlines: Tekeli's 44.830/78.823 falls just inside
# Eskeldi there, so its centre sits by the catalogue's Tekeli point; Karakystak's approximate
# 43.30/75.95 is moved 7 km toward Uzynagash to stay within the demo spread of Zhambyl district.
SEED_CENTRES: tuple[SeedCentre, ...] = (
    SeedCentre(
        name="Талдықорған қаласындағы мүгедектігі бар адамдарды оңалту орталығы",
        kind=K.STATIONARY,
        groups=(G.ADULTS, G.CHILDREN),
        places=150,
        seed_status="new build, republican budget, design documents, planned for 2022",
        status_2021=St.PLANNED,
        status=St.UNDER_CONSTRUCTION,
        since=2023,
        opening_year=None,
        kato="331000000",
        lat=45.021,
        lon=78.381,
        operator=OBLAST_ZHETYSU,
        assumptions=(A_BEGAN_2023, A_KIND),
    ),
    SeedCentre(
        name="Аутизм және психикалық бұзылыстары бар балалар орталығы («Қамқорлық» қоры), Талдықорған",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN, G.AUTISM, G.PSYCHONEUROLOGICAL),
        places=50,
        seed_status="purchased building, planned",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="331000000",
        lat=45.009,
        lon=78.366,
        operator="«Қамқорлық» қоры",
        assumptions=(A_OPENED_2022, A_KIND),
    ),
    SeedCentre(
        name="Үшарал қаласындағы балаларды оңалту орталығы (Алакөл ауданы)",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN,),
        places=50,
        seed_status="purchased building, 80 mln ₸, planned for 2022",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="333400000",
        lat=46.169,
        lon=80.939,
        operator="Алакөл ауданының әкімдігі",
        budget=Decimal("80000000.00"),
        assumptions=(A_OPENED_2022_PLANNED, A_KIND, A_TOWN),
    ),
    SeedCentre(
        name="«Аяла» арнаулы әлеуметтік қызметтер көрсету орталығының жаңа корпусы (Талғар)",
        kind=K.STATIONARY,
        groups=(G.CHILDREN, G.PSYCHONEUROLOGICAL),
        places=50,
        seed_status="new wing under construction",
        status_2021=St.UNDER_CONSTRUCTION,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="196200000",
        lat=43.303,
        lon=77.240,
        operator=OBLAST_ALMATY,
        assumptions=(A_WING_2022, A_KIND, A_GROUPS),
    ),
    SeedCentre(
        name="Қонаев (Қапшағай) арнаулы әлеуметтік қызметтер көрсету орталығының ересектерді оңалту бөлімшесі",
        kind=K.DAY_CARE,
        groups=(G.ADULTS,),
        places=50,
        seed_status="unit, planned",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2023,
        opening_year=2023,
        kato="191000000",
        lat=43.867,
        lon=77.064,
        operator=OBLAST_ALMATY,
        assumptions=(A_OPENED_2023, A_KIND),
    ),
    SeedCentre(
        name="«Қаратал» күндізгі болу орталығының балаларды оңалту бөлімшесі (Үштөбе)",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN,),
        places=50,
        seed_status="unit, planned for the end of 2021",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="334400000",
        lat=45.251,
        lon=77.980,
        operator="Қаратал ауданының әкімдігі",
        assumptions=(A_OPENED_EARLY_2022, A_KIND, A_TOWN),
    ),
    SeedCentre(
        name="Сарқан қаласындағы балаларды оңалту бөлімшесі",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN,),
        places=40,
        seed_status="unit, planned for the end of 2021",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2021,
        kato="334800000",
        lat=45.412,
        lon=79.916,
        operator="Сарқан ауданының әкімдігі",
        assumptions=(A_OPENED_END_2021, A_KIND),
    ),
    SeedCentre(
        name="Қарақыстақ ауылындағы психоневрологиялық орталық (Жамбыл ауданы)",
        kind=K.STATIONARY,
        groups=(G.PSYCHONEUROLOGICAL, G.ADULTS),
        places=180,
        seed_status="capital repair, planned for 2022",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2023,
        opening_year=None,
        kato="194200000",
        lat=43.28,
        lon=76.03,
        operator=OBLAST_ALMATY,
        assumptions=(A_REPAIR_2023, A_KIND, A_VILLAGE_POINT),
    ),
    SeedCentre(
        name="«Шапағат» қарттар мен мүгедектігі бар адамдарға арналған орталық (Текелі)",
        kind=K.STATIONARY,
        groups=(G.ELDERLY, G.ADULTS),
        places=None,
        seed_status="operating since 1991",
        status_2021=St.OPERATING,
        status=St.OPERATING,
        since=1991,
        opening_year=1991,
        kato="331800000",
        lat=44.843,
        lon=78.829,
        operator=OBLAST_ZHETYSU,
        assumptions=(A_KIND,),
    ),
    SeedCentre(
        name="«Бәйтерек» күндізгі болу орталығы (Талдықорған)",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN, G.ADULTS),
        places=None,
        seed_status="operating since 2006",
        status_2021=St.OPERATING,
        status=St.OPERATING,
        since=2006,
        opening_year=2006,
        kato="331000000",
        lat=45.018,
        lon=78.362,
        operator="Талдықорған қаласының әкімдігі",
        assumptions=(A_KIND, A_GROUPS),
    ),
    SeedCentre(
        name="«Тең Қоғам» орталығы: жұмысқа орналастыру, психологиялық және құқықтық көмек (Талдықорған)",
        kind=K.OUTPATIENT,
        groups=(G.ADULTS,),
        places=None,
        seed_status="employment, psychological and legal help, planned for the end of 2021",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="331000000",
        lat=45.012,
        lon=78.379,
        operator="«Тең Қоғам» қоғамдық бірлестігі",
        assumptions=(A_OPENED_2022, A_KIND),
    ),
)


def rehab_centres(districts: Sequence[District], as_of: date) -> list[RehabCenter]:
    """Every seed centre whose district is among ``districts``, with its demo status as of ``as_of``."""
    present = {d.kato for d in districts}
    out = []
    for i, c in enumerate(SEED_CENTRES, start=1):
        if c.kato not in present:
            continue
        later = as_of.year >= c.since
        status = c.status if later else c.status_2021
        opening_year = c.opening_year if status == RehabStatus.OPERATING else None
        assumed = [a for a in c.assumptions if later or a in (A_KIND, A_GROUPS, A_TOWN, A_VILLAGE_POINT)]
        note = f"; {ASSUMED}: {'; '.join(assumed)}" if assumed else ""
        out.append(
            RehabCenter(
                external_id=f"DEMO-REHAB-{i:02d}",
                name=c.name,
                kind=c.kind,
                target_groups=list(c.groups),
                places=c.places,
                status=status,
                opening_year=opening_year,
                budget=c.budget,
                district_kato=c.kato,
                lat=c.lat,
                lon=c.lon,
                operator=c.operator,
                source=f"{SEED}: {c.seed_status}{note}",
                demo=True,
            )
        )
    return out
