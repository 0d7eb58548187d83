"""Attendance lists (listy obecności) for the plan's events: which sheets, for which tasks and days.

:func:`osl_plan.lista.sheets.sheets_for` picks the sheets (one task on one day, or every task
running in a month); :mod:`osl_plan.lista.docx` lays them out with render's DOCX builder, the strip
and the styles of the plan's documents; :func:`osl_plan.documents.render_document` makes them DOCX,
PDF or ODT. :mod:`osl_plan.lista.files` reads the plan and the clause
(:mod:`osl_plan.lista.clause`) and writes the file; the library never prints; the CLI is
``osl-plan lista``.
"""
