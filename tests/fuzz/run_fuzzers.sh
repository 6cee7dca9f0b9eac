#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS, then merges the inputs that reach
# new code back into tests/fuzz/corpus/<target>/ and logs the run in
# tests/fuzz/FUZZING.md.
#
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS      (make fuzz FUZZ_SECONDS=600)
#
# BUILD_DIR is a clang build with -DLC_SANITIZE=ON -DLC_FUZZ=ON. FUZZ_TARGETS
# (space-separated) picks targets; the default is all of them. Exits non-zero
# when a target crashed, leaked, timed out or ran out of memory; the input
# that did it is kept in BUILD_DIR/fuzz-artifacts/<target>/.
set -uo pipefail

if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 BUILD_DIR SECONDS" >&2
    exit 2
fi
build=$(cd "$1" && pwd) || exit 2
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
targets=${FUZZ_TARGETS:-fuzz_text fuzz_query fuzz_entry_json fuzz_content_file fuzz_multipart}
log=$here/FUZZING.md

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ ! -f "$log" ]; then
    cat >"$log" <<'EOF'
# Fuzzing log

One line per target per run of `tests/fuzz/run_fuzzers.sh` (`make fuzz`):
how long it ran, how many inputs it executed, and the size of the saved
corpus after merging. Add up the seconds for the hours of fuzzing so far.

| date (UTC) | target | seconds | executions | corpus files | corpus bytes | result |
| --- | --- | ---: | ---: | ---: | ---: | --- |
EOF
fi

failed=0
for target in $targets; do
    bin=$build/tests/fuzz/$target
    corpus=$here/corpus/$target
    if [ ! -x "$bin" ]; then
        echo "$target: $bin is missing (configure with -DLC_SANITIZE=ON -DLC_FUZZ=ON and build it)" >&2
        failed=1
        continue
    fi
    mkdir -p "$corpus"
    artifacts=$build/fuzz-artifacts/$target
    mkdir -p "$artifacts"
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/$target.XXXXXX")
    output=$build/fuzz-artifacts/$target.log
    dict=()
    [ -f "$here/$target.dict" ] && dict=("-dict=$here/$target.dict")

    echo "== $target: ${seconds}s"
    # New inputs go to the scratch folder (the first one); the saved corpus is
    # only read, so a crash midway leaves it as it was.
    started=$SECONDS
    "$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${dict[@]}" "$scratch" "$corpus" >"$output" 2>&1
    status=$?
    elapsed=$((SECONDS - started))

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$output" | tail -1)
    [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$output" | tail -1 | tr -d '#')
    runs=${runs:-0}

    result=ok
    if [ $status -ne 0 ]; then
        failed=1
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$output" | tail -1)
        result="FAILED (exit $status): ${crash:+$(basename "$crash")}"
        echo "   input: ${crash:-none saved}; log: $output"
        grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error|check failed|fuzz_[a-z_]+: ' \
            "$output" | sed 's/^/   /'
    fi

    # Keep only what adds coverage: -merge=1 copies from the scratch folder
    # into the corpus the inputs that reach code the corpus does not.
    before=$(find "$corpus" -type f | wc -l)
    "$bin" -merge=1 -timeout=30 -rss_limit_mb=4096 -artifact_prefix="$artifacts/" \
        "$corpus" "$scratch" >>"$output" 2>&1 || echo "   merge failed; see $output"
    rm -rf "$scratch"
    files=$(find "$corpus" -type f | wc -l)
    bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')

    echo "   ${elapsed}s, runs: $runs, corpus: $files files ($((files - before)) new), $bytes bytes," \
         "result: $result"
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(date -u '+%Y-%m-%d %H:%M')" "$target" "$elapsed" \
        "$runs" "$files" "$bytes" "$result" >>"$log"
done

exit $failed
