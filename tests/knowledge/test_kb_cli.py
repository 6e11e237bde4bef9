"""`flask kb export` / `flask kb import`: the data-file layout, round trip, all or nothing."""
import yaml

from core.extensions import db
from knowledge import version as kb_version
from knowledge.models import FaqEntry, Guide, Synonym
from knowledge.snapshot import read_files


def test_export_writes_the_repository_layout(seeded, runner, tmp_path):
    result = runner.invoke(args=["kb", "export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "办事指南 30 项" in result.output
    assert (tmp_path / "guides" / "MZ01.yaml").exists()
    exported = read_files(tmp_path)
    original = read_files()
    assert exported["guides"]["MZ01"]["materials"].strip() == \
        original["guides"]["MZ01"]["materials"].strip()
    assert len(exported["faq"]) == len(original["faq"])
    assert exported["synonyms"] == original["synonyms"]
    assert "|" in (tmp_path / "guides" / "MZ01.yaml").read_text(encoding="utf-8")


def test_import_applies_changes_with_progress(seeded, runner, tmp_path):
    runner.invoke(args=["kb", "export", str(tmp_path)])
    path = tmp_path / "guides" / "MZ01.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["fee"] = "导入后的收费说明。\n"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    lexicon = yaml.safe_load((tmp_path / "lexicon.yaml").read_text(encoding="utf-8"))
    lexicon["synonyms"]["导入新说法"] = "最低生活保障"
    (tmp_path / "lexicon.yaml").write_text(yaml.safe_dump(lexicon, allow_unicode=True),
                                           encoding="utf-8")
    before = kb_version.current()
    result = runner.invoke(args=["kb", "import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "导入知识库" in result.output and "更新或新增 2 条" in result.output
    db.session.expire_all()
    assert db.session.get(Guide, "MZ01").fee == "导入后的收费说明。"
    assert db.session.get(Synonym, "导入新说法") is not None
    assert kb_version.current() > before


def test_import_is_all_or_nothing(seeded, runner, tmp_path):
    runner.invoke(args=["kb", "export", str(tmp_path)])
    faq = yaml.safe_load((tmp_path / "faq.yaml").read_text(encoding="utf-8"))
    faq[0]["answer"] = "改过的答复"
    faq[1]["service"] = "MZ99"
    (tmp_path / "faq.yaml").write_text(yaml.safe_dump(faq, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(args=["kb", "import", str(tmp_path)])
    assert result.exit_code != 0 and "导入失败，未做任何修改" in result.output
    assert "关联事项不存在" in result.output
    db.session.expire_all()
    assert db.session.get(FaqEntry, faq[0]["id"]).answer != "改过的答复"
