"""A province database fed by its district hubs with PostgreSQL's own logical replication.

`tables`: what the province reads and the names both sides agree on; `replication`: every SQL statement;
`cli`: the commands (`python -m hub_server.province`); `local_clusters`: throwaway clusters on this machine
for the demo, the benchmark and the test. See docs/scaling.md.
"""
