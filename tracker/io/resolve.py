"""The district a row is filed in, from everything the row says — never a silent choice.

A row may give a KATO code, a district name, an oblast, stand under a section row, and carry a
point. Each is read on its own (``tracker.io.places``); the district is the one they all agree
on. An oblast alone is never a district; a code and a name that disagree, an oblast that does
not hold the district, a point outside the stated district are errors showing both sides; an old
code or a former name is read as today's district with a note; a code reused since (191000000:
Taldykorgan until June 2022, Қонаев today) needs the name to decide.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from tracker.io.districts import DistrictMatcher
from tracker.io.places import Named, Places, split_code
from tracker.io.problems import Severity

NO_POINT = "-"  # the row has no coordinates (``point`` None means: coordinates in no district)


@dataclass(frozen=True)
class Said:
    """What one row says about its place."""

    kato: str | None = None
    district: str | None = None
    oblast: str | None = None
    section_district: str | None = None  # KATO of the district section above the row
    section_oblast: str | None = None  # oblast (English name) of the oblast section above
    section_row: str = ""
    section_sector: Enum | None = None  # a sector section («Білім беру») gives the rows under it a sector
    point: str | None = NO_POINT  # KATO of the district holding the row's point


@dataclass(frozen=True)
class Finding:
    key: str  # the column it is about: district_kato, district, oblast, lat
    value: str
    code: str
    params: dict = field(default_factory=dict)
    severity: Severity = Severity.ERROR


@dataclass
class Resolved:
    kato: str | None = None
    how: str | None = None  # code, name, old_code, former_name, section, point, confirmed
    findings: list[Finding] = field(default_factory=list)

    def fail(self, key: str, value: str, code: str, **params) -> "Resolved":
        self.findings.append(Finding(key, value, code, params))
        self.kato = None
        return self

    def note(self, key: str, value: str, code: str, **params) -> None:
        self.findings.append(Finding(key, value, code, params, Severity.NOTE))


class Resolver:
    def __init__(self, matcher: DistrictMatcher, places: Places | None = None):
        self.matcher = matcher
        self.places = places or Places(list(matcher.by_kato.values()))

    def district_label(self, kato: str) -> dict[str, str]:
        return self.matcher.labels(kato)

    def oblast_label(self, oblast_en: str) -> dict[str, str]:
        d = next((d for d in self.matcher.by_kato.values() if d.oblast_en == oblast_en), None)
        return {lang: d.oblast(lang) for lang in ("kk", "ru", "en")} if d else {"en": oblast_en}

    def _oblast(self, said: Said, out: Resolved) -> str | None:
        if not said.oblast:
            return said.section_oblast
        found = self.places.oblast(said.oblast)
        if len(found) != 1:
            out.fail("oblast", said.oblast, "unknown_oblast")
            return None
        return found[0]

    def resolve(
        self, said: Said, near: Callable[[str], bool] | None = None, confirmed: dict[str, str] | None = None
    ) -> Resolved:
        """The district of a row; ``near(kato)`` says whether the row's point lies in (or by) that district."""
        out = Resolved()
        oblast = self._oblast(said, out)
        if out.findings:
            return out
        kato, name = said.kato, said.district
        if name:
            name, code_in_name = split_code(name)
            kato = kato or code_in_name
        named = self.places.name(name) if name else Named()
        if name and named.oblasts and not named.districts:
            # «Алматы облысы» in the district column: the oblast, and no district yet.
            if oblast and oblast not in named.oblasts:
                return out.fail("district", name, "oblast_disagree_names", stated=self.oblast_label(oblast))
            oblast = oblast or (named.oblasts[0] if len(named.oblasts) == 1 else None)
            named, name = Named(), None
            oblast_only = said.district
        else:
            oblast_only = None
        if kato:
            self._by_code(out, kato, name, named, confirmed)
        elif name:
            self._by_name(out, name, named, oblast, said, confirmed)
        elif said.section_district:
            out.kato, out.how = said.section_district, "section"
            out.note("district", "", "note_section", row=said.section_row, today=self.district_label(out.kato))
        elif said.point not in (NO_POINT, None):
            out.kato, out.how = said.point, "point"
            out.note("lat", "", "note_point", today=self.district_label(out.kato))
        elif oblast_only:
            return out.fail(
                "district",
                oblast_only,
                "oblast_only",
                written=oblast_only,
                oblast=self.oblast_label(oblast) if oblast else "",
            )
        elif said.point is None:
            return out  # coordinates in no district: the point check reports it
        else:
            return out.fail("district", "", "no_district")
        if out.kato is None:
            return out
        self._agree(out, oblast, said, near)
        return out

    def _by_code(self, out: Resolved, kato: str, name: str | None, named: Named, confirmed) -> None:
        changes = self.places.changes
        live = kato in self.matcher.by_kato
        moved = changes.for_code(kato)
        wanted = set(named.districts)
        if name and not wanted and not named.oblasts:
            match = self.matcher.match(name, None, confirmed)
            wanted = {match.kato} if match.kato else set()
        if live and not changes.reused(kato):
            if name and wanted and kato not in wanted:
                out.fail(
                    "district_kato",
                    kato,
                    "kato_name_disagree",
                    by_code=self.district_label(kato),
                    by_name=self._labels(wanted),
                )
                return
            out.kato, out.how = kato, "code"
            return
        targets = [r for r in moved if r.today is not None]
        if live:
            # A code that meant another place before: only the name can tell which one the row means.
            if name and kato in wanted:
                out.kato, out.how = kato, "code"
                return
            hit = [r for r in targets if r.kato in wanted]
            if len(hit) == 1:
                self._old_code(out, kato, hit[0])
                return
            former = targets[0] if targets else None
            out.fail(
                "district_kato",
                kato,
                "kato_reused",
                written=kato,
                today=self.district_label(kato),
                former=self.district_label(former.kato) if former else "",
                old=former.change.old_name_ru if former else "",
                date=str(former.change.date or "") if former else "",
            )
            return
        if len(targets) != 1:
            out.fail("district_kato", kato, "unknown_district")
            return
        target = targets[0]
        if name and wanted and target.kato not in wanted:
            out.fail(
                "district_kato",
                kato,
                "kato_name_disagree",
                by_code=self.district_label(target.kato),
                by_name=self._labels(wanted),
            )
            return
        self._old_code(out, kato, target)

    def _old_code(self, out: Resolved, kato: str, target) -> None:
        out.kato, out.how = target.kato, "old_code"
        out.note(
            "district_kato",
            kato,
            "note_old_code",
            old=kato,
            former=target.change.old_name_ru,
            date=str(target.change.date or ""),
            today=self.district_label(target.kato),
        )

    def _labels(self, katos) -> dict[str, str]:
        labels = [self.district_label(k) for k in sorted(katos)]
        return {lang: "; ".join(label[lang] for label in labels) for lang in ("kk", "ru", "en")}

    def _by_name(self, out: Resolved, name: str, named: Named, oblast: str | None, said: Said, confirmed) -> None:
        found = list(named.districts)
        if oblast and len(found) > 1:
            found = [k for k in found if self.places.in_oblast(k, oblast)] or found
        if len(found) > 1 and said.section_district in found:
            found = [said.section_district]
        if len(found) > 1 and said.point in found:
            found = [said.point]
        if len(found) == 1 and (not named.oblasts or oblast or said.section_district or said.point == found[0]):
            out.kato = found[0]
            out.how = "former_name" if found[0] in named.former else "name"
            if out.how == "former_name":
                out.note("district", name, "note_former_name", old=name, today=self.district_label(out.kato))
            return
        if found or named.oblasts:
            candidates = [self.district_label(k)["ru"] for k in found] + [
                self.oblast_label(o)["ru"] for o in named.oblasts
            ]
            out.fail("district", name, "ambiguous_district", candidates="; ".join(candidates))
            return
        match = self.matcher.match(name, oblast, confirmed)
        if match.kato:
            out.kato, out.how = match.kato, "confirmed" if confirmed and name in confirmed else "name"
        elif match.guess:
            out.findings.append(
                Finding(
                    "district",
                    name,
                    "district_guess",
                    {"guess": self.district_label(match.guess), "kato": match.guess},
                    Severity.CONFIRM,
                )
            )
        elif match.ambiguous:
            out.fail("district", name, "ambiguous_district", candidates=", ".join(match.ambiguous))
        else:
            out.fail("district", name, "unknown_district")

    def _agree(self, out: Resolved, oblast: str | None, said: Said, near: Callable[[str], bool] | None) -> None:
        kato = out.kato
        district = self.matcher.by_kato[kato]
        if oblast and not self.places.in_oblast(kato, oblast):
            out.fail(
                "oblast",
                said.oblast or "",
                "oblast_disagree",
                district=self.district_label(kato),
                stated=self.oblast_label(oblast),
            )
            return
        if oblast and district.oblast_en != oblast:
            out.note("oblast", said.oblast or "", "note_former_oblast", district=self.district_label(kato))
        if said.section_district and said.section_district != kato and out.how != "section":
            out.fail(
                "district",
                said.district or "",
                "section_disagree",
                district=self.district_label(kato),
                section=self.district_label(said.section_district),
                row=said.section_row,
            )
            return
        if said.point in (NO_POINT, None) or out.how == "point" or near is None:
            return
        if said.point != kato and not near(kato):
            out.findings.append(
                Finding(
                    "lat",
                    "",
                    "district_mismatch",
                    {
                        "actual": self.district_label(said.point),
                        "stated": self.district_label(kato),
                        "kato": said.point,
                    },
                )
            )
            out.kato = None
