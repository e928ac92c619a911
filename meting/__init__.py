"""Measuring Familieschool: board-scale demo data (``seed_demo --scale board``)."""
