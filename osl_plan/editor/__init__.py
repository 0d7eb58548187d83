"""``osl-plan edytor``: the plan and its year in the browser, for the organiser.

A second front door to the library, beside the CLI: :mod:`.server` starts it on a loopback port,
:mod:`.security` lets only her in, :mod:`.app` routes each request to a page (:mod:`.pages`,
:mod:`.year`, :mod:`.imports`) that parses it, calls the library and answers. The file stays hers:
:mod:`.yamledit` edits it in place (ruamel.yaml round trip), :mod:`.store` keeps drafts and the
versions each save replaced, and every document comes through :mod:`.documents`. Imported only by
the ``edytor`` command; needs the optional extra ``osl-plan[edytor]``.
"""
