#!/usr/bin/env bash
# The GitHub Action's scan step (action.yml). Inputs arrive as environment variables, never interpolated into
# the script, so a crafted input cannot inject shell code. Writes the SARIF log, prints the chosen format, and
# sets the step outputs `findings`, `sarif-file` and `failed`. Exits non-zero only on a fatal scan error (2):
# failing on findings is a later step, after the SARIF upload.
set -uo pipefail
cli=(node "$CH_ACTION_PATH/bin/credential-hygiene.js")
read -r -a paths <<< "$(printf '%s' "${CH_PATH:-.}" | tr '\n' ' ')"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
opts=()
[ -n "${CH_BASELINE:-}" ] && opts+=(--baseline "$CH_BASELINE")
sarif="${CH_SARIF_FILE:-credential-hygiene.sarif}"
mkdir -p "$(dirname "$sarif")"
# The log this step writes (and one left by an earlier run) is output, not code.
opts+=(--exclude "$sarif")
format="${CH_FORMAT:-text}"
case "$format" in text|json|sarif) ;; *) echo "::error::format must be text, json or sarif (got '$format')"; exit 2 ;; esac

"${cli[@]}" scan "${paths[@]}" "${opts[@]}" --format sarif --output "$sarif"
code=$?
if [ "$code" -ge 2 ]; then
  echo "::error title=Credential Hygiene::the scan failed (exit $code)"
  exit "$code"
fi
"${cli[@]}" scan "${paths[@]}" "${opts[@]}" --format "$format" || true

findings=$(node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(s.runs.reduce((n,r)=>n+r.results.length,0))' "$sarif")
failed=false
[ "$findings" != "0" ] && [ "${CH_FAIL_ON_FINDINGS:-true}" = "true" ] && failed=true
{
  echo "findings=$findings"
  echo "sarif-file=$sarif"
  echo "failed=$failed"
} >> "${GITHUB_OUTPUT:-/dev/null}"
echo "Credential Hygiene: $findings finding(s); SARIF written to $sarif"
