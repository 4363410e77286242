"""Stage colours from the Okabe–Ito palette, which stays distinguishable with colour blindness."""

from tracker.domain.enums import Stage

STAGE_COLOURS: dict[Stage, str] = {
    Stage.PLANNED: "#999999",
    Stage.DESIGN_ESTIMATE: "#F0E442",
    Stage.PROCUREMENT: "#E69F00",
    Stage.IN_WORKS: "#56B4E9",
    Stage.COMPLETED: "#0072B2",
    Stage.ACCEPTED: "#009E73",
    Stage.POSTPONED: "#CC79A7",
    Stage.CANCELLED: "#000000",
}
