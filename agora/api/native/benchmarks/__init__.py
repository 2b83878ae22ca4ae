"""/api/v1/benchmarks: benchmark results (frameworks, editions, methodology, scores, series,
comparisons, portal measurements), the readiness self-assessment, and table imports.

Every table is JSON by default and CSV with `format=csv`. Handlers are thin: they parse the
request, call a benchmarks selector or service with the actor, and render.
"""

from __future__ import annotations

from ninja import Router

from . import imports, readiness, results

router = Router()
router.add_router("", results.router)
router.add_router("", readiness.router)
router.add_router("", imports.router)
