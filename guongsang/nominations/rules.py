"""The rule engine: plain functions, no I/O. They take a campaign's rules and a nominee's (or a
unit's) facts and return findings, each with a code, a severity, a Vietnamese explanation naming
the rule and the plan's wording, and the data it used.

Severities: BLOCK stops submission; WARN is shown but lets it through; REVIEW is for the reviewer
(no record can decide it, so it is listed, never guessed).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from guongsang.lib.deadlines import days_late, is_late

BLOCK, WARN, REVIEW = "block", "warn", "review"
COLLECTIVE, INDIVIDUAL, MODEL = "collective", "individual", "model"
KIND_NAMES = {COLLECTIVE: "tập thể", INDIVIDUAL: "cá nhân", MODEL: "mô hình"}
GRADE_RANK = {"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1}
GRADE_NAMES = {
    "HTXSNV": "hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "hoàn thành tốt nhiệm vụ",
    "HTNV": "hoàn thành nhiệm vụ",
    "KHTNV": "không hoàn thành nhiệm vụ",
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    data: Mapping = field(default_factory=dict)
    # A finding that tells a person's grades is personal data (guongsang/accounts/personal.py): `public`
    # is its verdict without them, for whoever may not see them.
    private: bool = False
    public: str = ""

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK


# -- what the rules are ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaSpec:
    unit_kind: str  # code
    unit_kind_name: str
    mode: str  # "and" | "either" | "total"
    collectives: int = 0
    individuals: int = 0
    models: int = 0
    min_total: int | None = None
    max_total: int | None = None
    bonus_threshold: int | None = None
    bonus_individuals: int = 0
    wording: str = ""  # the plan's own words, when it has them
    described: str = ""  # the rule in a sentence, as the plan writes it or as QuotaRule.describe words it


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    nominee_kind: str
    text: str
    check: str
    params: Mapping = field(default_factory=dict)
    group: str = ""


@dataclass(frozen=True)
class DossierSpec:
    id: int
    document: str
    nominee_kinds: tuple[str, ...]
    copies: int = 1
    file_required: bool = True


@dataclass(frozen=True)
class DeadlineSpec:
    what: str
    due_at: dt.datetime
    refuse_late: bool


# -- what the records say -------------------------------------------------------------------------


@dataclass(frozen=True)
class HonorFact:
    year: int
    form: str
    granted_by: str
    own: bool  # granted by the nominating unit itself (its own chi bộ / đảng bộ)


@dataclass(frozen=True)
class NomineeFacts:
    kind: str
    name: str
    ratings: Mapping[int, str] = field(default_factory=dict)  # year -> grade of the subject
    honors: Sequence[HonorFact] = ()
    summary: str = ""
    achievements_from: dt.date | None = None
    achievements_to: dt.date | None = None
    uploaded: frozenset[int] = frozenset()  # ids of dossier requirements with a file


@dataclass(frozen=True)
class UnitFacts:
    kind: str
    kind_name: str
    name: str
    party_members: int | None = None


# -- quotas ---------------------------------------------------------------------------------------


def quota_for(rules: Iterable[QuotaSpec], unit_kind: str) -> QuotaSpec | None:
    for rule in rules:
        if rule.unit_kind == unit_kind:
            return rule
    return None


def allowance(rule: QuotaSpec, party_members: int | None) -> dict[str, int]:
    """How many of each kind the unit may propose, bonus included."""
    bonus = rule.bonus_individuals if rule.bonus_threshold and (party_members or 0) >= rule.bonus_threshold else 0
    return {COLLECTIVE: rule.collectives, INDIVIDUAL: rule.individuals + bonus, MODEL: rule.models}


def _total_places(rule: QuotaSpec, limits: Mapping[str, int]) -> tuple[list[str], int, int]:
    """For a rule "so many in total": the kinds counted, the places for them, and the bonus places, which
    are for individuals only, on top of the maximum (or of the kinds' sum)."""
    counted = [k for k in (COLLECTIVE, INDIVIDUAL, MODEL) if limits[k]] or [COLLECTIVE, INDIVIDUAL]
    base = rule.max_total if rule.max_total is not None else rule.collectives + rule.individuals + rule.models
    return counted, base, limits[INDIVIDUAL] - rule.individuals


def check_quota(rules: Sequence[QuotaSpec], unit: UnitFacts, counts: Mapping[str, int]) -> list[Finding]:
    """Findings for a unit's whole set of nominations (counts by nominee kind)."""
    rule = quota_for(rules, unit.kind)
    total = sum(counts.values())
    if rule is None:
        if total:
            return [
                Finding(
                    "quota.no_rule",
                    BLOCK,
                    f"Kế hoạch không giao chỉ tiêu đề nghị cho {unit.kind_name.lower()}; {unit.name} không "
                    "đề nghị được.",
                    {"unit_kind": unit.kind},
                )
            ]
        return []
    wording = f" (kế hoạch: “{rule.wording}”)" if rule.wording else ""
    limits = allowance(rule, unit.party_members)
    used = {k: counts.get(k, 0) for k in (COLLECTIVE, INDIVIDUAL, MODEL)}
    data = {"allowed": limits, "proposed": used, "mode": rule.mode, "party_members": unit.party_members}
    findings: list[Finding] = []
    if rule.mode == "total":
        counted, base, bonus = _total_places(rule, limits)
        in_total = sum(used[k] for k in counted)
        others = [k for k in (COLLECTIVE, INDIVIDUAL, MODEL) if k not in counted and used[k]]
        not_individuals = in_total - (used[INDIVIDUAL] if INDIVIDUAL in counted else 0)
        if in_total > base + bonus or not_individuals > base:
            extra = f"; thêm {bonus} cá nhân khi từ {rule.bonus_threshold} đảng viên" if bonus else ""
            findings.append(
                Finding(
                    "quota.exceeded",
                    BLOCK,
                    f"{unit.name} đề nghị {in_total} {', '.join(KIND_NAMES[k] for k in counted)}, "
                    f"vượt chỉ tiêu tối đa {base}{extra}{wording}.",
                    data,
                )
            )
        for k in others:
            findings.append(
                Finding(
                    "quota.kind_not_allowed",
                    BLOCK,
                    f"Chỉ tiêu của {unit.name} không có {KIND_NAMES[k]}{wording}.",
                    data,
                )
            )
        if rule.min_total and 0 < in_total < rule.min_total:
            findings.append(
                Finding(
                    "quota.below_minimum",
                    WARN,
                    f"{unit.name} mới đề nghị {in_total}, chỉ tiêu từ {rule.min_total}{wording}.",
                    data,
                )
            )
        return findings
    for k in (COLLECTIVE, INDIVIDUAL, MODEL):
        if used[k] > limits[k]:
            extra = ""
            if k == INDIVIDUAL and rule.bonus_threshold:
                extra = (
                    f"; đơn vị có {unit.party_members or 0} đảng viên (thêm {rule.bonus_individuals} cá nhân "
                    f"khi từ {rule.bonus_threshold} đảng viên)"
                )
            findings.append(
                Finding(
                    "quota.exceeded",
                    BLOCK,
                    f"{unit.name} đề nghị {used[k]} {KIND_NAMES[k]}, chỉ tiêu là {limits[k]}{extra}{wording}.",
                    data,
                )
            )
    if rule.mode == "either" and used[COLLECTIVE] and used[INDIVIDUAL]:
        findings.append(
            Finding(
                "quota.either",
                BLOCK,
                f"{unit.name} chỉ được đề nghị tập thể hoặc cá nhân, không được cả hai{wording}.",
                data,
            )
        )
    return findings


def remaining(rules: Sequence[QuotaSpec], unit: UnitFacts, counts: Mapping[str, int]) -> dict[str, int]:
    """Places still open per kind (for the form to say what is left)."""
    rule = quota_for(rules, unit.kind)
    if rule is None:
        return {COLLECTIVE: 0, INDIVIDUAL: 0, MODEL: 0}
    limits = allowance(rule, unit.party_members)
    if rule.mode == "total":
        counted, base, bonus = _total_places(rule, limits)
        in_total = sum(counts.get(k, 0) for k in counted)
        not_individuals = in_total - (counts.get(INDIVIDUAL, 0) if INDIVIDUAL in counted else 0)
        any_left = max(0, base + bonus - in_total)
        return {
            k: (any_left if k == INDIVIDUAL else min(any_left, max(0, base - not_individuals))) if k in counted else 0
            for k in (COLLECTIVE, INDIVIDUAL, MODEL)
        }
    left = {k: max(0, limits[k] - counts.get(k, 0)) for k in limits}
    if rule.mode == "either" and (counts.get(COLLECTIVE) or counts.get(INDIVIDUAL)):
        blocked = INDIVIDUAL if counts.get(COLLECTIVE) else COLLECTIVE
        left[blocked] = 0
    return left


# -- criteria -------------------------------------------------------------------------------------


def _years(params: Mapping) -> range:
    return range(int(params["from_year"]), int(params["to_year"]) + 1)


def _grade_verdict(name: str, rule: str) -> str:
    """A failed grade criterion told without the grades, for whoever may not see them."""
    return f"{name} không đạt {rule} (xếp loại chưa đủ mức; người đứng đầu đơn vị xem chi tiết)."


def _criterion(c: CriterionSpec, nominee: NomineeFacts) -> Finding | None:
    """None when the criterion is met; otherwise a BLOCK (not met) or REVIEW (undecidable) finding."""
    rule = f"tiêu chuẩn “{c.text}”"
    p = c.params
    personal = nominee.kind == INDIVIDUAL  # a person's grades are personal data; a unit's are not
    if c.check == "min_grade_each_year":
        floor = p["grade"]
        missing = [y for y in _years(p) if y not in nominee.ratings]
        below = {
            y: nominee.ratings[y]
            for y in _years(p)
            if y in nominee.ratings and GRADE_RANK[nominee.ratings[y]] < GRADE_RANK[floor]
        }
        data = {"required": floor, "years": list(_years(p)), "ratings": dict(nominee.ratings), "below": below}
        if below:
            years = ", ".join(f"năm {y}: {g}" for y, g in sorted(below.items()))
            return Finding(
                "criterion.grade",
                BLOCK,
                f"{nominee.name} không đạt {rule}: cần {GRADE_NAMES[floor]} trở lên mọi năm "
                f"{p['from_year']}–{p['to_year']}, nhưng {years}.",
                data,
                private=personal,
                public=_grade_verdict(nominee.name, rule),
            )
        if missing:
            return Finding(
                "criterion.grade_missing",
                REVIEW,
                f"Chưa có dữ liệu xếp loại năm {', '.join(map(str, missing))} của {nominee.name} để xét "
                f"{rule}; thẩm định viên xác minh.",
                data,
                private=personal,
                public=f"Chưa đủ dữ liệu xếp loại của {nominee.name} để xét {rule}; thẩm định viên xác minh.",
            )
        return None
    if c.check == "unit_grade_in_year":
        grade, year = p["grade"], int(p["year"])
        actual = nominee.ratings.get(year)
        data = {"required": grade, "year": year, "actual": actual}
        if actual is None:
            return Finding(
                "criterion.grade_missing",
                REVIEW,
                f"Chưa có dữ liệu xếp loại năm {year} của {nominee.name} để xét {rule}.",
                data,
                private=personal,
                public=f"Chưa đủ dữ liệu xếp loại của {nominee.name} để xét {rule}.",
            )
        if GRADE_RANK[actual] < GRADE_RANK[grade]:
            return Finding(
                "criterion.grade",
                BLOCK,
                f"{nominee.name} không đạt {rule}: năm {year} được xếp loại {actual}, cần {grade}.",
                data,
                private=personal,
                public=_grade_verdict(nominee.name, rule),
            )
        return None
    if c.check == "own_honor_each_year":
        honored = {h.year for h in nominee.honors if h.own}
        missing = [y for y in _years(p) if y not in honored]
        data = {"years": list(_years(p)), "honored": sorted(honored)}
        if missing:
            return Finding(
                "criterion.own_honor",
                BLOCK,
                f"{nominee.name} không đạt {rule}: chưa được đơn vị khen thưởng năm {', '.join(map(str, missing))}.",
                data,
            )
        return None
    if c.check == "higher_honor":
        found = [h for h in nominee.honors if not h.own and h.year in _years(p)]
        data = {"years": list(_years(p)), "found": [f"{h.form} của {h.granted_by} ({h.year})" for h in found]}
        if not found:
            return Finding(
                "criterion.higher_honor",
                BLOCK,
                f"{nominee.name} không đạt {rule}: không có khen thưởng của cấp trên trong "
                f"{p['from_year']}–{p['to_year']}.",
                data,
            )
        return None
    if c.check == "achievement_window":
        start, end = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])
        data = {
            "window": [p["start"], p["end"]],
            "from": str(nominee.achievements_from or ""),
            "to": str(nominee.achievements_to or ""),
        }
        if nominee.achievements_from is None or nominee.achievements_to is None:
            return Finding(
                "criterion.window_missing", BLOCK, f"Chưa nhập thời gian của thành tích (theo {rule}).", data
            )
        if nominee.achievements_from < start or nominee.achievements_to > end:
            return Finding(
                "criterion.window",
                BLOCK,
                f"Thành tích từ {nominee.achievements_from:%d/%m/%Y} đến {nominee.achievements_to:%d/%m/%Y} "
                f"nằm ngoài khoảng {start:%d/%m/%Y}–{end:%d/%m/%Y} ({rule}).",
                data,
            )
        return None
    if c.check == "summary_max_chars":
        limit = int(p["max_chars"])
        length = len(unicodedata.normalize("NFC", nominee.summary).strip())  # letters, however they were typed
        data = {"max_chars": limit, "length": length}
        if length > limit:
            return Finding(
                "criterion.summary_length",
                BLOCK,
                f"Tóm tắt thành tích dài {length} ký tự, vượt {limit} ký tự ({rule}); hãy rút gọn "
                f"{length - limit} ký tự.",
                data,
            )
        return None
    return Finding("criterion.reviewer", REVIEW, f"Thẩm định viên đánh giá {rule}.", {"criterion": c.id})


def check_criteria(criteria: Iterable[CriterionSpec], nominee: NomineeFacts) -> list[Finding]:
    findings: list[Finding] = []
    groups: dict[str, list[tuple[CriterionSpec, Finding | None]]] = {}
    for c in criteria:
        if c.nominee_kind != nominee.kind:
            continue
        result = _criterion(c, nominee)
        if c.group:
            groups.setdefault(c.group, []).append((c, result))
        elif result is not None:
            findings.append(result)
    for members in groups.values():
        results = [r for _c, r in members]
        if any(r is None for r in results):
            continue  # one of the group is met
        texts = "; ".join(f"“{c.text}”" for c, _r in members)
        data = {"group": [dict(r.data) | {"code": r.code} for r in results if r]}
        if any(r.severity == REVIEW for r in results if r):
            findings.append(
                Finding(
                    "criterion.any_of_review",
                    REVIEW,
                    f"Cần đạt một trong các tiêu chuẩn {texts}: dữ liệu chưa đủ để kết luận, thẩm định viên xác minh.",
                    data,
                )
            )
        else:
            findings.append(
                Finding(
                    "criterion.any_of",
                    BLOCK,
                    f"{nominee.name} không đạt tiêu chuẩn nào trong số {texts} (chỉ cần một).",
                    data,
                )
            )
    return findings


# -- dossier and deadline -------------------------------------------------------------------------


def check_dossier(requirements: Iterable[DossierSpec], nominee: NomineeFacts) -> list[Finding]:
    findings = []
    for r in requirements:
        if nominee.kind in r.nominee_kinds and r.file_required and r.id not in nominee.uploaded:
            copies = f"; nộp kèm {r.copies:02d} bản giấy" if r.copies else ""
            findings.append(
                Finding(
                    "dossier.missing",
                    BLOCK,
                    f"Thiếu tệp “{r.document}”{copies}.",
                    {"requirement": r.id, "copies": r.copies},
                )
            )
    return findings


def past_deadline(deadline: DeadlineSpec | None, now: dt.datetime) -> bool:
    """Deadlines are kept to the second: "23:59:59" is on time until 00:00:00 of the next day."""
    return deadline is not None and is_late(deadline.due_at, now)


def check_deadline(deadline: DeadlineSpec | None, now: dt.datetime) -> list[Finding]:
    if deadline is None or not past_deadline(deadline, now):
        return []
    days = days_late(deadline.due_at, now)
    due = deadline.due_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    data = {"due_at": deadline.due_at.isoformat(), "late_days": days}
    if deadline.refuse_late:
        return [
            Finding(
                "deadline.refused",
                BLOCK,
                f"Đã quá hạn “{deadline.what}” ({due:%H:%M} ngày {due:%d/%m/%Y}); theo kế hoạch, hồ sơ gửi "
                "sau thời hạn không được xem xét.",
                data,
            )
        ]
    return [
        Finding(
            "deadline.late",
            WARN,
            f"Nộp muộn {days} ngày so với hạn “{deadline.what}” "
            f"({due:%H:%M} ngày {due:%d/%m/%Y}); hồ sơ được nhận và ghi là nộp muộn.",
            data,
        )
    ]


def check_nomination(
    *,
    criteria: Iterable[CriterionSpec],
    dossier: Iterable[DossierSpec],
    deadline: DeadlineSpec | None,
    nominee: NomineeFacts,
    now: dt.datetime,
) -> list[Finding]:
    """Everything about one nominee: criteria, dossier, deadline (the quota is a unit-set check)."""
    return [*check_criteria(criteria, nominee), *check_dossier(dossier, nominee), *check_deadline(deadline, now)]


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocks]
