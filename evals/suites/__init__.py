"""The eval suites; each exposes ``run(assistant, settings, options) -> dict`` with ``datasets`` and ``items``."""
