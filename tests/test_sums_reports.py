"""Sum checks on real corpus reports: the flags their gold files list, and no others."""

import pytest

from extract.process import analyse_file

MINE = ("sum.", "value.conflict")


def _flags(corpus_dir, name):
    return [(f.code, tuple(f.values)) for f in analyse_file(corpus_dir / name).flags
            if f.code.startswith(MINE)]


@pytest.mark.parametrize("name,expected", [
    ("003_pingtan-xian-2011.txt", {("sum.parts_total", (421, 425))}),
    ("005_pingtan-xian-2012.txt", {("sum.parts_total", (3926, 3978)), ("sum.parts_total", (3978, 2026)),
                                   ("sum.parts_total", (1175, 2026)), ("sum.percent_total", (57.9,))}),
    ("007_pingtan-zonghe-shiyanqu-2012.txt", {
        ("sum.parts_total", (1931, 1913)), ("sum.percent", (27, 534, 1913)),
        ("sum.percent", (8.05, 145, 1913)), ("sum.parts_total", (911, 1913)),
        ("sum.percent_total", (48.09,))}),
    ("010_pingtan-zonghe-shiyanqu-2014.txt", {("sum.parts_total", (2641, 2543))}),
    ("014_shanghai-kewei-2024-pdf2md.txt", {("sum.parts_total", (2160, 2139))}),
    ("019_pingtan-zonghe-shiyanqu-2019.txt", {("sum.parts_total", (2533, 2599))}),
    ("025_shanghai-shifu-bangongting-2019.html", {
        ("sum.parts_total", (716, 805)), ("sum.percent", (33.9, 258, 805)), ("sum.percent_total", (90.74,))}),
    ("006_pingtan-dishuiju-2013.txt", {("sum.percent", (100, 171, 117))}),
    ("057_beijing-shuiwuju-2008-partial.txt", {("sum.percent", (14, 56, 417))}),
    # clean reports: shares and breakdowns that add up raise nothing
    ("000_ee0214fd6cb0a06f.txt", set()),
    ("016_pingtan-zonghe-shiyanqu-2016.txt", set()),
    ("018_pingtan-zonghe-shiyanqu-2018.txt", set()),
    ("022_beijing-xicheng-guangnei-jiedao-2013-partial.txt", set()),
    ("029_pingtan-zonghe-shiyanqu-2023.txt", set()),
    ("043_shanghai-putuo-2022h1-stats.txt", set()),
])
def test_sums_report(corpus_dir, name, expected):
    assert set(_flags(corpus_dir, name)) == expected
