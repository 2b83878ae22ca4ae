"""The portal's own data: how often each dataset is used, counted without personal data.

One row per dataset and day holds two integers. Nothing about the visitor is stored (no IP
address, cookie, user id or user agent), so the counts need no consent banner and cannot be
joined with anything; the price is that a visitor who reloads a page is counted again.
"""

from __future__ import annotations

from django.db import models


class DatasetUsage(models.Model):
    dataset_id = models.UUIDField(db_index=True)
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset_id", "day"], name="web_usage_one_row_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.day}: {self.views} views, {self.downloads} downloads"
