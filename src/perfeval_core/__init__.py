"""perfeval — budget performance evaluation (项目支出绩效评价) as data.

Frameworks and evaluations are TOML; scoring is exact (Decimal); checks find what a reviewer
looks for; exporters, grading policies, rules and checks are plugins. The names below are the
public API — everything a tool or a plugin needs; the modules behind them are private. Names
are imported on first use, so that ``import perfeval_core`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the private module that defines it.
_EXPORTS = {
    "PATH_SEPARATOR": "_model.tree",
    "PageLinks": "_export.report",
    "BatchResult": "_batch.batch",
    "BlankWriter": "_blank",
    "BlockSpec": "_forms.spec",
    "BudgetRowSpec": "_model.spec",
    "BudgetSourcesSpec": "_model.spec",
    "BudgetSpec": "_model.spec",
    "Cell": "_forms.layout",
    "CellSpec": "_forms.spec",
    "Check": "_checks.base",
    "Column": "_forms.layout",
    "ColumnSpec": "_forms.spec",
    "DuplicateNameError": "_errors",
    "Evaluation": "_model.evaluation",
    "EvaluationSpec": "_model.spec",
    "ExportError": "_errors",
    "Exporter": "_export.exporter",
    "Failure": "_batch.batch",
    "Finding": "_checks.base",
    "Form": "_forms.form",
    "FormSpec": "_forms.spec",
    "Framework": "_model.framework",
    "FrameworkNotFoundError": "_errors",
    "FrameworkSpec": "_model.spec",
    "GoalSpec": "_model.spec",
    "Grade": "_model.grading",
    "GradingPolicy": "_model.grading",
    "GroupScore": "_model.scoring",
    "ImportFinding": "_import.reader",
    "ImportResult": "_import.reader",
    "ImportedEvaluation": "_import.reader",
    "Indicator": "_model.tree",
    "IndicatorSpec": "_model.spec",
    "InputError": "_errors",
    "Layout": "_forms.layout",
    "LeafScore": "_model.scoring",
    "NarrativeSpec": "_model.spec",
    "Paragraph": "_forms.layout",
    "Part": "_forms.layout",
    "PartSpec": "_forms.spec",
    "PerfevalError": "_errors",
    "PluginError": "_errors",
    "PluginInfo": "_plugins.registry",
    "ProjectRow": "_batch.batch",
    "ProjectSpec": "_model.spec",
    "Reader": "_import.reader",
    "Registry": "_plugins.registry",
    "Report": "_export.report",
    "ReportFolder": "_export.report",
    "Review": "_checks.base",
    "ReviewRules": "_model.review",
    "ReviewSpec": "_model.spec",
    "Rollup": "_batch.rollup",
    "Row": "_forms.layout",
    "Rule": "_model.rules",
    "RuleContext": "_model.rules",
    "RuleResult": "_model.rules",
    "Scorecard": "_model.scoring",
    "SectionSpec": "_model.spec",
    "Settings": "_model.rules",
    "SettingsDropSpec": "_model.spec",
    "SettingsSpec": "_model.spec",
    "Severity": "_checks.base",
    "Slot": "_forms.layout",
    "SourceSpec": "_forms.spec",
    "SummarySink": "_export.exporter",
    "SummaryWriter": "_export.exporter",
    "Table": "_forms.layout",
    "Threshold": "_model.grading",
    "Trace": "_import.reader",
    "UnitAverage": "_batch.batch",
    "Value": "_model.values",
    "ValueKind": "_model.values",
    "actual_value": "_model.scoring",
    "available_forms": "_loading.forms",
    "available_frameworks": "_loading.frameworks",
    "build_layout": "_export.layouts",
    "collector_paused": "_export.collector",
    "check_framework": "_review",
    "check_import": "_import.run",
    "describe_framework": "_review",
    "dumps_evaluation": "_loading.evaluations",
    "export": "_export.exporter",
    "format_number": "_model.numbers",
    "format_value": "_model.values",
    "from_spec": "_loading.evaluations",
    "get_registry": "_plugins.host",
    "has_errors": "_checks.base",
    "hookimpl": "_plugins.hookspecs",
    "import_file": "_import.run",
    "iter_batch": "_batch.batch",
    "iter_leaves": "_model.tree",
    "load_evaluation": "_loading.evaluations",
    "load_form": "_loading.forms",
    "load_framework": "_loading.frameworks",
    "loads_evaluation": "_loading.evaluations",
    "loads_form": "_loading.forms",
    "loads_framework": "_loading.frameworks",
    "parse_value": "_model.values",
    "read_export": "_export.jsonexport",
    "render": "_export.exporter",
    "review": "_checks.base",
    "run_batch": "_batch.rollup",
    "run_checks": "_checks.base",
    "save_evaluation": "_loading.evaluations",
    "save_imports": "_import.run",
    "score": "_model.scoring",
    "show_path": "_model.tree",
    "target_value": "_model.scoring",
    "stream_batch": "_batch.rollup",
    "write_summary": "_batch.summary",
}
#: Public names whose definition has another name in its module.
_RENAMED = {"available_frameworks": "available", "available_forms": "available"}

__all__ = [
    "BatchResult",
    "BlankWriter",
    "BlockSpec",
    "BudgetRowSpec",
    "BudgetSourcesSpec",
    "BudgetSpec",
    "Cell",
    "CellSpec",
    "Check",
    "Column",
    "ColumnSpec",
    "DuplicateNameError",
    "Evaluation",
    "EvaluationSpec",
    "ExportError",
    "Exporter",
    "Failure",
    "Finding",
    "Form",
    "FormSpec",
    "Framework",
    "FrameworkNotFoundError",
    "FrameworkSpec",
    "GoalSpec",
    "Grade",
    "GradingPolicy",
    "GroupScore",
    "ImportFinding",
    "ImportResult",
    "ImportedEvaluation",
    "Indicator",
    "IndicatorSpec",
    "InputError",
    "Layout",
    "LeafScore",
    "NarrativeSpec",
    "PATH_SEPARATOR",
    "PageLinks",
    "Paragraph",
    "Part",
    "PartSpec",
    "PerfevalError",
    "PluginError",
    "PluginInfo",
    "ProjectRow",
    "ProjectSpec",
    "Reader",
    "Registry",
    "Report",
    "ReportFolder",
    "Review",
    "ReviewRules",
    "ReviewSpec",
    "Rollup",
    "Row",
    "Rule",
    "RuleContext",
    "RuleResult",
    "Scorecard",
    "SectionSpec",
    "Settings",
    "SettingsDropSpec",
    "SettingsSpec",
    "Severity",
    "Slot",
    "SourceSpec",
    "SummarySink",
    "SummaryWriter",
    "Table",
    "Threshold",
    "Trace",
    "UnitAverage",
    "Value",
    "ValueKind",
    "__version__",
    "actual_value",
    "available_forms",
    "available_frameworks",
    "build_layout",
    "check_framework",
    "check_import",
    "collector_paused",
    "describe_framework",
    "dumps_evaluation",
    "export",
    "format_number",
    "format_value",
    "from_spec",
    "get_registry",
    "has_errors",
    "hookimpl",
    "import_file",
    "iter_batch",
    "iter_leaves",
    "load_evaluation",
    "load_form",
    "load_framework",
    "loads_evaluation",
    "loads_form",
    "loads_framework",
    "parse_value",
    "read_export",
    "render",
    "review",
    "run_batch",
    "run_checks",
    "save_evaluation",
    "save_imports",
    "score",
    "show_path",
    "stream_batch",
    "target_value",
    "write_summary",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from ._version import version

        return version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'perfeval_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"perfeval_core.{module}"), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # what type checkers and editors see; at run time names load on first use
    from ._batch.batch import BatchResult, Failure, ProjectRow, UnitAverage, iter_batch
    from ._batch.rollup import Rollup, run_batch, stream_batch
    from ._batch.summary import write_summary
    from ._blank import BlankWriter
    from ._checks.base import Check, Finding, Review, Severity, has_errors, review, run_checks
    from ._errors import (
        DuplicateNameError,
        ExportError,
        FrameworkNotFoundError,
        InputError,
        PerfevalError,
        PluginError,
    )
    from ._export.collector import collector_paused
    from ._export.exporter import Exporter, SummarySink, SummaryWriter, export, render
    from ._export.jsonexport import read_export
    from ._export.layouts import build_layout
    from ._export.report import PageLinks, Report, ReportFolder
    from ._forms.form import Form
    from ._forms.layout import Cell, Column, Layout, Paragraph, Part, Row, Slot, Table
    from ._forms.spec import BlockSpec, CellSpec, ColumnSpec, FormSpec, PartSpec, SourceSpec
    from ._import.reader import ImportedEvaluation, ImportFinding, ImportResult, Reader, Trace
    from ._import.run import check_import, import_file, save_imports
    from ._loading.evaluations import (
        dumps_evaluation,
        from_spec,
        load_evaluation,
        loads_evaluation,
        save_evaluation,
    )
    from ._loading.forms import available as available_forms
    from ._loading.forms import load_form, loads_form
    from ._loading.frameworks import available as available_frameworks
    from ._loading.frameworks import load_framework, loads_framework
    from ._model.evaluation import Evaluation
    from ._model.framework import Framework
    from ._model.grading import Grade, GradingPolicy, Threshold
    from ._model.numbers import format_number
    from ._model.review import ReviewRules
    from ._model.rules import Rule, RuleContext, RuleResult, Settings
    from ._model.scoring import GroupScore, LeafScore, Scorecard, actual_value, score, target_value
    from ._model.spec import (
        BudgetRowSpec,
        BudgetSourcesSpec,
        BudgetSpec,
        EvaluationSpec,
        FrameworkSpec,
        GoalSpec,
        IndicatorSpec,
        NarrativeSpec,
        ProjectSpec,
        ReviewSpec,
        SectionSpec,
        SettingsDropSpec,
        SettingsSpec,
    )
    from ._model.tree import PATH_SEPARATOR, Indicator, iter_leaves, show_path
    from ._model.values import Value, ValueKind, format_value, parse_value
    from ._plugins.hookspecs import hookimpl
    from ._plugins.host import get_registry
    from ._plugins.registry import PluginInfo, Registry
    from ._review import check_framework, describe_framework

    __version__: str
