"""Run the shell steps of action.yml here, as a GitHub runner would, to test the action without GitHub.

Only what action.yml uses is understood: `${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}`
in a step's `env`, conditions of the form `inputs.NAME == 'VALUE'`, and `uses:` steps, which are
skipped (they need GitHub). Anything else stops the run with a message, so the action cannot grow
past what this test exercises without the test saying so.

Usage: run-action.py ACTION_YML RUNNER_TEMP [INPUT=VALUE]...
Exit status: that of the last step run.
"""

import os
import re
import subprocess
import sys

import yaml

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
INPUT_EQUALS = re.compile(r"\s*inputs\.([\w-]+)\s*==\s*'([^']*)'\s*")


def main() -> int:
    action_path, runner_temp, *assignments = sys.argv[1:]
    with open(action_path, encoding="utf-8") as action_file:
        action = yaml.safe_load(action_file)
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        if name not in inputs:
            sys.exit(f"run-action: action.yml has no input {name!r}")
        inputs[name] = value
    step_outputs: dict[str, dict[str, str]] = {}

    def evaluate(match: re.Match) -> str:
        expression = match.group(1).strip()
        parts = expression.split(".")
        if len(parts) == 2 and parts[0] == "inputs":
            return inputs[parts[1]]
        if len(parts) == 4 and parts[0] == "steps" and parts[2] == "outputs":
            return step_outputs.get(parts[1], {}).get(parts[3], "")
        sys.exit(f"run-action: expression not understood: {expression}")

    status = 0
    for number, step in enumerate(action["runs"]["steps"]):
        label = step.get("name") or step.get("id") or f"step {number}"
        if "if" in step:
            condition = INPUT_EQUALS.fullmatch(step["if"])
            if condition is None:
                sys.exit(f"run-action: condition not understood: {step['if']}")
            if inputs[condition[1]] != condition[2]:
                print(f"run-action: skipped ({step['if']} is false): {label}", flush=True)
                continue
        if "uses" in step:
            print(f"run-action: skipped (needs GitHub): {label} ({step['uses']})", flush=True)
            continue
        if step.get("shell") != "bash":
            sys.exit(f"run-action: only bash steps are understood: {label}")
        output_path = os.path.join(runner_temp, f"github-output-{number}")
        open(output_path, "w", encoding="utf-8").close()
        env = dict(os.environ, RUNNER_TEMP=runner_temp, GITHUB_OUTPUT=output_path)
        env.update({key: EXPRESSION.sub(evaluate, str(value)) for key, value in step.get("env", {}).items()})
        print(f"run-action: {label}", flush=True)
        # The command line GitHub uses for `shell: bash`.
        status = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env).returncode
        with open(output_path, encoding="utf-8") as output_file:
            pairs = (line.rstrip("\n").partition("=") for line in output_file if "=" in line)
            step_outputs[step.get("id", "")] = {name: value for name, _, value in pairs}
        if status != 0:
            break
    return status


if __name__ == "__main__":
    sys.exit(main())
