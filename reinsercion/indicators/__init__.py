"""Indicators for coordination, supervision and direction: the programs' own targets per
period, with their definitions, monthly trends, exports and the management report (informe de
gestión)."""
