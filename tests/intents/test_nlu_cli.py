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
