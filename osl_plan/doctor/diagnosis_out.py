"""A :class:`~osl_plan.doctor.Diagnosis` as text for people or JSON for programs."""

from __future__ import annotations

import json

from osl_plan.doctor import Diagnosis, Level
from osl_plan.i18n import _, ngettext

_MARKS = {Level.ok: "✓", Level.warning: "!", Level.error: "✗"}


def format_text(diagnosis: Diagnosis) -> str:
    """One line per check: its mark, what was found and — when not fine — the fix; a verdict."""
    lines = []
    for check in diagnosis.checks:
        line = f"{_MARKS[check.level]} {check.message}"
        if check.fix and check.level is not Level.ok:
            line += " " + _("Fix: {fix}").format(fix=check.fix)
        lines.append(line)
    if diagnosis.healthy:
        lines.append(_("Everything needed works."))
    else:
        errors = sum(check.level is Level.error for check in diagnosis.checks)
        text = ngettext(
            "Not everything works: {count} problem to fix.",
            "Not everything works: {count} problems to fix.",
            errors,
        )
        lines.append(text.format(count=errors))
    return "\n".join(lines) + "\n"


def format_json(diagnosis: Diagnosis) -> str:
    """``{"healthy": …, "checks": [{"name", "level", "message", "fix", "facts"}]}``."""
    checks = [
        {
            "name": check.name,
            "level": str(check.level),
            "message": check.message,
            "fix": check.fix,
            "facts": check.facts,
        }
        for check in diagnosis.checks
    ]
    document = {"healthy": diagnosis.healthy, "checks": checks}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
