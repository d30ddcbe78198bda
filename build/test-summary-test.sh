#!/usr/bin/env bash
# Tests for test-summary.sh on report trees laid out as Surefire writes them. Run by `make test`.
set -uo pipefail
summary="$(dirname "$0")/test-summary.sh"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
failures=0

report() { # report DIR NAME tests failures errors skipped
  mkdir -p "$tree/$1/target/surefire-reports"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite xmlns:xsi="x" version="3.0.2" name="%s" time="0.1" tests="%d" errors="%d" skipped="%d" failures="%d">\n  <testcase name="tests=\\"99\\""/>\n</testsuite>\n' \
    "$2" "$3" "$5" "$6" "$4" > "$tree/$1/target/surefire-reports/TEST-$2.xml"
}

check() { # check NAME EXPECTED-LINE EXPECTED-EXIT
  local out code
  out=$("$summary" "$tree" 2>&1); code=$?
  if [ "$out" != "$2" ] || [ "$code" != "$3" ]; then
    echo "FAIL $1: got '$out' (exit $code), expected '$2' (exit $3)" >&2; failures=$((failures + 1))
  fi
}

check "an empty tree fails" "no test ran: no test reports with tests under the tree" 1
report module-a a.FirstTest 0 0 0 0
check "reports without tests fail" "no test ran: no test reports with tests under the tree" 1
report module-a a.SecondTest 5 0 0 1
report nested/project/module-b b.Test 3 0 0 0
check "counts add up across modules, nested projects included" "7 passed, 0 failed, 1 skipped" 0
report module-c c.Test 4 1 2 0
check "failures and errors count as failed and fail the run" "8 passed, 3 failed, 1 skipped" 1
"$summary" --clear "$tree"
check "--clear leaves nothing to count" "no test ran: no test reports with tests under the tree" 1

[ "$failures" -eq 0 ] && echo "  test-summary.sh: 5 checks passed" || exit 1
