"""Reports as people read them: the figures of `hub_server.services.reports` rendered as HTML, CSV and PDF.

| module | job |
|---|---|
| `charts.py` | bar charts drawn as SVG on the server: no script, so they work offline and in the PDF |
| `numbers.py` | numbers, percentages and rupiah in the reader's language (1.234.567 in Indonesian) |
| `render.py` | a report's HTML body (the admin page embeds it), an HTML document, the PDF (WeasyPrint), the CSV |

Imports the services' report data, the hub's message catalogue and `schemas`; never Flask, the web UI,
the API, the models or SQLAlchemy (tests/unit/test_import_rules.py), so the admin UI and the command
line render the same report the same way.
"""
