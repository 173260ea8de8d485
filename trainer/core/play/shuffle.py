"""The order a run shows a scene's choices in: drawn from the run's seed, so position never gives the answer away.

Deterministic: the same seed and scene give the same order in every process, so a resumed run, the
replay viewer and `trainer play --seed N` show what the player saw. A scenario or a scene with
`shuffle: false` keeps the order written (a sequence that must read in order). A replay recorded
before runs had a seed (``seed`` None) was shown in the order written, and is shown so again.
Only the order changes: choices keep their ids, so scoring, par and analysis never see it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from trainer.core.scenario.compiled import CompiledChoice

if TYPE_CHECKING:
    from trainer.core.scenario.loader import Scenario


def is_shuffled(scenario: Scenario, scene: int) -> bool:
    """Whether runs show this scene's choices shuffled: the scene's `shuffle`, else the scenario's."""
    own = scenario.file.scenes[scenario.compiled.scene_ids[scene]].shuffle
    return scenario.file.shuffle if own is None else own


def rank(seed: int, scene_id: str, choice_id: str) -> bytes:
    """Where a choice goes in its scene's shown order: a hash of the seed, the scene and the choice.

    Sorting by it gives every order of a scene's choices the same chance, costs a microsecond a
    choice (seeding a `random.Random` costs a hundred times more), is the same in every process and
    on every platform (no hash randomisation), and leaves the other choices in their places when one
    is offered only sometimes or an author adds one.
    """
    return hashlib.blake2b(f"{seed}/{scene_id}/{choice_id}".encode(), digest_size=8).digest()


def in_shown_order(
    scenario: Scenario, scene: int, offered: Sequence[CompiledChoice], seed: int | None
) -> list[CompiledChoice]:
    """The ``offered`` choices of ``scene`` (in authored order) in the order a run with ``seed`` shows them."""
    if seed is None or len(offered) < 2 or not is_shuffled(scenario, scene):
        return list(offered)
    scene_id = scenario.compiled.scene_ids[scene]
    return sorted(offered, key=lambda choice: rank(seed, scene_id, choice.id))
