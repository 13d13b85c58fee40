"""Arabic letter names (pyarabic's, written out: importing pyarabic.araby compiles its regexes and cost every command's
start ~7 ms; tests/test_normalize.py checks each against pyarabic) and the character classes the tokenizer and
normalizer share."""

from __future__ import annotations

ALEF = "\u0627"  # ا
ALEF_MADDA = "\u0622"  # آ
ALEF_HAMZA_ABOVE = "\u0623"  # أ
ALEF_HAMZA_BELOW = "\u0625"  # إ
ALEF_WASLA = "\u0671"  # ٱ
ALEF_MAKSURA = "\u0649"  # ى
YEH = "\u064a"  # ي
TEH_MARBUTA = "\u0629"  # ة
HEH = "\u0647"  # ه
TATWEEL = "\u0640"  # ـ
SUPERSCRIPT_ALEF = "\u0670"  # pyarabic's MINI_ALEF
WAW = "\u0648"  # و
FEH = "\u0641"  # ف
BEH = "\u0628"  # ب
LAM = "\u0644"  # ل
KAF = "\u0643"  # ك

ARABIC_INDIC_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"  # ٠١٢٣٤٥٦٧٨٩
PERSIAN_DIGITS = "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"  # ۰۱۲۳۴۵۶۷۸۹

# Combining marks removed by normalization: harakat U+064B–U+065F (incl. shadda, sukun, madda/hamza above and
# below U+0653–U+0655), superscript alef U+0670, and Quranic annotation marks.
HARAKAT_CLASS = "\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"

# Letters that make up an Arabic-script word: the Arabic block's letters, the extended letters of Persian/Urdu
# (پ چ ژ ڤ گ ی ک …) and the presentation forms (ﻻ, ﺍ …), which NFKC folds to base letters.
ARABIC_LETTER_CLASS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufd3d\ufe70-\ufefc"

# What a Latin-script or digit word is made of (ASCII digits included, so "iPhone15" and "2024" are one token).
LATIN_WORD_CLASS = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
EASTERN_DIGIT_CLASS = "\u0660-\u0669\u06f0-\u06f9"
