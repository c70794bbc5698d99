"""The cross-year audit on report views (contract §2 cross_year.*)."""

from extract.crossyear import ReportView, agency_key, cross_report_flags, repeated_share


def view(name, agency, year, facts=(), text=""):
    return ReportView(name, {"report": {"agency": agency, "year": year, "format": "pre2019"},
                             "facts": list(facts), "flags": []}, text)


def f(key, value, label="", qualifier=None):
    return {"key": key, "value": value, "label": label, "qualifier": qualifier, "start": 0,
            "end": 1, "page": None}


def test_crossyear_agency_variants_match_and_governments_stay_apart():
    assert agency_key("平潭综合实验区管委会办公室") == agency_key("平潭综合实验区管委会")
    assert agency_key("平潭综合实验区管理委员会") == agency_key("平潭综合实验区管委会")
    assert agency_key("平潭县人民政府") != agency_key("平潭综合实验区管委会")
    # A 办公厅 publishes its own report as a department (上海市人民政府办公厅 vs 上海市人民政府).
    assert agency_key("上海市人民政府办公厅") != agency_key("上海市人民政府")
    assert agency_key(None) is None


def test_crossyear_cumulative_chain_holds_and_breaks():
    # The 平潭 chain: 2011 历年累计 1516; 2012 prints 739 and 4359 (1516 + 739 = 2255): a break.
    views = {
        "a": view("a", "平潭综合实验区管委会办公室", 2011, [f("proactive.cumulative", 1516)]),
        "b": view("b", "平潭综合实验区管委会", 2012,
                  [f("proactive.total", 739), f("proactive.cumulative", 4359)]),
        "c": view("c", "平潭综合实验区管委会", 2013,
                  [f("proactive.total", 100), f("proactive.cumulative", 4459)]),
    }
    flags = cross_report_flags(views)
    assert [fl.values for fl in flags.get("b", []) if fl.code == "cross_year.cumulative"] == [(1516, 4359)]
    assert not [fl for fl in flags.get("c", []) if fl.code == "cross_year.cumulative"]


def test_crossyear_falling_running_total_is_a_break_without_a_year_figure():
    views = {"a": view("a", "X县人民政府", 2015, [f("requests.received", 1, qualifier="cumulative")]),
             "b": view("b", "X县人民政府", 2016, [f("requests.received", 0, qualifier="cumulative")])}
    flags = cross_report_flags(views)["b"]
    assert [(fl.code, fl.values) for fl in flags] == [("cross_year.cumulative", (1, 0))]


def test_crossyear_carry_over_every_column():
    prev = [f("t3.carried_forward.total", 3), f("t3.carried_forward.natural_person", 3)]
    cur = [f("t3.carried_over.total", 2), f("t3.carried_over.natural_person", 3)]
    flags = cross_report_flags({"a": view("a", "洪泽区人民政府", 2023, prev),
                                "b": view("b", "洪泽区人民政府", 2024, cur)})["b"]
    assert [(fl.code, fl.values) for fl in flags] == [("cross_year.carry_over", (3, 2))]


def test_crossyear_needs_consecutive_years_and_same_agency():
    prev = [f("t3.carried_forward.total", 3)]
    cur = [f("t3.carried_over.total", 2)]
    assert cross_report_flags({"a": view("a", "甲县人民政府", 2021, prev),
                               "b": view("b", "甲县人民政府", 2023, cur)}) == {}
    assert cross_report_flags({"a": view("a", "甲县人民政府", 2022, prev),
                               "b": view("b", "乙县人民政府", 2023, cur)}) == {}


def test_crossyear_repeated_text_share(shared_dir):
    c = shared_dir / "corpus"
    t = {n: (c / n).read_text(encoding="utf-8") for n in
         ("003_pingtan-xian-2011.txt", "005_pingtan-xian-2012.txt",
          "004_pingtan-zonghe-shiyanqu-2011.txt", "007_pingtan-zonghe-shiyanqu-2012.txt")}
    # Gold: 005 repeats 003 nearly verbatim (about 88-90%); 007 vs 004 is borderline, not flagged.
    assert repeated_share(t["003_pingtan-xian-2011.txt"], t["005_pingtan-xian-2012.txt"]) > 0.5
    assert repeated_share(t["004_pingtan-zonghe-shiyanqu-2011.txt"],
                          t["007_pingtan-zonghe-shiyanqu-2012.txt"]) < 0.5
    assert repeated_share("", "") == 0.0


def test_crossyear_table_rows_do_not_count_as_repeated_prose():
    table = "\n".join("（一）予以公开\t0\t0\t0\t0\t0\t0\t0" for _ in range(50))
    prev = "去年我们完成了许多不同的工作任务。" + "\n" + table
    cur = "今年的工作重点放在平台建设方面。" + "\n" + table
    assert repeated_share(prev, cur) == 0.0
