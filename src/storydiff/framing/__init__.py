"""How each outlet labels the actors: descriptive terms, in whose voice, loaded or not.

A *label* is a descriptive noun phrase that a document applies to an entity: an
apposition ("the Front, a banned militia"), a predicate nominal ("the Front is a
cult"), a modifier of the name ("the violent Front"), a descriptor whose name follows
("the outlawed group Halden Front"), an "as" phrase ("designated as a terrorist
group"), or a definite noun phrase that refers back to the actor ("the exiled group").
Every label says in whose voice it is: the narrator's own, quoted (inside someone's
quotation) or attributed (the outlet marks distance: scare quotes, "X considers them",
"described as", reported speech).

All of it works on the dependency parse of the one spaCy pass: no coreference model is
installed, so references back ("the group", "they") are resolved by small, conservative
rules that skip whenever more than one actor could be meant (precision first).

The package, by concept: ``lexicon`` (vocabulary, loaded-language lexicon), ``references``
(definite NPs and pronouns back to entities), ``candidates`` (the constructions that tie a
label to an entity), ``voice`` (whose words), ``labels`` (find_labels) and ``compare``
(compare_framing).
"""

from .compare import compare_framing
from .labels import find_labels
from .lexicon import (
    ACTOR_TYPES,
    GROUP_NOUNS,
    INSTITUTION_WORDS,
    MEMBER_NOUNS,
    SPEECH_VERBS,
    VIEW_VERBS,
    Lexicon,
    LexiconEntry,
    load_lexicon,
)

__all__ = [
    "ACTOR_TYPES",
    "GROUP_NOUNS",
    "INSTITUTION_WORDS",
    "MEMBER_NOUNS",
    "SPEECH_VERBS",
    "VIEW_VERBS",
    "Lexicon",
    "LexiconEntry",
    "compare_framing",
    "find_labels",
    "load_lexicon",
]
