"""Related cases: cases that share practices, manual aspects, a region or tags, found through an
inverted index rather than by comparing every pair.

Each feature has a weight (a shared practice says more than a shared tag). A feature shared by
more than ``settings.related_common_feature`` cases carries no signal and is skipped, which bounds
the work per case and keeps the whole computation linear in the number of cases.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from operator import itemgetter

from .schema.case import Case
from .settings import Settings
from .validate import ValidRecord


def related_cases(records: list[ValidRecord], settings: Settings) -> dict[str, tuple[str, ...]]:
    """For each published case, the ids of its most related cases, best first (ties in file order)."""
    cases = [o.record for o in records if isinstance(o.record, Case) and o.record.status == "published"]
    # A case's features, keyed by the field they come from: a shared practice says more than a shared tag.
    weights = {"practices": 3, "aspects": 2, "region": 1, "tags": 1}
    features: dict[str, set[tuple[str, str]]] = {}
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case in cases:
        own = {("region", case.region)} | {("tags", t) for t in case.tags} | {("aspects", a) for a in case.aspects}
        for named in case.practices:
            if named.practice:
                own.add(("practices", named.practice))
            own |= {("aspects", a) for a in named.aspects}
        features[case.id] = own
        for feature in own:
            postings[feature].append(case.id)
    related: dict[str, tuple[str, ...]] = {}
    limit, common = settings.related_limit, settings.related_common_feature
    for case in cases:
        scores: Counter[str] = Counter()
        for feature in sorted(features[case.id]):  # a set's order varies with the hash seed
            posting = postings[feature]
            if len(posting) <= common:
                for _ in range(weights[feature[0]]):
                    scores.update(posting)
        del scores[case.id]
        for other in case.related:
            scores[other] += 100
        # nlargest is stable, so ties keep the (sorted) file order: reproducible output.
        related[case.id] = tuple(other for other, _ in heapq.nlargest(limit, scores.items(), key=itemgetter(1)))
    return related
