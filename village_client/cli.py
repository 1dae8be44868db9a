"""`sws-village`: the village and sub-district laptop's command line."""

import click

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
def main():
    """Village client of SWS Sync: register households, record complaints, sync with the hub."""
