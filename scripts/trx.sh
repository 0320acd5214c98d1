# shellcheck shell=bash
# Reads the outcome of a `dotnet test` run from the TRX file its trx logger wrote.

_trx_attr() {
    local value
    value=$(sed -nE "s/.*[[:space:]]$1=\"([0-9]+)\".*/\1/p" <<<"$2")
    printf '%s' "${value:-0}"
}

# trx_counts FILE — prints "PASSED FAILED SKIPPED OUTCOME" from the file's <Counters …/> and <ResultSummary>.
# Errors, timeouts and aborted tests count as failed; whatever was neither passed nor failed (skipped,
# not executed, inconclusive) counts as skipped. Returns 1 when the file has no counters.
trx_counts() {
    local xml counters outcome total passed failed skipped
    xml=$(tr '\r\n' '  ' <"$1") || return 1
    counters=$(grep -o '<Counters[[:space:]][^>]*>' <<<"$xml" | head -n 1) || true
    [[ -n $counters ]] || return 1
    total=$(_trx_attr total "$counters")
    passed=$(_trx_attr passed "$counters")
    failed=$(($(_trx_attr failed "$counters") + $(_trx_attr error "$counters") + $(_trx_attr timeout "$counters") + $(_trx_attr aborted "$counters")))
    skipped=$((total - passed - failed))
    ((skipped < 0)) && skipped=0
    outcome=$(grep -o '<ResultSummary[[:space:]][^>]*outcome="[A-Za-z]*"' <<<"$xml" | head -n 1 | sed -E 's/.*outcome="([A-Za-z]*)".*/\1/') || true
    printf '%s %s %s %s\n' "$passed" "$failed" "$skipped" "${outcome:-Unknown}"
}

# trx_summary_line PASSED FAILED SKIPPED — the closing line of ./grainmarket test.
trx_summary_line() {
    if (($3 > 0)); then
        printf 'tests: %d passed, %d failed, %d skipped\n' "$1" "$2" "$3"
    else
        printf 'tests: %d passed, %d failed\n' "$1" "$2"
    fi
}
