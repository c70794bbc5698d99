"""Loading the YAML rule and vocabulary files that live beside the code.

Rules are data: a file maps names to patterns (or lists of aliases); a pattern may refer to
another by ``{name}``, which is substituted (recursively) before compiling with the ``regex``
module. Lists become named lists for ``\\L<name>`` so the longest alias wins.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .errors import RuleFileError

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``extract/<name>.yaml`` (cached). Raises RuleFileError with file and line."""
    path = HERE / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise RuleFileError(f"rule file missing: {path}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise RuleFileError(f"{path}{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping at the top level")
    return data


def expand(pattern: str, names: dict, _depth: int = 0) -> str:
    """Substitute ``{name}`` references with their (expanded) patterns from ``names``.

    Braces that do not name an entry (regex quantifiers like ``{2,4}``) are left alone.
    """
    import re

    if _depth > 20:
        raise RuleFileError(f"pattern references nest too deep: {pattern[:60]}")

    def sub(m):
        key = m.group(1)
        if key in names and isinstance(names[key], str):
            return "(?:" + expand(names[key], names, _depth + 1) + ")"
        return m.group(0)

    return re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", sub, pattern)
