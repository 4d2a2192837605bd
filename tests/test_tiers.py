"""`make test-fast` leaves out exactly the slow tiers registered in pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def test_make_test_fast_leaves_out_every_registered_tier_and_only_those() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = config["tool"]["pytest"]["ini_options"]["markers"]
    registered = {line.split(":", 1)[0] for line in markers}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^SLOW_TIERS := (.+)$", makefile, flags=re.M)
    assert match is not None
    assert set(match.group(1).split(" or ")) == registered
    assert '-m "not ($(SLOW_TIERS))"' in makefile
