"""stance: who backs whom, mention by mention, in news about the Venezuelan presidential crisis.

    import stance
    model = stance.load()                       # the shipped model, offline
    for m in model.predict("Russia stood by Maduro; Canada recognised Guaidó."):
        print(m.text, m.actor, m.label, m.score)
"""

from __future__ import annotations

__version__ = "0.1.0"


def load(path=None, device: str = "auto", int8: bool = False):
    """Load a model folder (default: the shipped one) as a `stance.infer.predictor.StanceModel`;
    `int8=True` is `stance predict --int8` (see `StanceModel.load`)."""
    from stance.infer.predictor import StanceModel

    return StanceModel.load(path, device=device, int8=int8)


__all__ = ["__version__", "load"]
