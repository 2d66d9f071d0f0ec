# lib.sh: shared helpers for the test scripts (sourced, not run).
#
#   NSVIEW     the binary under test (set by make test)
#   check NAME CMD...   run CMD; count it as passed or failed
#   ok NAME / not_ok NAME [WHY]   count a result
#   need_root           skip the whole script (exit 77) with a clear line unless root
#   need_cmd CMD...     skip unless every command exists
#   at_exit CMD         run CMD (eval'd) when the script exits, last registered first
#   wait_for SECS CMD...   poll CMD every 0.05 s until it succeeds; 1 on time-out
#   finish              print the counts; exit 0 if nothing failed
set -u
: "${NSVIEW:?NSVIEW must name the binary under test}"
TESTS_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
T_NAME=$(basename -- "$0" .sh)
T_PASS=0
T_FAIL=0
T_CLEANUP=()

ok() { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
not_ok() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $1${2:+: $2}"; }
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

_run_cleanup() {
	local i
	for ((i = ${#T_CLEANUP[@]} - 1; i >= 0; i--)); do eval "${T_CLEANUP[$i]}" || true; done
	T_CLEANUP=()
}
trap _run_cleanup EXIT
trap 'exit 130' INT TERM HUP
at_exit() { T_CLEANUP+=("$1"); }

need_root() {
	if ((EUID != 0)); then
		echo "SKIP $T_NAME: needs root (it creates real namespaces)"
		exit 77
	fi
}

need_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || { echo "SKIP $T_NAME: needs $c"; exit 77; }
	done
}

wait_for() {
	local secs=$1 end
	shift
	end=$((SECONDS + secs))
	while ! "$@" 2>/dev/null; do
		((SECONDS >= end)) && return 1
		sleep 0.05
	done
	return 0
}

finish() {
	echo "$T_NAME: $T_PASS passed, $T_FAIL failed"
	((T_FAIL == 0))
	exit $?
}
