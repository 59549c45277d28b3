"""TCVN3 and VNI tables, both ways, on every Vietnamese letter; detection on real sentences."""

import unicodedata

import pytest

from guongsang.importer import legacy
from guongsang.importer.legacy import best_reading

LOWER = [ch for ch in legacy.VIETNAMESE_LETTERS if ch.islower()]
UPPER = [ch for ch in legacy.VIETNAMESE_LETTERS if ch.isupper()]
TCVN3_UPPER = set("ĂÂÊÔƠƯĐ")  # the only capitals with their own TCVN3 code

SENTENCE = (
    "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Ban Thường vụ Huyện ủy "
    "xây dựng Kế hoạch tổ chức Hội nghị sơ kết 02 năm thực hiện Kết luận số 01-KL/TW."
)


def test_there_are_134_vietnamese_letters_outside_ascii():
    # 12 vowel shapes × 6 tones - 5 plain ASCII vowels = 67, plus đ; lower and upper case.
    assert len(LOWER) == len(UPPER) == 67
    assert all(unicodedata.is_normalized("NFC", ch) for ch in legacy.VIETNAMESE_LETTERS)


@pytest.mark.parametrize("letter", legacy.VIETNAMESE_LETTERS)
def test_vni_both_ways(letter):
    encoded = legacy.unicode_to_vni(letter)
    assert encoded != letter or letter in "íìÍÌ"  # í and ì are the same code in VNI
    assert legacy.vni_to_unicode(encoded) == letter


@pytest.mark.parametrize("letter", LOWER + sorted(TCVN3_UPPER))
def test_tcvn3_both_ways(letter):
    encoded = legacy.unicode_to_tcvn3(letter)
    assert len(encoded) == 1 and ord(encoded) < 256
    assert encoded != letter or letter == "ý"  # ý is 0xFD in TCVN3 and in Latin-1
    assert legacy.tcvn3_to_unicode(encoded) == letter


@pytest.mark.parametrize("letter", sorted(set(UPPER) - TCVN3_UPPER))
def test_tcvn3_capitals_with_tones_come_back_lower_case(letter):
    # TCVN3 drew "Ấ" with the code of "ấ" in a capitals font: the case is lost, the letter is not.
    assert legacy.tcvn3_to_unicode(legacy.unicode_to_tcvn3(letter)) == letter.lower()


def test_the_tables_give_the_well_known_forms():
    assert legacy.unicode_to_tcvn3("Cộng hoà xã hội chủ nghĩa Việt Nam") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    assert legacy.unicode_to_tcvn3("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc"
    assert legacy.unicode_to_vni("Việt Nam") == "Vieät Nam"
    assert legacy.unicode_to_vni("Độc lập - Tự do - Hạnh phúc") == "Ñoäc laäp - Töï do - Haïnh phuùc"


@pytest.mark.parametrize(("encode", "name"), [(legacy.unicode_to_tcvn3, "tcvn3"), (legacy.unicode_to_vni, "vni")])
def test_detection_converts_a_legacy_sentence_to_the_same_nfc_text(encode, name):
    text, found = best_reading(encode(SENTENCE))
    assert found == name
    # TCVN3 keeps no toned capitals; none in this sentence, so it comes back exactly.
    assert text == SENTENCE


def test_unicode_text_is_left_alone_even_with_latin_1_letters():
    assert best_reading(SENTENCE) == (SENTENCE, "")
    assert best_reading("Café à la carte, résumé") == ("Café à la carte, résumé", "")


def test_decomposed_unicode_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert best_reading(decomposed) == (SENTENCE, "")


def test_a_short_line_follows_the_encoding_of_the_file():
    short = legacy.unicode_to_tcvn3("Số 98")  # "Sè 98": too few words to decide on its own
    assert best_reading(short) == ("Sè 98", "")
    assert best_reading(short, prefer="tcvn3") == ("Số 98", "tcvn3")


def test_a_tcvn3_heading_in_capitals_comes_back_in_capitals():
    heading = legacy.unicode_to_tcvn3("KẾ HOẠCH")  # "KÕ HO¹CH": capitals font, lower-case codes
    assert best_reading(heading, prefer="tcvn3") == ("KẾ HOẠCH", "tcvn3")
    assert legacy.tcvn3_to_unicode(legacy.unicode_to_tcvn3("Kế hoạch")) == "Kế hoạch"
