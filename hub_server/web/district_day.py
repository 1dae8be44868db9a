"""Today's date in the district: its time zone (DISPLAY_TIMEZONE, from its province), not the server's, which
is often kept in UTC and so a day behind every morning before 07:00 WIB."""

import datetime as dt

from flask import current_app

from schemas.local_time import today_in


def district_today() -> dt.date:
    return today_in(current_app.config["DISPLAY_TIMEZONE"])
