from extract.serialize import analysis_json


def test_pipeline_runs_on_seed(corpus_dir, analyse):
    text = (corpus_dir / "000_ee0214fd6cb0a06f.txt").read_text(encoding="utf-8")
    out = analysis_json(analyse(text, "seed.txt"))
    assert set(out) == {"source", "sha256", "report", "sections", "facts", "flags"}
