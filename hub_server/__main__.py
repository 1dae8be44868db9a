"""`python -m hub_server` is `sws-hub`."""

from hub_server.cli import main

main(prog_name="sws-hub")
