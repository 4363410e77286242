"""Vocabularies of the programme: sectors, measures, stages, passport states and the like.

Values are stable ASCII identifiers stored in the database and exports; what a person reads
comes from the i18n catalogues (``tracker.i18n``), keyed on these values.
"""

from enum import StrEnum


class Sector(StrEnum):
    EDUCATION = "education"
    HEALTH = "health"
    SOCIAL_PROTECTION = "social_protection"
    CULTURE = "culture"
    SPORT = "sport"
    PUBLIC_ADMINISTRATION = "public_administration"
    PUBLIC_SERVICE_CENTRE = "public_service_centre"
    TRANSPORT = "transport"
    POST_BANK = "post_bank"
    TRADE_SERVICES = "trade_services"
    HOUSING = "housing"
    OTHER = "other"


class Measure(StrEnum):
    RAMP = "ramp"
    HANDRAILS = "handrails"
    LIFT = "lift"
    DOORWAYS = "doorways"
    TACTILE_PAVING = "tactile_paving"
    ACCESSIBLE_TOILET = "accessible_toilet"
    PARKING = "parking"
    SIGNAGE_BRAILLE = "signage_braille"
    SOUND_LIGHT_SIGNALS = "sound_light_signals"
    INDUCTION_LOOP = "induction_loop"
    CALL_BUTTON = "call_button"
    CONTRAST_MARKING = "contrast_marking"


class FundingSource(StrEnum):
    LOCAL = "local"
    REPUBLICAN = "republican"
    SPONSOR = "sponsor"
    NATIONAL_FUND = "national_fund"
    OWN_FUNDS = "own_funds"


class Ownership(StrEnum):
    REPUBLICAN = "republican"
    COMMUNAL = "communal"
    PRIVATE = "private"
    OTHER = "other"


class Stage(StrEnum):
    PLANNED = "planned"
    DESIGN_ESTIMATE = "design_estimate"
    PROCUREMENT = "procurement"
    IN_WORKS = "in_works"
    COMPLETED = "completed"
    ACCEPTED = "accepted"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class LocationPrecision(StrEnum):
    """How exactly an object's point is known: its own coordinates, its settlement, or only its district."""

    EXACT = "exact"
    SETTLEMENT = "settlement"
    DISTRICT = "district"


#: The main line of a project, in order; postponed and cancelled stand beside it.
MAIN_LINE: tuple[Stage, ...] = (
    Stage.PLANNED,
    Stage.DESIGN_ESTIMATE,
    Stage.PROCUREMENT,
    Stage.IN_WORKS,
    Stage.COMPLETED,
    Stage.ACCEPTED,
)


class DisabilityCategory(StrEnum):
    """Categories of the accessibility passport; ``code`` is the letter used on passports."""

    WHEELCHAIR = "wheelchair"
    MOBILITY = "mobility"
    VISION = "vision"
    HEARING = "hearing"
    INTELLECTUAL = "intellectual"

    @property
    def code(self) -> str:
        return _CATEGORY_CODES[self]


_CATEGORY_CODES = {
    DisabilityCategory.WHEELCHAIR: "К",
    DisabilityCategory.MOBILITY: "О",
    DisabilityCategory.VISION: "С",
    DisabilityCategory.HEARING: "Г",
    DisabilityCategory.INTELLECTUAL: "У",
}


class PassportState(StrEnum):
    """State of an object for one category, best first; ``code`` is the passport abbreviation."""

    FULL = "DP"
    PARTIAL = "DCH"
    CONDITIONAL = "DU"
    NONE = "VND"

    @property
    def code(self) -> str:
        return _STATE_CODES[self]

    @property
    def rank(self) -> int:
        """0 for fully accessible, 3 for not accessible: lower is better."""
        return list(PassportState).index(self)

    @classmethod
    def from_code(cls, text: str) -> "PassportState":
        """Read ``ДП``/``DP``/``full`` (any case) as a state."""
        wanted = text.strip().casefold()
        for state in cls:
            if wanted in (state.value.casefold(), state.code.casefold(), state.name.casefold()):
                return state
        raise ValueError(f"unknown passport state {text!r}; expected one of ДП, ДЧ, ДУ, ВНД")


_STATE_CODES = {
    PassportState.FULL: "ДП",
    PassportState.PARTIAL: "ДЧ",
    PassportState.CONDITIONAL: "ДУ",
    PassportState.NONE: "ВНД",
}


class RehabKind(StrEnum):
    STATIONARY = "stationary"
    DAY_CARE = "day_care"
    HOME_BASED = "home_based"
    OUTPATIENT = "outpatient"


class TargetGroup(StrEnum):
    CHILDREN = "children"
    ADULTS = "adults"
    ELDERLY = "elderly"
    PSYCHONEUROLOGICAL = "psychoneurological"
    AUTISM = "autism"


class RehabStatus(StrEnum):
    OPERATING = "operating"
    UNDER_CONSTRUCTION = "under_construction"
    PLANNED = "planned"


class RefusalReason(StrEnum):
    NO_VEHICLE = "no_vehicle"
    OUTSIDE_AREA = "outside_area"
    LATE_BOOKING = "late_booking"
    NOT_ELIGIBLE = "not_eligible"
    OTHER = "other"
