"""Handouts: courses, cases and trainers' handouts as blocks, for the print view and Word."""
