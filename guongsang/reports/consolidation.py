"""The consolidated report: for each outline section, a draft assembled from the accepted unit
reports — sentences in tree order, repetitions merged, the section's figures aggregated — in which
every sentence keeps the unit reports it came from. The manager edits it in the report editor; it
renders as a Party document, and can be sent up as this unit's report in the parent campaign."""

from __future__ import annotations

import difflib
import re
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can
from guongsang.campaigns.models import Campaign, Indicator, OutlineSection, Participation
from guongsang.campaigns.permissions import can_manage_campaign
from guongsang.lib.text import fold, nfc
from guongsang.lib.typing import Actor
from guongsang.reports import services
from guongsang.reports.aggregation import Aggregation, aggregate, consolidated_values
from guongsang.reports.models import Report, SectionAnswer

_SENTENCE_GAP = re.compile(r"(?<=[.!?…;])\s+")
SIMILAR = 0.9


class ConsolidationError(ValidationError):
    """A refused consolidation or roll-up; the message says why, in Vietnamese."""


def sentences(text: str) -> list[str]:
    """The sentences of a report text: each paragraph (or list item) split after . ! ? ; …"""
    out = []
    for line in services.plain_lines(text):
        item = line.startswith("- ")
        body = line[2:] if item else line
        start = 0
        body = body.strip()
        for gap in _SENTENCE_GAP.finditer(body):
            following = body[gap.end() :].lstrip('"“(')
            if following[:1].isupper() or following[:1].isdigit():  # a new sentence starts
                out.append(body[start : gap.start()].strip())
                start = gap.end()
        if body[start:].strip():
            out.append(body[start:].strip())
    return out


def sentence_key(sentence: str) -> str:
    """A sentence compared without case, accents and punctuation."""
    return re.sub(r"[^\w ]+", "", fold(sentence)).strip()


UNIT = "\x00"  # stands for the writing unit's own name in a sentence's key
CREDITED = 3  # a sentence from at most this many units (and fewer than half) names them
_DIGITS = re.compile(r"\d+")


def draft_section(
    answers: list[tuple[int, str, str]],
    figures: list[tuple[str, list[int], list[str]]],
    *,
    seen: dict[str, dict] | None = None,
    reporting: int | None = None,
) -> tuple[str, list[dict]]:
    """Text and sources of one section from (report id, unit name, text) in tree order.

    A sentence several units wrote (or nearly: 90 % alike, with the same figures) appears once, with all
    of them as sources; a unit writing its own name ("Đảng bộ xã Lát đã quán triệt …") counts as the
    same sentence. A sentence already used in an earlier section (`seen`, shared across sections) is not
    repeated. What one or a few of the `reporting` units wrote names them; what most wrote is stated for
    all. (build_draft collects every section before writing any, so a sentence's sources are complete
    before it is worded.)
    """
    items = collect_section(answers, seen)
    total = reporting if reporting is not None else len({a[0] for a in answers})
    return finish_section(items, figures, total)


def collect_section(answers: list[tuple[int, str, str]], seen: dict[str, dict] | None = None) -> list[dict]:
    """The section's sentences merged across units, not yet worded: each {"pattern", "reports",
    "units"}; a sentence said under an earlier section adds its writers to that section's item."""
    seen = {} if seen is None else seen
    merged: list[dict] = []
    keys: list[str] = []
    for report_id, unit_name, text in answers:
        for sentence in sentences(text):
            own = sentence.replace(unit_name, UNIT) if unit_name else sentence
            key = sentence_key(own.replace(UNIT, "đơn vị"))
            if not key:
                continue
            earlier = seen.get(key)
            if earlier is not None and earlier not in merged:
                _add_source(earlier, report_id, unit_name)  # written under an earlier section: said there
                continue
            match = next((i for i, other in enumerate(keys) if _same(other, key)), None)
            if match is None:
                keys.append(key)
                item = {"pattern": own, "reports": [report_id], "units": [unit_name]}
                merged.append(item)
                seen[key] = item
            else:
                _add_source(merged[match], report_id, unit_name)
    return merged


def _same(one: str, other: str) -> bool:
    """The same sentence: equal, or 90 % alike with the same figures ("12 đảng viên" is not "2")."""
    if one == other:
        return True
    if _DIGITS.findall(one) != _DIGITS.findall(other) or abs(len(one) - len(other)) >= 0.2 * len(other):
        return False
    return difflib.SequenceMatcher(None, one, other).ratio() >= SIMILAR


def finish_section(
    items: list[dict], figures: list[tuple[str, list[int], list[str]]], reporting: int
) -> tuple[str, list[dict]]:
    """The section's text and sources: each collected sentence worded for who wrote it, then the figures."""
    sources = [
        {
            "sentence": _credited(item["pattern"], item["units"], reporting),
            "reports": item["reports"],
            "units": item["units"],
        }
        for item in items
    ]
    for line, report_ids, units in figures:
        sources.append({"sentence": line, "reports": report_ids, "units": units, "figure": True})
    return "\n".join(item["sentence"] for item in sources), sources


def _add_source(item: dict, report_id: int, unit_name: str) -> None:
    if report_id not in item["reports"]:
        item["reports"].append(report_id)
        item["units"].append(unit_name)


def _names(units: list[str]) -> str:
    return units[0] if len(units) == 1 else f"{', '.join(units[:-1])} và {units[-1]}"


def _credited(pattern: str, units: list[str], reporting: int) -> str:
    """The sentence as the consolidated report says it: the unit's own name replaced by who wrote it;
    a sentence from a few units credited to them in brackets."""
    if UNIT in pattern:
        who = _names(units) if len(units) <= CREDITED else f"{len(units)} đơn vị"
        return pattern.replace(UNIT, who)
    if reporting > 1 and len(units) <= CREDITED and len(units) * 2 < reporting:
        body, end = (pattern[:-1], pattern[-1]) if pattern[-1:] in ".!?;…" else (pattern, ".")
        if end == "…":
            body, end = pattern, "."
        return f"{body} ({_names(units)}){end}"
    return pattern


def _figure_lines(aggregation: Aggregation, section: OutlineSection) -> list[tuple[str, list[int], list[str]]]:
    """The section's aggregated figures as sentences ("Số văn bản: 23 văn bản."); which units they add up
    is kept with the sentence (its sources), not printed."""
    lines: list[tuple[str, list[int], list[str]]] = []
    for figure in aggregation.figures:
        ind = figure.indicator
        if ind.section_id != section.pk or not figure.parts or ind.type == Indicator.Type.TABLE:
            continue
        if ind.type == Indicator.Type.SERIES:
            series = cast("dict[str, Any]", figure.value)  # a series aggregates to {year: value}
            shown = "; ".join(f"năm {y}: {v}" for y, v in sorted(series.items()))
        elif ind.type == Indicator.Type.TEXT:
            continue
        else:
            shown = f"{figure.value}{' ' + ind.unit_label if ind.unit_label else ''}"
        line = f"{ind.label}: {shown}."
        lines.append((line, [p.report_id for p in figure.parts], [p.unit_name for p in figure.parts]))
    return lines


def consolidated_report(campaign: Campaign) -> Report | None:
    return Report.objects.filter(campaign=campaign, unit_id=campaign.issuer_id).first()


@transaction.atomic
def build_draft(*, actor: Actor, campaign: Campaign) -> Report:
    """(Re)build the consolidated draft from the accepted unit reports."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý của đơn vị ban hành mới tổng hợp được báo cáo.")
    aggregation = aggregate(campaign)
    if not aggregation.accepted:
        raise ConsolidationError(
            "Chưa có báo cáo nào được tiếp nhận: chỉ báo cáo đã tiếp nhận mới được tổng hợp "
            f"({aggregation.waiting} báo cáo đang chờ tiếp nhận, {aggregation.drafts} đang soạn)."
        )
    report, _ = Report.objects.select_for_update().get_or_create(campaign=campaign, unit_id=campaign.issuer_id)
    if report.state not in services.EDITABLE:
        raise ConsolidationError("Báo cáo tổng hợp đã gửi đi: không dựng lại được.")
    texts: dict[int, list[tuple[int, str, str]]] = {}
    accepted = SectionAnswer.objects.filter(report__campaign=campaign, report__state=Report.State.ACCEPTED)
    for report_id, section_id, name, text in accepted.order_by("report__unit__path").values_list(
        "report_id", "section_id", "report__unit__name", "text"
    ):
        texts.setdefault(section_id, []).append((report_id, name, text))
    values = consolidated_values(aggregation)
    seen: dict[str, dict] = {}
    sections = campaign.outline()
    collected = [collect_section(texts.get(section.pk, []), seen) for section in sections]  # all, then word
    for section, items in zip(sections, collected, strict=True):
        text, sources = finish_section(items, _figure_lines(aggregation, section), aggregation.accepted)
        answer, _ = SectionAnswer.objects.get_or_create(report=report, section=section)
        answer.text, answer.values, answer.sources = nfc_lines(text), values.get(section.pk, {}), sources
        answer.revision += 1
        answer.updated_by = actor
        answer.save()
    report.consolidation = {
        "accepted": aggregation.accepted,
        "waiting": aggregation.waiting,
        "drafts": aggregation.drafts,
        "at": timezone.now().isoformat(),
    }
    report.save(update_fields=["consolidation"])
    log_action(
        actor=actor,
        action="report.consolidated",
        obj=report,
        unit=campaign.issuer,
        after={"accepted": aggregation.accepted, "waiting": aggregation.waiting},
    )
    return report


def nfc_lines(text: str) -> str:
    return "\n".join(nfc(line) for line in text.split("\n"))


def source_of(answer: SectionAnswer, sentence: str) -> dict | None:
    """The sources of a sentence of the edited text, matched by its words (None once rewritten)."""
    key = sentence_key(sentence)
    return next((s for s in answer.sources if sentence_key(s["sentence"]) == key), None)


def sources_shown(answer: SectionAnswer, *, links: int = 12) -> list[dict]:
    """Each sourced sentence with (report id, unit name) links and whether the text still holds it."""
    lines = {sentence_key(line) for line in answer.text.split("\n")}
    return [
        {
            **src,
            "links": list(zip(src["reports"], src["units"], strict=False))[:links],
            "kept": sentence_key(src["sentence"]) in lines,
        }
        for src in answer.sources
    ]


# --- roll-up -------------------------------------------------------------------------------------


def _match(section: OutlineSection, parents: list[OutlineSection]) -> OutlineSection | None:
    wanted = (section.number.strip(". "), fold(section.title))
    return next((p for p in parents if (p.number.strip(". "), fold(p.title)) == wanted), None) or next(
        (p for p in parents if fold(p.title) == wanted[1]), None
    )


@transaction.atomic
def roll_up(*, actor: Actor, campaign: Campaign) -> Report:
    """Send the consolidated report up as this unit's report in the parent campaign (submitted at once
    when the actor may submit for the unit; otherwise left for the unit head to confirm)."""
    parent = campaign.parent
    if parent is None:
        raise ConsolidationError(
            "Kế hoạch này không thực hiện kế hoạch cấp trên nào trên hệ thống: không gửi lên được."
        )
    if parent.status != Campaign.Status.ISSUED:
        raise ConsolidationError("Kế hoạch cấp trên không còn nhận báo cáo (chưa ban hành hoặc đã kết thúc).")
    if not Participation.objects.filter(campaign=parent, unit_id=campaign.issuer_id).exists():
        raise ConsolidationError(f"{campaign.issuer.name} không có tên trong các đơn vị tham gia kế hoạch cấp trên.")
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý của đơn vị mới gửi báo cáo tổng hợp lên cấp trên.")
    mine = consolidated_report(campaign)
    if mine is None or not mine.answers.exists():
        raise ConsolidationError("Chưa có bản tổng hợp: hãy dựng bản tổng hợp trước.")
    upward = services.report_for(parent, campaign.issuer)
    if upward.state not in services.EDITABLE:
        raise ConsolidationError("Báo cáo của đơn vị ở kế hoạch cấp trên đã gửi: không gửi lại được.")
    parent_sections = list(parent.outline())
    parent_codes = {i.code: i.section_id for s in parent_sections for i in s.indicators.all()}
    answers = {a.section_id: a for a in mine.answers.all()}
    copied, unmatched = 0, []
    for section in campaign.outline():
        answer = answers.get(section.pk)
        if answer is None:
            continue
        target = _match(section, parent_sections)
        if target is None:
            if answer.text.strip():
                unmatched.append(f"{section.number} {section.title}")
            continue
        row, _ = SectionAnswer.objects.get_or_create(report=upward, section=target)
        row.text = answer.text
        row.values = {k: v for k, v in answer.values.items() if parent_codes.get(k) == target.pk}
        row.revision += 1
        row.updated_by = actor
        row.save()
        copied += 1
    upward.consolidated_from = campaign
    upward.save(update_fields=["consolidated_from"])
    log_action(
        actor=actor,
        action="report.rolled_up",
        obj=upward,
        unit=campaign.issuer,
        after={"from": campaign.pk, "sections": copied, "unmatched": unmatched},
    )
    if can(actor, "report.submit", campaign.issuer):
        upward = services.submit(actor=actor, report=upward)
    upward.unmatched = unmatched  # type: ignore[attr-defined]  # shown once by the view, not stored
    return upward
