"""Arabic letter names (from pyarabic) and the character classes the tokenizer and normalizer share."""

from __future__ import annotations

from pyarabic import araby

ALEF = araby.ALEF
ALEF_MADDA = araby.ALEF_MADDA
ALEF_HAMZA_ABOVE = araby.ALEF_HAMZA_ABOVE
ALEF_HAMZA_BELOW = araby.ALEF_HAMZA_BELOW
ALEF_WASLA = araby.ALEF_WASLA
ALEF_MAKSURA = araby.ALEF_MAKSURA
YEH = araby.YEH
TEH_MARBUTA = araby.TEH_MARBUTA
HEH = araby.HEH
TATWEEL = araby.TATWEEL
SUPERSCRIPT_ALEF = araby.MINI_ALEF  # U+0670
WAW = araby.WAW
FEH = araby.FEH
BEH = araby.BEH
LAM = araby.LAM
KAF = araby.KAF

ARABIC_INDIC_DIGITS = "".join(araby.NUMBERS_EAST)  # ٠١٢٣٤٥٦٧٨٩
PERSIAN_DIGITS = "".join(araby.NUMBERS_PERS)  # ۰۱۲۳۴۵۶۷۸۹

# Combining marks removed by normalization: harakat U+064B–U+065F (incl. shadda, sukun, madda/hamza above and
# below U+0653–U+0655), superscript alef U+0670, and Quranic annotation marks.
HARAKAT_CLASS = "\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"

# Letters that make up an Arabic-script word: the Arabic block's letters, the extended letters of Persian/Urdu
# (پ چ ژ ڤ گ ی ک …) and the presentation forms (ﻻ, ﺍ …), which NFKC folds to base letters.
ARABIC_LETTER_CLASS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufd3d\ufe70-\ufefc"

# What a Latin-script or digit word is made of (ASCII digits included, so "iPhone15" and "2024" are one token).
LATIN_WORD_CLASS = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
EASTERN_DIGIT_CLASS = "\u0660-\u0669\u06f0-\u06f9"
