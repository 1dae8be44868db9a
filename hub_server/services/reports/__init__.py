"""Reports of the hub: figures computed once, as plain data, for every way they are shown.

`monthly.build(session, area, month)` is the monthly monitoring report of a village, a sub-district
or the district (docs/reports.md defines every figure). It returns sections of rows and figures
(numbers, codes, dates, never formatted text), which `hub_server.reports` renders as a web page, a
CSV file and a PDF, and which the dashboard and the twice-yearly ombudsman report can read too.

| module | what it computes |
|---|---|
| `period.py` | the area (code, level, name, villages) and the month's window in the district's local time |
| `population.py` | residents, households, registrations by source, verification |
| `programmes.py` | lists, applications, coverage per guarantee, the benefit budget the lists imply |
| `complaints.py` | complaint statistics, read through one function (`complaint_rows`) |
| `sync_health.py` | each laptop's last sync, staleness, refusals and forks |
| `monthly.py` | the report: its sections, assembled from the above |
"""
