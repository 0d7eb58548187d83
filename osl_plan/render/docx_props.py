"""A plan's document properties: core (title, author, language, dates) and custom (task ids).

The custom property :data:`TASK_IDS_PROPERTY` lets ``osl-plan import`` give a Word file's tasks
back their ids: a compact JSON object mapping :func:`task_key` of each identified task's text to
its id, stored as ``vt:lpwstr`` in ``docProps/custom.xml``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

from osl_plan.model import Plan
from osl_plan.render.docx_setup import LANGUAGE
from osl_plan.render.docx_xml import escape

#: The extended properties: which program wrote the document (``Application``).
APP_PART = "docProps/app.xml"
#: The custom document property holding task ids, read back by ``osl-plan import``.
TASK_IDS_PROPERTY = "osl-plan-task-ids"


def creation_time() -> dt.datetime:
    """Now (UTC), or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def core_xml(plan: Plan, title: str) -> str:
    """Core properties: title, subject, author, language, keywords, dates; nothing from a base."""
    author = escape(plan.jednostka or plan.gmina or "")
    when = creation_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = "".join(
        f'<dcterms:{tag} xsi:type="dcterms:W3CDTF">{when}</dcterms:{tag}>'
        for tag in ("created", "modified")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(plan.gmina or '')}</dc:subject>"
        f"<dc:creator>{author}</dc:creator>"
        "<cp:keywords>plan organizowania społeczności lokalnej</cp:keywords>"
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<dc:language>{LANGUAGE}</dc:language>{dates}</cp:coreProperties>"
    )


def app_xml() -> str:
    """Extended properties naming the writer and its version (``osl-plan 0.1.0``), nothing else."""
    from osl_plan import __version__

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>osl-plan '
        f"{escape(__version__)}</Application><DocSecurity>0</DocSecurity></Properties>"
    )


def task_key(text: str) -> str:
    """The key a task's id is stored under: the first 16 hex digits of SHA-1 of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def task_ids_json(plan: Plan) -> str:
    """Compact JSON mapping each identified task's :func:`task_key` to its id (first one wins)."""
    ids: dict[str, str] = {}
    for task in plan.zadania:
        if task.id is not None:
            ids.setdefault(task_key(task.zadanie), task.id)
    return json.dumps(ids, ensure_ascii=False, separators=(",", ":"))


def custom_xml(plan: Plan) -> str:
    """``docProps/custom.xml`` with the :data:`TASK_IDS_PROPERTY` property (type lpwstr)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="{TASK_IDS_PROPERTY}"><vt:lpwstr>{escape(task_ids_json(plan))}</vt:lpwstr>'
        "</property></Properties>"
    )
