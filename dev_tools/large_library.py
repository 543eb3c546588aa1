"""A realistic large library for `make bench`: a trust's schools, each with its own set of policies.

    python dev_tools/large_library.py OUT_FOLDER [POLICIES]      (1,000 by default)

Each school has one policy of each of 20 kinds (safeguarding, behaviour, attendance, data
protection, complaints, curriculum, health and safety, SEND, ...), of the length such a policy
has in practice (safeguarding long, a lettings policy short), written from each kind's own
vocabulary through a set of clause patterns, so common words (staff, pupil, school, parent) are
in nearly every policy and each kind's words in few, as in a real school's set. The
social-media kind is the bundled policies' clauses, shuffled, so staff queries about social media
find what they find in the app. Deterministic: the same seed writes the same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guidance_app.core.content.loader import load_library  # noqa: E402
from guidance_app.core.content.model import Block, Library  # noqa: E402

CONTENT = ROOT / "content"

VOCABULARY = yaml.safe_load((Path(__file__).with_suffix(".yaml")).read_text(encoding="utf-8"))
KINDS: list[dict[str, Any]] = VOCABULARY["kinds"]


def _sentence(rng: random.Random, kind: dict[str, Any]) -> str:
    objects, actions, own = kind["about"], kind["actions"], kind["sentences"]
    if rng.random() < 0.15:
        return rng.choice(own)
    pattern = rng.choice(VOCABULARY["patterns"])
    role = rng.choice(VOCABULARY["roles"])
    obj = rng.choice(objects)
    text = pattern.format(
        actor=rng.choice(VOCABULARY["actors"]),
        actors=rng.choice(VOCABULARY["actors"]).lower(),
        modal=rng.choice(VOCABULARY["modals"]),
        modal_s=rng.choice(["must", "should", "will"]),
        action=rng.choice(actions),
        object=obj,
        Object=obj[0].upper() + obj[1:],
        when=rng.choice(VOCABULARY["when"]),
        role=role,
        role_cap=role[0].upper() + role[1:],
        law=rng.choice(VOCABULARY["laws"]),
    )
    return text


def _clause(rng: random.Random, kind: dict[str, Any]) -> str:
    text = " ".join(_sentence(rng, kind) for _ in range(rng.choice((1, 1, 2, 2, 3, 4))))
    if rng.random() < 0.2:  # a clause with a list, as policies have
        items = rng.sample(kind["about"], k=min(len(kind["about"]), rng.randint(2, 5)))
        text = text.rstrip(".") + ", including:\n\n" + "\n".join(f"- {i};" for i in items)
    return text + "\n"


def _markdown(blocks: tuple[Block, ...]) -> str:
    lines = []
    for block in blocks:
        if block.is_list_item:
            lines.append("  " * (block.level - 1) + "- " + block.markdown)
        else:
            lines.append(("\n" if lines else "") + block.markdown + "\n")
    return "\n".join(lines).strip() + "\n"


def _front(title: str) -> str:
    return (
        f"---\ntitle: {title}\nsource: synthetic.txt\napproved: not stated\n"
        "review_cycle: annually\nnext_review: not stated\n---\n"
    )


def _generated(rng: random.Random, kind: dict[str, Any]) -> str:
    title, (fewest, most), headings = kind["title"], kind["sections"], kind["headings"]
    count = min(len(headings), rng.randint(fewest, most))
    chosen = sorted(rng.sample(range(len(headings)), k=count))
    parts = [_front(title)]
    for number, heading in enumerate((headings[i] for i in chosen), 1):
        parts.append(f"\n# {number}. {heading} {{#s{number}}}\n")
        for c_number in range(1, rng.randint(2, 9)):
            parts.append(f"\n{{#s{number}-{c_number}}}\n{number}.{c_number} {_clause(rng, kind)}")
    return "".join(parts)


def _social_media(rng: random.Random, library: Library) -> str:
    """A social-media policy made of the bundled policies' clauses, shuffled."""
    sections = [sec for s in library.schools for p in s.policies for sec in p.sections]
    sections = [sec for sec in sections if sec.clauses]
    every_clause = [c for sec in sections for c in sec.clauses]
    parts = [_front("Social Media Policy")]
    for number, section in enumerate(rng.sample(sections, k=min(len(sections), 12)), 1):
        heading = " ".join(section.heading.replace("{", "").replace("}", "").split())
        parts.append(f"\n# {heading} {{#s{number}}}\n")
        clauses = list(section.clauses) + rng.sample(every_clause, k=2)
        rng.shuffle(clauses)
        for c_number, clause in enumerate(clauses, 1):
            parts.append(f"\n{{#s{number}-{c_number}}}\n{_markdown(clause.blocks)}")
    return "".join(parts)


def write_large_library(
    folder: Path, policies: int = 1000, seed: int = 18, bundled: Library | None = None
) -> Path:
    """`policies` policies in `folder` (which must not exist): one of each kind per school."""
    rng = random.Random(seed)
    library = bundled or load_library(CONTENT).library
    per_school = len(KINDS) + 1
    (folder / "wizards").mkdir(parents=True)
    for wizard in (CONTENT / "wizards").glob("*.yaml"):
        (folder / "wizards" / wizard.name).write_bytes(wizard.read_bytes())
    (folder / "synonyms.yaml").write_bytes((CONTENT / "synonyms.yaml").read_bytes())
    for number in range(policies):
        school_number, kind_number = divmod(number, per_school)
        school = folder / "schools" / f"school-{school_number:04d}"
        if kind_number == 0:
            (school / "policies").mkdir(parents=True)
            (school / "school.yaml").write_text(
                f"name: Trust School {school_number}\nshort_name: T{school_number}\n"
                "roles:\n  dsl: the designated safeguarding lead\n",
                encoding="utf-8",
            )
        if kind_number == len(KINDS):
            text, name = _social_media(rng, library), "social-media"
        else:
            kind = KINDS[kind_number]
            text = _generated(rng, kind)
            name = kind["title"].lower().replace(",", "").replace(" ", "-")
        (school / "policies" / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


if __name__ == "__main__":
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    write_large_library(out, count)
    print(f"{count} policies written to {out}")
