"""Entities from the spaCy entity ruler, with each synonym's canonical value."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.tokens import Doc, Span

# Words some patterns need for context that are not part of the entity itself:
# "it's been [two months]", "[3 weeks] since we split".
CONTEXT_WORDS = frozenset({"been", "since"})


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="SpacyNLP",
)
class RulerEntityExtractor(SpacyEntityExtractor):
    """Like Rasa's ``SpacyEntityExtractor``, but reports the pattern id as value.

    The ruler's patterns carry the canonical value in their id ("gf" ->
    "girlfriend"), so no separate synonym table has to be kept in step.
    It reuses the doc ``SpacyNLP`` already made: the ruler matches on lower
    case, so the lower-cased doc loses nothing. A pattern match has no
    confidence, so none is reported: Rasa's event schema refuses ``None``.
    """

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT]) or model.model(message.get(TEXT))
            extracted = self.filter_irrelevant_entities(
                self.add_extractor_name(self._extract_entities(doc)),
                self._config["dimensions"],
            )
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages

    @staticmethod
    def _extract_entities(doc: Doc) -> List[Dict[str, Any]]:
        entities = []
        for ent in doc.ents:
            span = _without_context_words(ent)
            entities.append(
                {
                    "entity": ent.label_,
                    "value": ent.ent_id_ or span.text,
                    "start": span.start_char,
                    "end": span.end_char,
                }
            )
        return entities


def _without_context_words(ent: Span) -> Span:
    start, end = ent.start, ent.end
    while end - start > 1 and ent.doc[start].lower_ in CONTEXT_WORDS:
        start += 1
    while end - start > 1 and ent.doc[end - 1].lower_ in CONTEXT_WORDS:
        end -= 1
    return ent.doc[start:end]
