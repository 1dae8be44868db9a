from hub_server.province.cli import main

main(prog_name="python -m hub_server.province")
