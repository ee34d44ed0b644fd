"""Choose the meaning threshold of lineages: when two counted phrases name the same measure.

Lineages compare what two figures count by meaning when their measure keys differ or are
missing (check/lineage.py ``meaning``): the cosine similarity of the all-MiniLM-L6-v2
embeddings of the counted phrases (with their qualifiers) against a threshold. This script
scores the development pairs below — invented counted phrases across news topics, each pair
labelled same measure or not, with the hard cases on purpose (the same head word for other
things: soldiers deserted / soldiers mobilised; people killed / people injured) — and prints
precision and recall of "same" at each threshold, then the threshold it recommends: the
lowest one whose precision of "same" reaches 0.95 (a false "same" can make a false lineage
edge), and the highest one below which "different" is right 90% of the time (a false
"different" is a false meaning_drift); between the two the meaning is left unknown: no
drift is claimed and the meaning does not help a figure join. Write both into
data/lineage.json (meaning_threshold, different_below).

    .venv/bin/python tools/lineage_threshold.py
"""

from __future__ import annotations

import json
import sys
from importlib import resources

SAME = [
    ("soldiers deserted", "troops fled their units"),
    ("soldiers deserted", "servicemen who abandoned their posts"),
    ("deserters", "soldiers who deserted"),
    ("soldiers deserted", "soldiers who went AWOL"),
    ("people killed", "deaths"),
    ("people killed", "people died"),
    ("civilians killed", "civilian deaths"),
    ("people injured", "wounded people"),
    ("jobs added", "new jobs created"),
    ("jobs lost", "job cuts"),
    ("homes destroyed", "houses razed"),
    ("refugees", "people who fled the country"),
    ("people displaced", "displaced persons"),
    ("migrants arrived", "migrant arrivals"),
    ("cases of measles", "measles infections"),
    ("new infections", "new cases"),
    ("patients hospitalised", "hospital admissions"),
    ("votes cast", "ballots cast"),
    ("protesters arrested", "demonstrators detained"),
    ("flights cancelled", "cancelled flights"),
    ("students enrolled", "enrolled pupils"),
    ("tourists visited", "visitors"),
    ("cars sold", "car sales"),
    ("teachers on strike", "striking teachers"),
    ("trees planted", "saplings planted"),
    ("people evacuated", "evacuees"),
    ("prisoners of war exchanged", "POWs swapped"),
    ("drones launched", "drones fired"),
    ("criminal cases opened", "criminal proceedings registered"),
    ("asylum applications", "asylum requests"),
]

DIFFERENT = [
    ("soldiers deserted", "soldiers mobilised"),
    ("soldiers deserted", "soldiers killed"),
    ("criminal cases opened for desertion", "soldiers deserted"),
    ("people killed", "people injured"),
    ("people killed", "people evacuated"),
    ("jobs added", "jobs lost"),
    ("homes destroyed", "homes built"),
    ("refugees returned", "refugees left"),
    ("cases of measles", "deaths from measles"),
    ("new infections", "recoveries"),
    ("patients hospitalised", "patients discharged"),
    ("votes cast", "registered voters"),
    ("protesters arrested", "protesters"),
    ("flights cancelled", "flights delayed"),
    ("students enrolled", "students graduated"),
    ("tourists visited", "hotel beds"),
    ("cars sold", "cars produced"),
    ("teachers on strike", "teachers hired"),
    ("trees planted", "trees felled"),
    ("people evacuated", "people missing"),
    ("prisoners of war exchanged", "prisoners of war held"),
    ("drones launched", "drones shot down"),
    ("asylum applications", "deportations"),
    ("births", "deaths"),
    ("imports", "exports"),
    ("people vaccinated", "people infected"),
    ("soldiers deserted", "recruits trained"),
    ("migrants arrived", "migrants deported"),
    ("firefighters deployed", "fires burning"),
    ("households without power", "households reconnected"),
]


def main() -> int:
    from claimledger.minilm import phrase_similarity

    scored = [(phrase_similarity(a, b), True, a, b) for a, b in SAME]
    scored += [(phrase_similarity(a, b), False, a, b) for a, b in DIFFERENT]
    print(f"{len(SAME)} same-measure pairs, {len(DIFFERENT)} different-measure pairs (all-MiniLM-L6-v2 cosine)")
    print(f"{'threshold':>9} {'same P':>7} {'same R':>7} {'diff P':>7} {'diff R':>7}   (same: at or above; diff: below)")
    same_at = different_at = None
    for step in range(20, 96, 5):
        threshold = step / 100
        above = [s for s in scored if s[0] >= threshold]
        below = [s for s in scored if s[0] < threshold]
        same_hits, diff_hits = sum(1 for s in above if s[1]), sum(1 for s in below if not s[1])
        same_p = same_hits / len(above) if above else 1.0
        diff_p = diff_hits / len(below) if below else 1.0
        print(f"{threshold:>9.2f} {same_p:>7.3f} {same_hits / len(SAME):>7.3f} {diff_p:>7.3f} {diff_hits / len(DIFFERENT):>7.3f}")
        if same_at is None and same_p >= 0.95:
            same_at = threshold
        if below and diff_p >= 0.9:
            different_at = threshold
    print("hardest different pairs:")
    for score, _, a, b in sorted((s for s in scored if not s[1]), reverse=True)[:5]:
        print(f"  {score:.2f}  {a} / {b}")
    current = json.loads(resources.files("claimledger.data").joinpath("lineage.json").read_text("utf-8"))
    print(
        f"recommended: same at or above {same_at}, different below {different_at}, unknown between (data/lineage.json"
        f" has {current['meaning_threshold']} and {current['different_below']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
