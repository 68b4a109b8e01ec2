"""Evaluation harness: retrieval, answers, calculators and drafting suites, speed benchmarks, run reports."""
