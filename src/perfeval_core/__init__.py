"""perfeval — budget performance evaluation (项目支出绩效评价) as data.

Frameworks and evaluations are TOML; scoring is exact (Decimal); checks find what a reviewer
looks for; exporters, grading policies and rules are plugins. The names below are the public
API; they are imported on first use so that ``import perfeval_core`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "CHECKS": "checks",
    "DuplicateNameError": "errors",
    "Evaluation": "evaluation",
    "EvaluationSpec": "spec",
    "ExportError": "errors",
    "Exporter": "exporting",
    "Finding": "checks",
    "Framework": "framework",
    "FrameworkNotFoundError": "errors",
    "Grade": "grading",
    "GradingPolicy": "grading",
    "GroupScore": "scoring",
    "Indicator": "tree",
    "IndicatorSpec": "spec",
    "InputError": "errors",
    "LeafScore": "scoring",
    "PerfevalError": "errors",
    "PluginError": "errors",
    "ProjectSpec": "spec",
    "Rule": "rules",
    "RuleContext": "rules",
    "RuleResult": "rules",
    "Scorecard": "scoring",
    "Settings": "rules",
    "Severity": "checks",
    "Threshold": "grading",
    "Value": "values",
    "ValueKind": "values",
    "BatchResult": "batch",
    "available_frameworks": "framework",
    "check_framework": "framework_review",
    "describe_framework": "framework_review",
    "dumps_evaluation": "evaluation",
    "export": "exporting",
    "format_value": "values",
    "from_spec": "evaluation",
    "get_registry": "plugins",
    "hookimpl": "hookspecs",
    "load_evaluation": "evaluation",
    "load_framework": "framework",
    "loads_evaluation": "evaluation",
    "loads_framework": "framework",
    "parse_reports": "textimport",
    "parse_value": "values",
    "read_export": "jsonexport",
    "run_batch": "batch",
    "run_checks": "checks",
    "save_evaluation": "evaluation",
    "score": "scoring",
}
_RENAMED = {"available_frameworks": "available"}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'perfeval_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"perfeval_core.{module}"), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
