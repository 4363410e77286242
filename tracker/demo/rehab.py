"""The rehabilitation centres named in the seed article (Almaty oblast, 2021), placed in their towns."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.district import District
from tracker.domain.enums import RehabKind, RehabStatus, TargetGroup
from tracker.domain.rehab import RehabCenter

SEED = "seed article on the programme in Almaty oblast (2021)"
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
    assumption: str = ""


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
        seed_status="new build, republican budget, design documents; planned 2022",
        status_2021=St.PLANNED,
        status=St.UNDER_CONSTRUCTION,
        since=2023,
        opening_year=None,
        kato="331000000",
        lat=45.021,
        lon=78.381,
        operator=OBLAST_ZHETYSU,
        assumption="assumed: construction began 2023",
    ),
    SeedCentre(
        name="Аутизм және психикалық бұзылыстары бар балалар орталығы («Қамқорлық» қоры), Талдықорған",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN, G.AUTISM, G.PSYCHONEUROLOGICAL),
        places=50,
        seed_status="purchased building; planned",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="331000000",
        lat=45.009,
        lon=78.366,
        operator="«Қамқорлық» қоры",
        assumption="assumed: opened 2022",
    ),
    SeedCentre(
        name="Үшарал қаласындағы балаларды оңалту орталығы (Алакөл ауданы)",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN,),
        places=50,
        seed_status="purchased building, 80 mln ₸; planned 2022",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="333400000",
        lat=46.169,
        lon=80.939,
        operator="Алакөл ауданының әкімдігі",
        budget=Decimal("80000000.00"),
        assumption="assumed: opened 2022 as planned",
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
        assumption="assumed: wing opened 2022; target groups assumed",
    ),
    SeedCentre(
        name="Қонаев (Қапшағай) арнаулы әлеуметтік қызметтер көрсету орталығының ересектерді оңалту бөлімшесі",
        kind=K.DAY_CARE,
        groups=(G.ADULTS,),
        places=50,
        seed_status="unit; planned (opened later)",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2023,
        opening_year=2023,
        kato="191000000",
        lat=43.867,
        lon=77.064,
        operator=OBLAST_ALMATY,
        assumption="assumed: opened 2023",
    ),
    SeedCentre(
        name="«Қаратал» күндізгі болу орталығының балаларды оңалту бөлімшесі (Үштөбе)",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN,),
        places=50,
        seed_status="unit; planned end-2021",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="334400000",
        lat=45.251,
        lon=77.980,
        operator="Қаратал ауданының әкімдігі",
        assumption="assumed: opened early 2022",
    ),
    SeedCentre(
        name="Сарқан қаласындағы балаларды оңалту бөлімшесі",
        kind=K.DAY_CARE,
        groups=(G.CHILDREN,),
        places=40,
        seed_status="unit; planned end-2021",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2021,
        kato="334800000",
        lat=45.412,
        lon=79.916,
        operator="Сарқан ауданының әкімдігі",
        assumption="assumed: opened end-2021 as planned",
    ),
    SeedCentre(
        name="Қарақыстақ ауылындағы психоневрологиялық орталық (Жамбыл ауданы)",
        kind=K.STATIONARY,
        groups=(G.PSYCHONEUROLOGICAL, G.ADULTS),
        places=180,
        seed_status="capital repair; planned 2022",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2023,
        opening_year=None,
        kato="194200000",
        lat=43.28,
        lon=76.03,
        operator=OBLAST_ALMATY,
        assumption="assumed: repair finished 2023; village point approximate, nudged toward Ұзынағаш",
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
        assumption="target groups assumed",
    ),
    SeedCentre(
        name="«Тең Қоғам» орталығы: жұмысқа орналастыру, психологиялық және құқықтық көмек (Талдықорған)",
        kind=K.OUTPATIENT,
        groups=(G.ADULTS,),
        places=None,
        seed_status="employment, psychological and legal help; planned end-2021",
        status_2021=St.PLANNED,
        status=St.OPERATING,
        since=2022,
        opening_year=2022,
        kato="331000000",
        lat=45.012,
        lon=78.379,
        operator="«Тең Қоғам» қоғамдық бірлестігі",
        assumption="assumed: opened 2022",
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
        note = f" ({c.assumption})" if c.assumption and later else ""
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
                source=f"{SEED}: {c.seed_status}. Demo status as of {as_of.isoformat()}: {status.value}{note}",
                demo=True,
            )
        )
    return out
