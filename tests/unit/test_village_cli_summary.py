"""The sync summary a command prints (after a sync, or after reading a return bundle from a stick)."""

import pytest

from village_client.cli.support import print_summary
from village_client.messages import text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_summary_of_a_stick_fills_every_count(capsys, lang):
    print_summary({"acknowledged": 7, "received": 3}, lang)
    assert capsys.readouterr().out.strip() == text("sync.summary", lang, sent=0, acknowledged=7, received=3,
                                                   conflicts=0, refused=0, not_counted=0)
    assert "{" not in text("sync.summary", lang, sent=0, acknowledged=7, received=3, conflicts=0, refused=0,
                           not_counted=0)
