"""The analyzers this build knows, by the name@version an index records, and the default one: apart from
indexer/analysis.py, which maps each name to what it builds, so that the CLI's help lists them without loading the
analysis (its word lists, tables and regular expressions: about a tenth of `fahras --help`)."""

DEFAULT_ANALYZER = "ar_light@3"
ANALYZER_NAMES = ("ar_light@3", "ar_light@2", "ar_light@1", "ar_exact@1")  # analysis.ANALYZER_SPECS's keys, in order
