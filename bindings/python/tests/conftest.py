"""Paths into the repository: the payloads every front end is tested on."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC_EXAMPLES = sorted((ROOT / "tests" / "fixtures" / "doc-examples").glob("*.json"))
_MISSION = json.loads((ROOT / "bindings" / "mission-cases.json").read_text())
MISSION_CONFIG = ROOT / _MISSION["config"]
MISSION_CASES = _MISSION["cases"]
