import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from guongsang.lib.text import collation_key, fold, nfc, person_sort_key


def test_it_normalises_to_nfc_and_folds_spaces():
    decomposed = unicodedata.normalize("NFD", "  Lạc   Dương ")
    assert nfc(decomposed) == "Lạc Dương"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_it_folds_accents_for_search():
    assert fold("Lạc Dương") == "lac duong"
    assert fold("ĐẢNG ỦY XÃ ĐẠ SAR") == "dang uy xa da sar"
    assert fold(unicodedata.normalize("NFD", "Đưng K'Nớ")) == "dung k'no"


def test_it_sorts_letters_in_the_vietnamese_alphabet():
    words = ["b", "â", "ă", "a", "đ", "d", "ơ", "ô", "o", "ư", "u"]
    assert sorted(words, key=collation_key) == ["a", "ă", "â", "b", "d", "đ", "o", "ô", "ơ", "u", "ư"]


def test_it_sorts_tones_after_letters():
    # ngang < huyền < hỏi < ngã < sắc < nặng, but only when the letters are equal
    words = ["má", "mà", "mạ", "ma", "mã", "mả", "mai"]
    assert sorted(words, key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]


def test_it_sorts_people_by_given_name_then_family_name():
    names = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Nguyễn Văn An", "Đỗ Thị Ấu"]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == ["Lê Văn An", "Nguyễn Văn An", "Nguyễn Thị Ánh", "Đỗ Thị Ấu", "Trần Văn Bình"]


@given(st.text(alphabet="aăâbdđeêioôơuưy àáảãạ", max_size=12))
def test_the_key_ignores_the_unicode_form(text):
    assert collation_key(unicodedata.normalize("NFD", text)) == collation_key(unicodedata.normalize("NFC", text))
