"""A ruling being written in the app ("Edit answers"): the author's unsaved fields, what is
wrong with them (each problem beside its field, in plain words), the `Ruling` they make for the
live preview, and the fields `ruling_writer.write_ruling` saves.

A citation's fingerprint is always computed from the clause's words here, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from guidance_app.core.content.model import Clause, School
from guidance_app.core.content.rulings import BINDING_WORDS, Citation, Ruling
from guidance_app.core.files.yamlsafe import Mark

NOWHERE = Mark(0, 0)  # an unsaved ruling stands at no place in a file

# The fields problems are shown beside (and the order they are listed in).
FIELDS = ("cite", "action", "binding", "steps", "tell", "not_covered", "ask")


@dataclass(frozen=True)
class RulingDraft:
    """What the author has typed and chosen for one situation. `cites` are `policy#clause`
    references in the order cited; `note` and `owner_query` are kept as they were (the app
    does not edit them, and saving must not lose them)."""

    covered: bool = True
    action: str = ""
    binding: str = ""
    steps: tuple[str, ...] = ()
    tell: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    not_covered: str = ""
    ask: str = ""
    note: str | None = None
    owner_query: str | None = None

    @classmethod
    def of(cls, ruling: Ruling | None) -> RulingDraft:
        """The draft that starts from a saved ruling (or an empty one for a situation with
        none, or one still to do)."""
        if ruling is None or ruling.to_do:
            return cls()
        covered = ruling.not_covered is None  # answered, or answered and under review
        return cls(
            covered=covered,
            action=ruling.action or "",
            binding=ruling.binding or "",
            steps=ruling.steps,
            tell=ruling.tell if covered else (),
            cites=tuple(c.ref for c in ruling.citations),
            not_covered=ruling.not_covered or "",
            ask=ruling.ask or "",
            note=ruling.note,
            owner_query=ruling.owner_query,
        )

    def toggled(self, ref: str) -> RulingDraft:
        """The draft with the clause `policy#clause` cited, or no longer cited if it was."""
        cites = (
            tuple(c for c in self.cites if c != ref) if ref in self.cites else (*self.cites, ref)
        )
        return replace(self, cites=cites)

    def clean_steps(self) -> tuple[str, ...]:
        return tuple(step.strip() for step in self.steps if step.strip())

    def problems(self, school: School) -> dict[str, str]:
        """What must be put right before saving, by field, in plain words: the checks
        `validate` makes of a ruling (rulings.py's shape, validate.py's roles and citations)."""
        found: dict[str, str] = {}
        roles = school.roles
        for ref in self.cites:
            if cited_clause(school, ref) is None:
                found["cite"] = f"{ref} is no longer in your school's policies: cite it again."
        if not self.covered:
            if not self.not_covered.strip():
                found["not_covered"] = (
                    "Say in a sentence what staff should know: that your policy does not "
                    "cover this, and what they should do meanwhile."
                )
            if self.ask and self.ask not in roles:
                found["ask"] = f"'{self.ask}' is not one of your school's roles."
            return found
        if not self.cites:
            found["cite"] = (
                "Cite at least one clause: click the clause of your policy this answer rests on."
            )
        if not self.action.strip():
            found["action"] = "Say what staff should do, in one sentence."
        if self.binding not in BINDING_WORDS:
            found["binding"] = "Choose how binding this is (must, should, advised or may)."
        if not self.clean_steps():
            found["steps"] = "Give at least one step, one per line."
        if not self.tell:
            found["tell"] = "Choose at least one person staff should tell."
        unknown = [role for role in self.tell if role not in roles]
        if unknown:
            found["tell"] = f"Not one of your school's roles: {', '.join(unknown)}."
        return found

    def ruling(self, school: School, key: str) -> Ruling:
        """The ruling this draft makes, for the preview (citations that no longer resolve are
        left out, as the wizard leaves them out)."""
        citations = []
        for ref in self.cites:
            clause = cited_clause(school, ref)
            if clause is not None:
                policy_id, clause_id = ref.split("#", 1)
                citations.append(Citation(policy_id, clause_id, clause.fingerprint, NOWHERE))
        return Ruling(
            school_id=school.id,
            situation=key,
            action=self.action.strip() if self.covered else None,
            binding=self.binding if self.covered else None,
            steps=self.clean_steps() if self.covered else (),
            tell=self.tell if self.covered else ("dsl",),
            citations=tuple(citations),
            not_covered=None if self.covered else self.not_covered.strip(),
            mark=NOWHERE,
            ask=(self.ask or None) if not self.covered else None,
            owner_query=self.owner_query,
            note=self.note,
        )

    def fields(self, school: School) -> dict[str, object]:
        """The ruling as `rulings.yaml` holds it, for `ruling_writer.write_ruling`: every
        fingerprint computed from the clause's current words."""
        written: dict[str, object]
        cite = [
            {"clause": ref, "fingerprint": clause.fingerprint}
            for ref in self.cites
            if (clause := cited_clause(school, ref)) is not None
        ]
        if self.covered:
            written = {
                "action": self.action.strip(),
                "binding": self.binding,
                "steps": list(self.clean_steps()),
                "tell": list(self.tell),
                "cite": cite,
            }
        else:  # what the policy says nearby may be cited, as the wizard quotes it
            written = {"not_covered": self.not_covered.strip()}
            if self.ask:
                written["ask"] = self.ask
            if cite:
                written["cite"] = cite
        if self.owner_query:
            written["owner_query"] = self.owner_query
        if self.note:
            written["note"] = self.note
        return written


def cited_clause(school: School, ref: str) -> Clause | None:
    """The clause a `policy#clause` reference names in this school, if it has it."""
    policy_id, _, clause_id = ref.partition("#")
    policy = school.policy(policy_id)
    return policy.clause(clause_id) if policy is not None else None
