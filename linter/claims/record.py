"""Claims as records: what a sentence says about an AI system, before anyone judges it."""

from __future__ import annotations

from dataclasses import dataclass

#: The closed set of predicates a claim can make.
PREDICATES = frozenset(
    {
        "is_a",  # category: "DALL·E is an LLM"
        "subclass_of",  # subset, with direction: "generative AI is a type of LLM"
        "same_as",  # conflation: "LLMs, i.e. generative AI"
        "disjoint_from",  # "LLMs and generative AI are separate fields"
        "made_by",  # vendor: "Google's GPT-4"
        "takes_input",  # "Whisper takes audio"
        "outputs",  # modality: "LLMs generate images"
        "built_on",  # architecture: "BERT is a decoder-only model"
        "powered_by",  # "GitHub Copilot is powered by PaLM"
        "renamed_to",  # outdated: "Google Bard"
        "limited_to",  # "generative AI is limited to text"
    }
)


#: Object types beyond the KB's sections: "a model" of no named class; every kind of output.
GENERIC, GENERIC_MODEL, ANY_OUTPUT = "generic", "model", "anything"

#: The construction of a ``made_by`` claim read off a verb of authorship ("X was developed by
#: Y"), not off a possessive or "from Y", which a host of others' models also takes.
AUTHORED = "authored"


@dataclass(frozen=True)
class Claim:
    """``subject`` (a KB id of ``subject_type``) ``predicate`` ``object`` (a KB id).

    ``start``/``end`` is the span of text a finding about the claim covers; ``quantifier`` is
    ``""``, ``"all"``, ``"not_all"``, ``"some"`` or ``"only"``; ``polarity`` is False for a
    denied claim; ``construction`` names the extractor that read it; ``object_text`` is the
    words that named the object ("text-to-image model"), for messages and wording checks;
    ``more_objects`` are further objects of the same predicate, coordinated with ``object``
    ("LLMs generate images and video": one claim, judged and reported once).
    """

    subject: str
    subject_type: str
    predicate: str
    object: str
    object_type: str
    start: int
    end: int
    quantifier: str = ""
    polarity: bool = True
    construction: str = ""
    object_text: str = ""
    more_objects: tuple[str, ...] = ()

    @property
    def objects(self) -> tuple[str, ...]:
        """``object`` and ``more_objects``."""
        return (self.object, *self.more_objects)

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(f"unknown predicate {self.predicate!r}")


@dataclass(frozen=True)
class Verdict:
    """Why a claim is wrong: the rule name, a message and an optional replacement."""

    rule: str
    message: str
    replacement: str | None = None
