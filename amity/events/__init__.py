"""Event coding: ontology, coder over the dependency parse, dates and places.

Owner: events. Public API:
    Coder(options: CoderOptions | None = None).code(analysis: Analysis) -> tuple[Event, ...]
"""
