"""decode_text: every Chinese encoding reports come in, and clear refusals for non-text."""

import random

import pytest

from conftest import case_id, load_cases
from extract.errors import UnreadableInput
from extract.read import read_bytes
from extract.read_text import decode_text

CASES = load_cases("encodings")


def _bytes(case):
    return case["bytes"].encode("latin-1").decode("unicode_escape").encode("latin-1")


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_encoding_case(case):
    if "error" in case:
        with pytest.raises(UnreadableInput) as err:
            decode_text(_bytes(case), "x.txt")
        assert case["error"] in err.value.reason
        assert err.value.path == "x.txt"
    else:
        text, enc = decode_text(case["text"].encode(case["encode"]), "x.txt")
        assert text == case["text"]
        assert enc == case["expect"]


# The real reports, re-encoded. Traditional copies (seed, 032, 055, 070) also go to Big5.
_TRADITIONAL = ["000_ee0214fd6cb0a06f.txt", "032_shanghai-shi-2012-traditional-partial.txt",
                "055_shanghai-shi-2009-traditional-partial.txt",
                "070_hangzhou-binjiang-ju-2017-traditional-mirror-partial.txt"]
_SIMPLIFIED = ["014_shanghai-kewei-2024-pdf2md.txt", "019_pingtan-zonghe-shiyanqu-2019.txt",
               "043_shanghai-putuo-2022h1-stats.txt", "063_nanlv-zhen-tunchang-2012-partial.txt"]


@pytest.mark.parametrize("name", _TRADITIONAL + _SIMPLIFIED)
@pytest.mark.parametrize("codec, name_back", [
    ("gb18030", "gb18030"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"),
])
def test_corpus_reencoded(corpus_dir, name, codec, name_back):
    text = (corpus_dir / name).read_text(encoding="utf-8")
    assert decode_text(text.encode(codec), name) == (text, name_back)


@pytest.mark.parametrize("name", _TRADITIONAL)
def test_traditional_corpus_in_big5(corpus_dir, name):
    text = (corpus_dir / name).read_text(encoding="utf-8")
    data = text.encode("big5", errors="replace")  # the seed has a character Big5 lacks
    decoded, enc = decode_text(data, name)
    assert enc == "big5"
    assert decoded == data.decode("big5")


@pytest.mark.parametrize("name", _TRADITIONAL + _SIMPLIFIED)
def test_first_line_alone_still_decodes(corpus_dir, name):
    """Short texts fool detectors: the first line alone, in GB18030 and Big5."""
    line = next(ln for ln in (corpus_dir / name).read_text(encoding="utf-8").splitlines()
                if sum("\u4e00" <= c <= "\u9fff" for c in ln) >= 4)[:30]
    assert decode_text(line.encode("gb18030"), name) == (line, "gb18030")
    try:
        big5 = line.encode("big5")
    except UnicodeEncodeError:
        return  # simplified characters Big5 cannot hold
    assert decode_text(big5, name) == (line, "big5")


def test_a_cut_multibyte_character_is_tolerated(corpus_dir):
    text = (corpus_dir / "019_pingtan-zonghe-shiyanqu-2019.txt").read_text(encoding="utf-8")
    data = text.encode("gb18030")[:-1]  # a scrape cut in the last character
    decoded, enc = decode_text(data, "cut.txt")
    assert enc == "gb18030"
    assert decoded[:-1] == text[:-1]


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_refused(seed):
    data = random.Random(seed).randbytes(4000)
    with pytest.raises(UnreadableInput):
        decode_text(data, "noise.bin")


def test_mojibake_refused(corpus_dir):
    """UTF-8 text read as GBK and saved again as UTF-8 (the classic 锟斤拷 mess) decodes as
    UTF-8 but is not Chinese text anyone wrote."""
    text = (corpus_dir / "043_shanghai-putuo-2022h1-stats.txt").read_text(encoding="utf-8")
    for mojibake in (text.encode("utf-8").decode("gb18030", errors="ignore"),  # 姝ｆ枃
                     text.encode("gb18030").decode("latin-1")):  # ÕýÎÄ
        with pytest.raises(UnreadableInput) as err:
            decode_text(mojibake.encode("utf-8"), "moji.txt")
        assert "mojibake" in err.value.reason


def test_dispatcher_empty_and_whitespace(tmp_path):
    from extract.read import read_file

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableInput, match="empty file"):
        read_file(empty)
    with pytest.raises(UnreadableInput, match="cannot open"):
        read_file(tmp_path / "missing.txt")


def test_read_bytes_records_encoding(corpus_dir):
    text = (corpus_dir / "055_shanghai-shi-2009-traditional-partial.txt").read_text(encoding="utf-8")
    raw = read_bytes(text.encode("big5"), "055.txt")
    assert raw.encoding == "big5" and raw.text == text and raw.kind == "txt"
