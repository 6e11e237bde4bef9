import json
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "data" / "heldout.jsonl"


def test_predict_writes_one_line_per_input_and_survives_bad_lines(runner):
    lines = [json.dumps({"id": "a", "text": "低保要什么材料"}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "c", "text": "要带什么", "context": ["高龄津贴多少钱"]}, ensure_ascii=False),
             json.dumps({"id": "d", "text": 5})]
    result = runner.invoke(args=["nlu", "predict"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "c", None]
    assert out[0]["service"] == "MZ01" and out[0]["aspect"] == "materials"
    assert "error" in out[1] and "error" in out[3]
    assert out[2]["service"] == "MZ07"
    assert set(out[0]) == {"id", "intent", "service", "aspect", "category", "confidence"}


def test_eval_reports_accuracy_and_timing(runner):
    result = runner.invoke(args=["nlu", "eval", str(DEV)])
    assert result.exit_code == 0, result.output
    assert "intent    accuracy" in result.output
    assert "median" in result.output and "p99" in result.output
    intent = float(result.output.split("intent    accuracy ")[1].split()[0])
    assert intent >= 0.95


def test_eval_counts_all_labels_and_dropped_questions(runner, tmp_path):
    # One message fully right, one real question the reading cannot place (dropped as out of scope).
    path = tmp_path / "two.jsonl"
    path.write_text(
        '{"id": "a", "text": "高龄津贴要什么材料", "intent": "guide", "service": "MZ07", '
        '"aspect": "materials", "category": null}\n'
        '{"id": "b", "text": "呜呜呜", "intent": "guide", "service": "MZ01", '
        '"aspect": "overview", "category": null}\n', encoding="utf-8")
    result = runner.invoke(args=["nlu", "eval", str(path), "--misses", "0"])
    assert result.exit_code == 0, result.output
    assert "all labels right: 1/2 (0.500)" in result.output
    assert "real questions dropped as out_of_scope: 1/2" in result.output
