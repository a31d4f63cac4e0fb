"""CPR numbers are removed in every common way of writing them, and nothing else is."""

import pytest

from assistant.privacy import CPR_PLACEHOLDER, redact_cpr


@pytest.mark.parametrize("cpr", ["010203-1234", "0102031234", "010203 1234", "311299-0000"])
def test_cpr_forms_are_replaced(cpr: str) -> None:
    text, count = redact_cpr(f"mit cpr er {cpr} tak")
    assert count == 1
    assert cpr not in text
    assert text == f"mit cpr er {CPR_PLACEHOLDER} tak"


@pytest.mark.parametrize(
    "text", ["ring 70 11 31 31", "post 2820 gentofte", "i 2022 var der 647", "nummer 12345678901"]
)
def test_other_numbers_are_kept(text: str) -> None:
    assert redact_cpr(text) == (text, 0)


def test_two_numbers_in_one_message() -> None:
    assert redact_cpr("mor 010203-1234 og far 040506-5678")[1] == 2
