"""Measuring Familieschool: the page benchmark (`make bench`), the load test (`make load`) and
the fault drills (`make drill-redis`, `make drill-worker`). See docs/performance.md."""
