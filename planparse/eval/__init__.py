"""Evaluation against gold files (shared/docs/annotation-guide.md)."""

from .scorer import Tally, evaluate_dir, format_report, load_gold, score_file

__all__ = ["Tally", "evaluate_dir", "format_report", "load_gold", "score_file"]
