"""The actor gazetteer: canonical actors and the surface forms news uses for them.

The data file (`data/gazetteer/actors.yaml`, format in `data/gazetteer/README.md`)
lists `countries`, `people` and `organizations`, each with `id`, `name`,
`aliases` and `ambiguous`; countries add `demonyms` and `metonyms`, people and
organisations a `country`. Ids are those of the corpus records (`actor` of a
mention in `data/venezuela/*.jsonl`): `USA` for a state, `nicolas-maduro` for a
person, `oas` for an organisation -- without the `p:`/`o:` prefixes of the
source markup (a prefix in the file is tolerated and dropped).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from stance.errors import StanceError

__all__ = ["DEFAULT_PATH", "Actor", "Gazetteer", "gazetteer_version"]

DEFAULT_PATH: Path = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "actors.yaml"

_SECTIONS = (("countries", "country", ""), ("people", "person", "p:"), ("organizations", "organization", "o:"))


@dataclass(frozen=True)
class Actor:
    """One canonical actor. `id` is the corpus id (`USA`, `nicolas-maduro`, `oas`);
    `country` is the state a person or organisation belongs to (a country's own id
    for a country; None for international bodies)."""

    id: str
    type: str  # 'country' | 'person' | 'organization'
    name: str
    country: str | None


class Gazetteer:
    """Loaded gazetteer. Surface-form tables map a surface string to the actor ids
    that use it, in file order:

    * `aliases`: names of actors (the `name` and every alias, all types);
    * `demonyms`: adjectival forms of countries (`Venezuelan`), mentions only in
      government phrases (`Venezuelan government`);
    * `metonyms`: seats and bodies of government standing for a state;
    * `ambiguous`: (surface, id) pairs marked ambiguous in the file (context rules apply).
    """

    def __init__(self, version: str, actors: dict[str, Actor], aliases: dict[str, tuple[str, ...]],
                 demonyms: dict[str, tuple[str, ...]], metonyms: dict[str, tuple[str, ...]],
                 ambiguous: frozenset[tuple[str, str]], path: Path | None = None) -> None:
        self.version = version
        self.actors = actors
        self.aliases = aliases
        self.demonyms = demonyms
        self.metonyms = metonyms
        self.ambiguous = ambiguous
        self.path = path

    def __repr__(self) -> str:
        return f"Gazetteer(version={self.version!r}, actors={len(self.actors)}, path={self.path})"

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Gazetteer":
        """Load (and cache) the gazetteer at `path` (default `DEFAULT_PATH`)."""
        p = Path(path) if path is not None else DEFAULT_PATH
        try:
            p = p.resolve()
        except OSError:
            pass
        return _load_cached(str(p))

    @classmethod
    def from_dict(cls, data: object, source: object = "<gazetteer>") -> "Gazetteer":
        """Build a gazetteer from the parsed YAML mapping; StanceError on a bad structure."""
        def bad(msg: str) -> StanceError:
            return StanceError(f"{source}: invalid gazetteer: {msg}")

        if not isinstance(data, dict):
            raise bad("top level must be a mapping with `version`, `countries`, `people`, `organizations`")
        version = data.get("version")
        if version is None or isinstance(version, (dict, list)):
            raise bad("missing or invalid `version`")
        actors: dict[str, Actor] = {}
        aliases: dict[str, list[str]] = {}
        demonyms: dict[str, list[str]] = {}
        metonyms: dict[str, list[str]] = {}
        ambiguous: set[tuple[str, str]] = set()

        def add(table: dict[str, list[str]], surface: object, aid: str, where: str) -> None:
            if not isinstance(surface, str) or not surface.strip():
                raise bad(f"{where}: every surface form must be a non-empty string, got {surface!r}")
            s = surface.strip()
            ids = table.setdefault(s, [])
            if aid not in ids:
                ids.append(aid)

        def strings(entry: dict, key: str, where: str) -> list:
            v = entry.get(key)
            if v is None:
                return []
            if not isinstance(v, list):
                raise bad(f"{where}: `{key}` must be a list")
            return v

        for section, typ, prefix in _SECTIONS:
            items = data.get(section) or []
            if not isinstance(items, list):
                raise bad(f"`{section}` must be a list")
            for i, e in enumerate(items):
                where = f"{section}[{i}]"
                if not isinstance(e, dict):
                    raise bad(f"{where}: must be a mapping")
                raw_id, name = e.get("id"), e.get("name")
                if not isinstance(raw_id, str) or not raw_id.strip():
                    raise bad(f"{where}: missing `id`")
                if not isinstance(name, str) or not name.strip():
                    raise bad(f"{where} ({raw_id}): missing `name`")
                aid = raw_id.strip()
                if prefix and aid.startswith(prefix):
                    aid = aid[len(prefix):]  # tolerate corpus-markup prefixes
                where = f"{section} {aid}"
                if aid in actors:
                    raise bad(f"duplicate id {aid}")
                if typ == "country":
                    country: str | None = aid
                else:
                    c = e.get("country")
                    if c is not None and not isinstance(c, str):
                        raise bad(f"{where}: `country` must be an id or null")
                    country = c.strip() if isinstance(c, str) and c.strip() else None
                actors[aid] = Actor(aid, typ, name.strip(), country)
                add(aliases, name, aid, where)
                for a in strings(e, "aliases", where):
                    add(aliases, a, aid, where)
                if typ == "country":
                    for a in strings(e, "demonyms", where):
                        add(demonyms, a, aid, where)
                    for a in strings(e, "metonyms", where):
                        add(metonyms, a, aid, where)
                for a in strings(e, "ambiguous", where):
                    if isinstance(a, str) and a.strip():
                        ambiguous.add((a.strip(), aid))
        if not actors:
            raise bad("no actors")

        def freeze(t: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
            return {k: tuple(v) for k, v in t.items()}

        return cls(str(version), actors, freeze(aliases), freeze(demonyms), freeze(metonyms),
                   frozenset(ambiguous))


@functools.lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    from stance.textio import load_yaml  # PyYAML is imported only when a gazetteer is loaded

    p = Path(path)
    data = load_yaml(p, "gazetteer")
    g = Gazetteer.from_dict(data, p)
    g.path = p
    return g


def gazetteer_version(path: Path | str | None = None) -> str:
    """The file's `version` plus a short sha256 of its bytes, e.g. `1+3fa2c9d1`."""
    g = Gazetteer.load(path)
    p = g.path if g.path is not None else DEFAULT_PATH
    try:
        digest = hashlib.sha256(Path(p).read_bytes()).hexdigest()[:8]
    except OSError as e:
        raise StanceError(f"{p}: cannot read gazetteer: {e.strerror}") from None
    return f"{g.version}+{digest}"
