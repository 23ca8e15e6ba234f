from conftest import VALID_TENDER


def test_valid_tender_passes_strict(make_data, run_cli, tmp_path):
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err
    assert "已检查 1 条公告：0 个错误，0 个警告" in result.err
