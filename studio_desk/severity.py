"""Suggest a severity (一般 / 重要 / 重大) from the facts of a complaint, with its reasons.

Pure: the facts are gathered by the intake and case services; the manager may override
the suggestion, and that override is audited there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Facts:
    is_repeat: bool = False
    vip: bool = False
    same_category_recent: int = 0  # including this one, within the hot-spot window
    needs_outside_help: bool = False
    compensation: Decimal = Decimal("0")
    approval_limit: Decimal = Decimal("500")
    beyond_terms: bool = False
    safety_issue: bool = False
    media_exposure: bool = False
    authority_involved: bool = False
    group_size: int = 1
    open_days: int = 0
    studio_at_fault: bool = False
    hotspot_threshold: int = 3
    hotspot_window_days: int = 30
    group_size_major: int = 5
    stale_case_days: int = 30


def suggest(f: Facts) -> tuple[str, list[str]]:
    """(severity code, reasons in Chinese); the reasons of the highest level found come first."""
    major: list[str] = []
    important: list[str] = []
    if f.compensation > f.approval_limit:
        major.append(f"补偿金额 {f.compensation:,.2f} 元超过店长权限 {f.approval_limit:,.2f} 元")
    if f.beyond_terms:
        major.append("要求超出订单约定的补偿或退款")
    if f.safety_issue:
        major.append("涉及人身安全或受伤")
    if f.media_exposure:
        major.append("扬言曝光或已在网上发布")
    if f.authority_involved:
        major.append("涉及消协/12315/工商/律师/法院")
    if f.group_size >= f.group_size_major:
        major.append(f"{f.group_size} 人集体投诉")
    if f.studio_at_fault and f.open_days >= f.stale_case_days:
        major.append(f"因本店原因 {f.open_days} 天仍未解决")
    if f.is_repeat:
        important.append("同一顾客再次投诉（二次投诉）")
    if f.vip:
        important.append("VIP/重要顾客")
    if f.same_category_recent >= f.hotspot_threshold:
        important.append(f"同类问题 {f.hotspot_window_days} 天内第 {f.same_category_recent} 次（热点）")
    if f.needs_outside_help:
        important.append("需要外部协助处理")
    if major:
        return "major", major + important
    if important:
        return "important", important
    return "ordinary", []
