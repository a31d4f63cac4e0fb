"""Find and replace CPR numbers before a message goes anywhere.

A CPR number is 6 digits (ddmmyy) then 4 digits, written together, with a hyphen or a space.
We neither rely on the modulus-11 check (numbers issued since 2007 need not pass it) nor on the
date: replacing a look-alike by mistake costs little, letting a real number through costs much.
"""

from __future__ import annotations

import re

CPR_PATTERN = re.compile(r"(?<!\d)\d{6}[ \-]?\d{4}(?!\d)")
CPR_PLACEHOLDER = "[CPR-nummer fjernet]"
CPR_NOTICE = (
    "Du skrev noget, der ligner et CPR-nummer. Jeg har fjernet det, før beskeden blev sendt. "
    "Skriv aldrig dit CPR-nummer her."
)


def redact_cpr(text: str) -> tuple[str, int]:
    """Replace every CPR-like number in `text`.

    Args:
        text: A user's message.

    Returns:
        The text with each CPR-like number replaced, and how many were replaced.
    """
    return CPR_PATTERN.subn(CPR_PLACEHOLDER, text)
