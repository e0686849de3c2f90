"""The sample docs and configs in ``examples/`` still work, so they never rot.

``genai-lint examples/ --no-color``, run from the project root, must print exactly
``examples/expected-output.txt`` and exit 1. The analyzer keeps improving, so that output
changes on purpose; read the new output, then regenerate the file with either of::

    python tests/test_examples.py --update
    GENAI_LINT_UPDATE_EXPECTED=1 pytest tests/test_examples.py

The snapshot is itself a ``.txt`` file under ``examples/``: ``[tool.genai-lint]`` in the
project's ``pyproject.toml`` excludes it, so it is not linted in turn.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from linter.config import load_config
from linter.findings import Severity

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXPECTED = EXAMPLES / "expected-output.txt"
COMMAND = ("examples/", "--no-color")


def lint_examples() -> subprocess.CompletedProcess[str]:
    """``genai-lint examples/ --no-color`` from the project root, in a fresh process."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "linter", *COMMAND], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", check=False)


def test_examples_output_is_as_expected() -> None:
    done = lint_examples()
    if os.environ.get("GENAI_LINT_UPDATE_EXPECTED"):
        EXPECTED.write_text(done.stdout, encoding="utf-8", newline="\n")
    assert done.stderr == ""
    assert done.returncode == 1
    assert EXPECTED.name not in done.stdout
    assert done.stdout == EXPECTED.read_text(encoding="utf-8"), (
        "examples/ output changed; if the change is right, run "
        "'python tests/test_examples.py --update'")


def test_sample_config_loads() -> None:
    config = load_config(EXAMPLES / ".genai-lint.yaml")
    assert config.fail_on is Severity.WARNING
    assert config.exclude == ("docs/archive/**",)


def test_workflow_is_a_pull_request_check() -> None:
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert "actions/setup-python" in uses
    assert "github/codeql-action/upload-sarif" in uses
    assert job["permissions"]["security-events"] == "write"
    runs = "\n".join(step.get("run", "") for step in steps)
    # genai-lint is on no package index: the workflow installs it from its git repository
    assert 'pip install "git+https://github.com/genai-lint/genai-lint"' in runs
    assert not re.search(r"pip install genai-lint\b", runs)
    assert job["env"]["DIFF_BASE"] == "origin/${{ github.base_ref }}"
    assert '--diff-base "$DIFF_BASE" --format github' in runs
    assert '--diff-base "$DIFF_BASE" --format sarif' in runs


def test_workflow_uses_only_real_options() -> None:
    """Every option the workflow passes to genai-lint is one ``genai-lint --help`` lists."""
    workflow = (EXAMPLES / "github-actions.yml").read_text(encoding="utf-8")
    used = {option for line in re.findall(r"(?m)^\s+(?:run: )?genai-lint (.*)$", workflow)
            for option in re.findall(r"--[a-z-]+", line)}
    listed = subprocess.run([sys.executable, "-m", "linter", "--help"], capture_output=True,
                            text=True, check=True).stdout
    assert used and all(option in listed for option in used), used


def _update() -> int:
    done = lint_examples()
    sys.stderr.write(done.stderr)
    EXPECTED.write_text(done.stdout, encoding="utf-8", newline="\n")
    print(f"wrote {EXPECTED.relative_to(ROOT)} (exit code {done.returncode})")
    return 0 if done.returncode == 1 and not done.stderr else 1


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        raise SystemExit("usage: python tests/test_examples.py --update")
    raise SystemExit(_update())
