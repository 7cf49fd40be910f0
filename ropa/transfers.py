"""Where each vendor keeps the data and what leaves the EEA: the record's vendors and transfers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ropa.model import Location, ProcessorDecl
from ropa.recordmodel import Activity, CodeLocation, RecordTransfer, Storage, Transfer, Vendor
from ropa.registry import Place, resolve_region, transfer_safeguard
from ropa.registry import Vendor as VendorEntry

if TYPE_CHECKING:
    from ropa.record import Project
    from ropa.roles import Reporter


def code_locations(locations: Iterable[Location]) -> tuple[CodeLocation, ...]:
    """Each declaring line once, in path and line order."""
    unique = sorted({(loc.path, loc.line) for loc in locations})
    return tuple(CodeLocation(path=p, line=n) for p, n in unique)


class Places:
    """A vendor keeps the data where the project's region says (a processor marker's region=,
    else ``vendors.KEY.region`` in ropa.yaml); transfers follow that place, and a head office
    outside the EEA is still named as a possible access."""

    def __init__(self, project: Project, report: Reporter) -> None:
        self.project = project
        self.report = report
        self.countries = project.countries
        # region= of processor markers: by (activity, vendor) they are linked to, and by
        # vendor for every marker (unlinked ones included), for the vendor's storage places.
        self._regions: dict[tuple[str, str], list[ProcessorDecl]] = {}
        self._vendor_regions: dict[str, list[ProcessorDecl]] = {}
        self._places: dict[tuple[str, str], Place | tuple[str, str]] = {}
        self._reported: set[tuple[str, str, Location]] = set()

    def declare(self, decl: ProcessorDecl, activities: Sequence[str]) -> None:
        """Remember the region= of a processor marker, for the activities it is linked to."""
        if decl.region is None:
            return
        self._vendor_regions.setdefault(decl.vendor, []).append(decl)
        for name in activities:
            self._regions.setdefault((name, decl.vendor), []).append(decl)

    def place(self, vendor: str, code: str, location: Location) -> Place | None:
        """The place a region code names, or None after reporting ROPA104 at ``location``."""
        found = self._places.get((vendor, code))
        if found is None:
            found = resolve_region(vendor, code, self.project.regions, self.countries)
            self._places[(vendor, code)] = found
        if isinstance(found, Place):
            return found
        message, hint = found
        if (vendor, code, location) not in self._reported:
            self._reported.add((vendor, code, location))
            self.report.emit("ROPA104", f"processor '{vendor}': {message}", location, hint)
        return None

    def default_place(self, vendor: VendorEntry) -> Place | None:
        """Where ``vendors.KEY.region`` (ropa.yaml, or the registry) keeps the vendor's data."""
        if vendor.region is None:
            return None
        at = self.report.config_location(f"vendors.{vendor.key}.region", f"vendors.{vendor.key}")
        return self.place(vendor.key, vendor.region, at)

    def places_for(self, vendor: VendorEntry, activity: str | None) -> list[Place]:
        """The places of one vendor for one activity (None: for any use of it)."""
        decls = (
            self._regions.get((activity, vendor.key), [])
            if activity is not None
            else self._vendor_regions.get(vendor.key, [])
        )
        found = [self.place(vendor.key, d.region, d.location) for d in decls if d.region]
        places = [p for p in found if p is not None]
        if not decls or activity is None:
            default = self.default_place(vendor)
            places += [default] if default is not None else []
        return sorted(set(places), key=lambda p: (p.country, p.region))

    def vendor_transfers(self, vendor: VendorEntry, activity: str | None) -> list[Transfer]:
        """The transfers that giving this vendor data for ``activity`` makes.

        Without a known place the vendor's own country is where the data goes (``vendor``).
        With one, each place outside the EEA is a transfer (``storage``), and the head office,
        when it is outside the EEA and not among the places, a ``possible access``: staff
        and the parent company's legal obligations can reach data kept in the region.
        """
        countries = self.countries
        places = self.places_for(vendor, activity)
        out = []
        for place in places:
            safeguard = transfer_safeguard(vendor, countries, place.country)
            if safeguard != "eea":
                out.append(self.transfer(vendor.key, place.country, safeguard, "storage", place))
        head = vendor.country
        if head not in countries.eea and head not in {p.country for p in places}:
            nature = "access" if places else "vendor"
            out.append(
                self.transfer(vendor.key, head, transfer_safeguard(vendor, countries), nature)
            )
        return out

    def controller_transfer(self) -> list[Transfer]:
        """A controller established outside the EEA receives every activity's data itself.

        Data it collects directly is processed where it is established; the record states it
        as a transfer, with the adequacy decision where one covers that country fully.
        """
        country = self.project.config.controller.get("country")
        if not country or country in self.countries.eea:
            return []
        decision = self.countries.adequacy.get(country)
        safeguard = "adequacy" if decision is not None and decision.scope == "full" else None
        return [self.transfer(None, country, safeguard, "controller")]

    def transfer(
        self,
        vendor: str | None,
        country: str,
        safeguard: str | None,
        nature: str,
        place: Place | None = None,
    ) -> Transfer:
        """One transfer: ``nature`` is storage (in a region), access (from the head office),
        vendor (the vendor's own country, no region known) or controller (we are outside the
        EEA)."""
        return Transfer.model_validate(
            {
                "vendor": vendor,
                "country": country,
                "country_name": self.countries.name(country),
                "safeguard": safeguard,
                "nature": nature,
                "region": place.region if place else None,
                "city": place.city if place else None,
            }
        )

    def storage(self, vendor: VendorEntry, activities: Sequence[Activity]) -> list[Storage]:
        """Where a vendor keeps the data, over every use of it (empty: no region declared)."""
        places = set(self.places_for(vendor, None))
        for a in activities:
            places.update(self.places_for(vendor, a.name))
        return [
            Storage(
                region=p.region,
                country=p.country,
                country_name=self.countries.name(p.country),
                city=p.city,
            )
            for p in sorted(places, key=lambda p: (p.country, p.region))
        ]

    def vendors(
        self,
        activities: Sequence[Activity],
        receipts: Mapping[str, list[ProcessorDecl]],
        named: Mapping[str, frozenset[str]] | None = None,
    ) -> list[Vendor]:
        """Every vendor an activity names or a processor marker declares, with what it
        receives, for which activities, where it keeps it and under which safeguard.

        ``named``: the vendors each activity names in its own ``processors=``; such a vendor
        receives all of the activity's data, a vendor only a marker links receives what the
        marker's ``data=`` says."""
        named = named or {}
        known = self.project.vendors
        used: dict[str, list[Activity]] = {}
        for a in activities:
            for key in a.processors:
                if key in known:
                    used.setdefault(key, []).append(a)
        for key in receipts:
            used.setdefault(key, [])
        out = []
        for key in sorted(used):
            vendor = known[key]
            declared = receipts.get(key, [])
            data = {d for p in declared for d in p.data}
            # A marker's data= says what the vendor receives for the activities it joins,
            # unless the activity names the vendor itself: then, and for any activity whose
            # markers say no data=, the vendor receives all of the activity's data.
            told = {
                name
                for p in declared
                if p.data
                for name in ([p.activity] if p.activity else p.joins)
                if key not in named.get(name, frozenset())
            }
            data |= {d for a in used[key] if a.name not in told for d in a.data_categories}
            purposes = sorted({p.purpose for p in declared if p.purpose})
            moves = [t for a in used[key] for t in self.vendor_transfers(vendor, a.name)]
            moves = moves if used[key] else self.vendor_transfers(vendor, None)
            if vendor.role == "processor" and not vendor.dpa:
                # Where the dpa is to be written: the vendor's entry in ropa.yaml when it has
                # one, else the first place that uses the vendor: its own processor markers,
                # or the declarations of the activities naming it (not another vendor's
                # marker that joined one of them by activity=).
                others = {
                    (p.location.path, p.location.line)
                    for k, ps in receipts.items()
                    if k != key
                    for p in ps
                }
                places = [loc for a in used[key] for loc in a.locations]
                places = [loc for loc in places if (loc.path, loc.line) not in others] or places
                first = [p.location for p in declared] + [
                    Location(path=loc.path, line=loc.line, column=1) for loc in places
                ]
                entry = f"vendors.{key}"
                if entry in self.project.config.lines or not first:
                    where = self.report.config_location(entry, "vendors")
                else:
                    where = min(first)
                self.report.gap(
                    "art28_3_dpa",
                    "no data processing agreement (dpa) is recorded for this processor",
                    where,
                    vendor=key,
                    hint=f"add dpa: URL of the agreement (the vendor's published one, or your "
                    f"signed copy's address) to vendors: {key} in ropa.yaml",
                )
            out.append(
                Vendor.model_validate(
                    {
                        **vendor.as_json(),
                        "country_name": self.countries.name(vendor.country),
                        # What the vendor does for us, then what each disclosure adds to it.
                        "purposes": _purposes(vendor.services, purposes),
                        "safeguard": moves[0].safeguard if moves else None,
                        "storage": self.storage(vendor, used[key]),
                        "data_categories": sorted(data),
                        "activities": sorted(a.name for a in used[key]),
                        "locations": code_locations(p.location for p in declared),
                    }
                )
            )
        return out

    def transfers(self, activities: Sequence[Activity]) -> list[RecordTransfer]:
        """The record's transfers: each (vendor, country, nature, region) once, with the
        activities that make it and the adequacy decision covering the country."""
        by_vendor: dict[tuple[str, str, str, str], tuple[Transfer, list[str]]] = {}
        for a in activities:
            for t in a.transfers:
                key = (t.vendor or "", t.country, t.nature, t.region or "")
                by_vendor.setdefault(key, (t, []))[1].append(a.name)
        return [
            RecordTransfer(
                **dict(by_vendor[k][0]),
                adequacy_decision=self.adequacy(by_vendor[k][0].country),
                activities=tuple(by_vendor[k][1]),
            )
            for k in sorted(by_vendor)
        ]

    def adequacy(self, country: str) -> str | None:
        decision = self.countries.adequacy.get(country)
        return decision.decided.isoformat() if decision else None


def _purposes(services: str, declared: Sequence[str]) -> list[str]:
    """What a vendor does for us, then what each disclosure adds to it: a purpose that only
    repeats words already listed ("Error tracking" beside the registry's "Error tracking and
    performance monitoring") adds nothing and is left out."""
    out = [services]
    for purpose in declared:
        if not any(purpose.casefold() in listed.casefold() for listed in out):
            out.append(purpose)
    return out
