"""The statistical tagger: a CRF trained on ANERcorp (features.py: its attributes; crf.py: scoring and decoding;
ner_model.npz: the shipped model; train.py: how it was trained)."""

from indexer.entities.tagger.crf import NerTagger

__all__ = ["NerTagger"]
