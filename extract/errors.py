"""Exceptions for unusable input and broken rule files. Inconsistencies are Flags, not these."""


class GoujiError(Exception):
    """gouji could not do what was asked."""


class UnreadableInput(GoujiError):
    """The file cannot be read as a report (undecodable, empty, broken, encrypted, too large)."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NeedsOCR(UnreadableInput):
    """The file has no usable text layer (image-only or garbled fonts): it needs OCR."""


class RuleFileError(GoujiError):
    """A YAML rule or vocabulary file is malformed."""
