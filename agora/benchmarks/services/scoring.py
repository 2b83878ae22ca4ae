"""Score an edition: read its observations, apply the pure scoring, replace its scores."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from agora.core.actor import Actor

from ..models import Edition, Observation, Score, ScoringRun
from ..models.observations import ObservationKind
from ..scoring.indices import EditionResult, IndexValue, score_edition
from ..scoring.normalise import round_half_up
from ..scoring.spec import EditionSpec
from ..selectors.frameworks import framework_definition
from .common import audit, require_admin

Table = dict[str, dict[str, float]]


def _observations(edition: Edition) -> tuple[Table, Table, dict[tuple[str, str], str]]:
    published: Table = defaultdict(dict)
    raw: Table = defaultdict(dict)
    texts: dict[tuple[str, str], str] = {}
    for obs in Observation.objects.filter(edition=edition):
        target = published if obs.kind == ObservationKind.PUBLISHED else raw
        target[obs.country_id][obs.indicator] = obs.value
        texts[(obs.country_id, obs.indicator)] = obs.value_text
    return published, raw, texts


def _text(spec: EditionSpec, index: str, value: IndexValue, published_text: str | None) -> str:
    if value.source == "published" and published_text:
        return published_text
    decimals = spec.index(index).decimals or spec.published_decimals or 5
    return str(round_half_up(value.value, decimals))


def _scores(
    spec: EditionSpec,
    edition: Edition,
    run: ScoringRun,
    result: EditionResult,
    published: Table,
    texts: dict[tuple[str, str], str],
) -> list[Score]:
    ranked = spec.rank.index if spec.rank else None
    classified = spec.classification.index if spec.classification else None
    rows = []
    for country in result.results:
        published_rank = published.get(country.country, {}).get(f"{ranked}_rank")
        for index, value in country.values.items():
            rows.append(
                Score(
                    edition=edition,
                    country_id=country.country,
                    index=index,
                    value=value.value,
                    value_text=_text(spec, index, value, texts.get((country.country, index))),
                    source=value.source,
                    published=value.published,
                    computed=value.computed,
                    rank=country.rank if index == ranked else None,
                    published_rank=int(published_rank)
                    if index == ranked and published_rank
                    else None,
                    group=country.group if index == classified else "",
                    rating_class=country.rating_class if index == classified else "",
                    run=run,
                )
            )
    return rows


@transaction.atomic
def edition_score(*, actor: Actor, edition: Edition) -> ScoringRun:
    """Recompute every score of the edition from its observations (replacing the old ones)."""
    require_admin(actor, "score editions")
    definition = framework_definition(edition.framework_id)
    spec = definition.spec.edition(edition.code)
    published, raw, texts = _observations(edition)
    result = score_edition(spec, published, raw)
    Score.objects.filter(edition=edition).delete()
    run = ScoringRun.objects.create(
        edition=edition,
        definition_sha256=definition.edition_sha256(edition.code),
        actor_name=actor.username,
        countries=len(result.results),
        methods=dict(result.methods),
        findings=[
            {"index": f.index, "kind": f.kind, "message": f.message, "countries": list(f.countries)}
            for f in result.findings
        ],
    )
    Score.objects.bulk_create(_scores(spec, edition, run, result, published, texts))
    audit(
        actor,
        "edition.score",
        "edition",
        edition.pk,
        framework=edition.framework_id,
        edition=edition.code,
        countries=run.countries,
        definition_sha256=run.definition_sha256,
        findings=len(run.findings),
    )
    return run
