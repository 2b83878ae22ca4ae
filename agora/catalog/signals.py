"""Events the catalogue announces after a change has committed.

`datasets_changed(ids)` is sent from `transaction.on_commit`, so receivers (search indexing,
quality assessment, tabular ingest) never see a change that was rolled back.
"""

from django.dispatch import Signal

datasets_changed = Signal()
