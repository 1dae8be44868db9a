"""`make demo` runs end to end: a hub, a relay and three village laptops as processes, and its day."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_the_demo_day_runs_and_ends_with_a_conflict_in_the_queue(tmp_path):
    demo = Path(sys.executable).parent / "sws-demo"
    result = subprocess.run([str(demo), "--data-dir", str(tmp_path / "demo"), "--people", "3000", "--no-wait"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "[id_serial_zero]" in out and "[date_future]" in out  # the two wrong rows, named by field and rule
    assert "through the sub-district relay" in out and "reads the hub's answer from the stick" in out
    assert "concurrent_edit person" in out and "4 device(s)" in out
