"""`python -m village_client` is `sws-village`."""

from village_client.cli import main

if __name__ == "__main__":
    main()
