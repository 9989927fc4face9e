"""The default target (%) of each QĐ 766 indicator the counter computes (contract/index766.py).

QĐ 766 scores offices, it sets no monthly target: these are this software's starting points, an office
setting each (`report.index_target.<key>`, docs/index-766.md). Kept apart from the formulas so that
counter_app/config_keys.py, loaded by every command, declares those keys without loading them.
"""

from __future__ import annotations

from typing import Final

TARGET_PCT: Final[dict[str, int]] = {
    "on_time": 100,
    "digitised_intake": 100,
    "digitised_result": 100,
    "reuse": 30,
    "online_intake": 50,
    "cashless": 50,
    "satisfaction": 95,
}
