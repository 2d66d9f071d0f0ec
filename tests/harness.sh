#!/usr/bin/env bash
# harness: run every test given (cmocka binaries and shell scripts), print each result,
# and close with one summary line. A script that exits 77 was skipped (it says why).
set -u
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# under SAN=1: leaks the libraries keep for life are not ours; any other report fails the test
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
pass=0 fail=0 skip=0 failed=()
for t in "$@"; do
	name=${t##*/}
	echo "=== $name"
	start=$SECONDS
	case $t in
	*.sh) bash "$t" ;;
	*) "$t" ;;
	esac
	rc=$?
	took=$((SECONDS - start))
	if ((rc == 0)); then
		pass=$((pass + 1)); echo "--- PASS $name (${took}s)"
	elif ((rc == 77)); then
		skip=$((skip + 1)); echo "--- SKIP $name (${took}s)"
	else
		fail=$((fail + 1)); failed+=("$name"); echo "--- FAIL $name (exit $rc, ${took}s)"
	fi
done
((fail)) && echo "failed: ${failed[*]}"
echo "harness: $pass passed, $fail failed, $skip skipped"
((fail == 0))
