"""Evaluation: metrics, baselines and the report a person reads."""
