#!/usr/bin/env bash
# One line from the JUnit reports under a tree: "N passed, N failed, N skipped".
# Usage: test-summary.sh DIR          print the line; exit 1 if a test failed or none ran
#        test-summary.sh --clear DIR  delete earlier reports, so the line counts only the next run
# Reports are Surefire's target/surefire-reports/TEST-*.xml, including those of the projects the
# archetype integration tests generate and build.
set -euo pipefail

if [ "${1:-}" = "--clear" ]; then
  find "$2" -path '*/target/surefire-reports/TEST-*.xml' -type f -delete
  exit 0
fi
dir=${1:?usage: test-summary.sh [--clear] DIR}

# The <testsuite ...> element carries the counts; take each attribute from it alone.
find "$dir" -path '*/target/surefire-reports/TEST-*.xml' -type f -print0 \
  | xargs -0 -r grep -h -m1 -o '<testsuite [^>]*>' \
  | awk '
      function count(element, name,    m) {
        return match(element, " " name "=\"[0-9]+\"") ? substr(element, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0 : 0
      }
      { suites++; tests += count($0, "tests"); failed += count($0, "failures") + count($0, "errors"); skipped += count($0, "skipped") }
      END {
        if (suites == 0 || tests == 0) { print "no test ran: no test reports with tests under the tree"; exit 1 }
        printf "%d passed, %d failed, %d skipped\n", tests - failed - skipped, failed, skipped
        exit failed > 0 ? 1 : 0
      }'
