# Stubs for the extension module (bindings/python/src/lib.rs).
from typing import Any, Optional

class NativeLinter:
    def __init__(
        self,
        *,
        config_path: Optional[str] = None,
        config_json: Optional[str] = None,
        catalogue_path: Optional[str] = None,
        catalogue_json: Optional[str] = None,
    ) -> None: ...
    def lint(self, payload: Any, name: str) -> str:
        """Lints a str of JSON or a dict; returns the outcome as JSON text."""

def to_json(payload: Any) -> str: ...
def run_cli(argv: list[str]) -> int: ...
