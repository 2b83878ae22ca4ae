"""What a demo load did, so that `agora demo` can say it and tests can check it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoReport:
    """Counts of what was created and what was already there (a second run creates nothing)."""

    organizations_created: int = 0
    organizations_present: int = 0
    datasets_created: int = 0
    datasets_present: int = 0
    files_uploaded: int = 0
    bytes_uploaded: int = 0
    skipped_sources: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def created_anything(self) -> bool:
        return bool(self.organizations_created or self.datasets_created or self.files_uploaded)

    def summary(self) -> str:
        orgs = self.organizations_created + self.organizations_present
        datasets = self.datasets_created + self.datasets_present
        lines = [
            f"demo catalogue: {orgs} organizations ({self.organizations_created} created, "
            f"{self.organizations_present} already present)",
            f"                {datasets} datasets ({self.datasets_created} created, "
            f"{self.datasets_present} already present)",
            f"                {self.files_uploaded} files uploaded "
            f"({self.bytes_uploaded / 1_000_000:.1f} MB) in {self.seconds:.1f} s",
        ]
        lines += [f"skipped: {reason}" for reason in self.skipped_sources]
        return "\n".join(lines)
