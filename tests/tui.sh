#!/usr/bin/env bash
# tui: the TUI end to end in a private tmux server: every view by its title line, help,
# search (and its highlighting), filter, fold, perspective, mouse clicks, resizing to 20x5
# and back, q exits 0 with the terminal restored, SIGTERM and SIGQUIT too, Ctrl-Z in a shell
# suspends it with the terminal restored and fg brings the screen back, TERM unset, dumb or unknown
# fails cleanly, ASCII under the C locale, a monochrome terminal, no control character
# from a hostile process name reaches the screen; on a fake /proc tree and on the live
# system, where a process row shows its state, CPU% and RES, sorting by CPU% works, and
# view 4 shows the start.
# Under SAN=1, a smoke run: 100 refreshes at -d 0.1 with an empty sanitizer log.
source "$(dirname "$0")/lib.sh"
need_cmd tmux
TMP=$(mktemp -d "/tmp/nsview-tui-$$.XXXXXX")
at_exit "rm -rf '$TMP'"
RUNS=0 # each run gets its own tmux server, so one that hangs cannot spoil the next
echo "set -g remain-on-exit on" >"$TMP/tmux.conf"
export ASAN_OPTIONS="log_path=$TMP/asan:detect_leaks=1" UBSAN_OPTIONS="log_path=$TMP/ubsan:print_stacktrace=1"
[[ -f $TESTS_DIR/lsan.supp ]] && export LSAN_OPTIONS="suppressions=$TESTS_DIR/lsan.supp:print_suppressions=0"

# mkproc ROOT PID PPID NAME "NSPID..." PIDNS NETNS ARGV...: one fake /proc/PID
mkproc() {
	local root=$1 pid=$2 ppid=$3 name=$4 nspid=$5 pidns=$6 netns=$7 d=$1/$2
	shift 7
	mkdir -p "$d/ns"
	printf 'Name:\t%s\nState:\tS (sleeping)\nTgid:\t%s\nPid:\t%s\nPPid:\t%s\nUid:\t0\t0\t0\t0\nThreads:\t1\nNSpid:\t%s\n' \
		"$name" "$pid" "$pid" "$ppid" "${nspid// /$'\t'}" >"$d/status"
	printf '%s\0' "$@" >"$d/cmdline"
	echo "0::/" >"$d/cgroup"
	local l
	for l in cgroup:4026531835 ipc:4026531839 mnt:4026531832 net:$netns pid:$pidns \
		pid_for_children:$pidns time:4026531834 time_for_children:4026531834 \
		user:4026531837 uts:4026531838; do
		local t=${l%%:*}
		ln -s "${t%_for_children}:[${l#*:}]" "$d/ns/$t"
	done
}
FX=$TMP/proc
mkproc "$FX" 1 0 init "1" 4026531836 4026531833 /sbin/init
mkproc "$FX" 50 1 bash "50" 4026531836 4026531833 bash
mkproc "$FX" 60 1 unshare "60" 4026531836 4026531833 unshare --pid --fork sh
mkproc "$FX" 61 60 sh "61 1" 4026532100 4026532300 sh
mkproc "$FX" 62 61 sleep "62 2" 4026532100 4026532300 sleep infinity
mkproc "$FX" 63 61 "$(printf 'ev\033[31mil')" "63 3" 4026532100 4026532300 "$(printf 'x\033]0;pwn\007y')"
ln -s 50 "$FX/self"

screen() { tmux -L "$SOCK" capture-pane -p -t t 2>/dev/null; }
title() { screen | head -1; }
shows() { screen | grep -qF -- "$1"; }
hides() { ! screen | grep -qF -- "$1"; }
title_has() { title | grep -qF -- "$1"; }
title_starts() { [[ $(title) == "$1"* ]]; }
detail_has() { screen | tail -2 | head -1 | grep -qF -- "$1"; }
keys() { tmux -L "$SOCK" send-keys -t t "$@"; }
exited() { [[ -s $TMP/rc ]]; }
rc() { cat "$TMP/rc"; }
restored() { [[ $(tmux -L "$SOCK" display -p -t t '#{alternate_on}') == 0 ]]; }

# fresh_server: the next run's own tmux server (the previous one is ended)
fresh_server() {
	[[ -n ${SOCK:-} ]] && tmux -L "$SOCK" kill-server 2>/dev/null
	RUNS=$((RUNS + 1))
	SOCK=nsview-test-$$-$RUNS
	at_exit "tmux -L $SOCK kill-server 2>/dev/null; rm -f '${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK'"
}

# start W H ENV... -- ARGS...: nsview in a fresh session; its pid lands in $TMP/pid, its exit
# status in $TMP/rc
start() {
	local w=$1 h=$2 envs=() args=()
	shift 2
	while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
	shift
	args=("$@")
	rm -f "$TMP/rc" "$TMP/pid" "$TMP/stderr"
	fresh_server
	local cmd
	cmd="sh -c 'echo \$\$ >$TMP/pid; exec env ${envs[*]} $NSVIEW ${args[*]} 2>$TMP/stderr'; echo \$? >$TMP/rc"
	tmux -L "$SOCK" -f "$TMP/tmux.conf" new-session -d -x "$w" -y "$h" -s t "$cmd"
}

U8="LANG=C.UTF-8 LC_ALL=C.UTF-8"

# --- on the fixture ---
start 100 30 $U8 -- --proc "$FX" --no-net -d 0.5
check "fixture: starts in the PID namespaces view" wait_for 10 title_starts "PID namespaces"
check "fixture: PID chains from the viewer's level" wait_for 3 shows "62 → 2"
check "fixture: a hostile name is shown escaped" shows 'x\x1b]0;pwn\x07y'
check "fixture: no escape character reaches the screen" bash -c "! tmux -L $SOCK capture-pane -p -t t | grep -q \$'\\e'"
keys 2
check "2: Namespaces" wait_for 3 title_starts "Namespaces"
keys 3
check "3: Network" wait_for 3 title_starts "Network"
keys 4
check "4: Process" wait_for 3 title_starts "Process"
keys Tab
check "Tab: back to PID namespaces" wait_for 3 title_starts "PID namespaces"
keys '?'
check "?: help lists every key" wait_for 3 shows "nsview keys"
check "help names perspective and spawn" bash -c "tmux -L $SOCK capture-pane -p -t t | grep -q 'perspective' && tmux -L $SOCK capture-pane -p -t t | grep -q 'spawn'"
keys Space
check "any key closes the help" wait_for 3 hides "nsview keys"
keys F1
check "F1: help" wait_for 3 shows "nsview keys"
keys Escape
wait_for 3 hides "nsview keys"

# a search match is drawn in attributes of its own: an SGR right before and after it
highlighted() { tmux -L "$SOCK" capture-pane -p -e -t t | grep -a "infinity" | grep -qaE $'\e\\[[0-9;]*m'"$1"$'\e\\['; }
not_highlighted() { ! highlighted "$1"; }
keys / s l e e p Enter
check "/ search selects the match" wait_for 3 detail_has "sleep infinity"
check "/ search highlights the match" wait_for 3 highlighted sleep
keys Home n
check "n: next match" wait_for 3 detail_has "sleep infinity"
keys '\' u n s h Enter
check "\\ filter keeps the matches" wait_for 3 shows "unshare --pid"
check "\\ filter hides the rest" hides "sleep infinity"
keys Escape
check "Esc clears the filter" wait_for 3 shows "sleep infinity"
check "Esc clears the search's highlighting" wait_for 3 not_highlighted sleep

keys Home -
check "- folds the host PID namespace" wait_for 3 hides "pid:[4026532100]"
check "folded shows the fold sign" shows "▸ pid:[4026531836]"
keys +
check "+ unfolds it" wait_for 3 shows "pid:[4026532100]"

# a mouse press and release at (x, y) as an xterm reports them: ESC [ M, 32 + button
# (3 = release), 33 + x, 33 + y
click() {
	local at
	printf -v at '%b%b' "\\$(printf %o $((33 + $1)))" "\\$(printf %o $((33 + $2)))"
	keys -l $'\e[M '"$at"
	keys -l $'\e[M#'"$at"
}
col_of() { screen | sed -n "$1p" | grep -bo -- "$2" | head -1 | cut -d: -f1; }
click "$(col_of 30 2Ns)" 29
check "mouse: a click on 2Ns in the key bar switches views" wait_for 3 title_starts "Namespaces"
click "$(col_of 30 1Pid)" 29
check "mouse: and 1Pid back" wait_for 3 title_starts "PID namespaces"
row=$(screen | grep -n "sleep infinity" | head -1 | cut -d: -f1)
click 40 $((row - 1))
check "mouse: a click on a row selects it" wait_for 3 detail_has "sleep infinity"

keys / s l e e p Enter p
check "p: perspective of the selected process" wait_for 3 title_has "seen from PID 62"
check "perspective: PIDs as that namespace sees them" shows "2              "
check "perspective: the host's processes are hidden" hides "unshare --pid"
keys P
check "P: back to the viewer's own" wait_for 3 bash -c "! tmux -L $SOCK capture-pane -p -t t | head -1 | grep -q 'seen from'"

tmux -L "$SOCK" resize-window -t t -x 20 -y 5
check "resize to 20x5 still draws the view" wait_for 3 title_starts "PID namespaces"
tmux -L "$SOCK" resize-window -t t -x 19 -y 5
check "below 20x5 it says too small" wait_for 3 shows "too small"
tmux -L "$SOCK" resize-window -t t -x 100 -y 30
check "resize back" wait_for 3 shows "F10Quit"
keys C-l
check "Ctrl-L redraws" wait_for 3 shows "F10Quit"
keys q
check "q exits" wait_for 5 exited
check "q exits 0" [ "$(rc)" = 0 ]
check "q restores the terminal" restored

# --- ASCII when the locale is not UTF-8, and monochrome under NO_COLOR ---
start 100 30 LANG=C LC_ALL=C NO_COLOR=1 -- --proc "$FX" --no-net
check "C locale: ASCII tree lines" wait_for 10 shows '`-'
check "C locale: ASCII arrows in PID chains" shows "62 > 2"
keys F10
check "F10 exits" wait_for 5 exited
check "F10 exit status 0" [ "$(rc)" = 0 ]

# --- SIGTERM restores the terminal ---
start 100 30 $U8 -- --proc "$FX" --no-net
wait_for 10 title_starts "PID namespaces"
kill -TERM "$(cat "$TMP/pid")"
check "SIGTERM ends nsview" wait_for 5 exited
check "SIGTERM: status 143" [ "$(rc)" = 143 ]
check "SIGTERM restores the terminal" restored

# --- SIGQUIT (Ctrl-\) restores the terminal too, then ends as SIGQUIT does ---
ulimit -c 0 # no core file from the re-raised SIGQUIT
start 100 30 $U8 -- --proc "$FX" --no-net
wait_for 10 title_starts "PID namespaces"
keys 'C-\'
check "Ctrl-\\ (SIGQUIT) ends nsview" wait_for 5 exited
check "SIGQUIT: status 131" [ "$(rc)" = 131 ]
check "SIGQUIT restores the terminal" restored

# --- Ctrl-Z in a shell suspends nsview with the terminal restored; fg brings it back ---
rm -f "$TMP/pid"
fresh_server
tmux -L "$SOCK" -f "$TMP/tmux.conf" new-session -d -x 100 -y 30 -s t \
	"env PS1='nsview-sh\$ ' bash --norc --noprofile -i"
at_exit "[[ -s $TMP/pid ]] && kill -CONT \$(cat $TMP/pid) 2>/dev/null && kill \$(cat $TMP/pid) 2>/dev/null"
check "job control: the shell is up" wait_for 10 shows 'nsview-sh$'
keys "sh -c 'echo \$\$ >$TMP/pid; exec env $U8 $NSVIEW --proc $FX --no-net -d 0.5'" Enter
check "job control: nsview starts in the shell" wait_for 10 title_starts "PID namespaces"
stopped() { [[ $(sed 's/.*) //' "/proc/$(cat "$TMP/pid")/stat" 2>/dev/null | cut -d' ' -f1) == T ]]; }
keys C-z
check "Ctrl-Z stops nsview" wait_for 5 stopped
check "Ctrl-Z: the shell says so" wait_for 5 shows "Stopped"
check "Ctrl-Z restores the terminal" wait_for 5 restored
keys "fg; echo nsview-rc=\$?" Enter
check "fg: the screen is back" wait_for 10 title_starts "PID namespaces"
check "fg: on curses' screen again" bash -c "[[ \$(tmux -L $SOCK display -p -t t '#{alternate_on}') == 1 ]]"
keys 2
check "fg: keys work again" wait_for 5 title_starts "Namespaces"
keys q
check "fg: q exits 0 back to the shell" wait_for 10 shows "nsview-rc=0"
check "fg: q restores the terminal" restored

# --- TERM unset or dumb: a clear error before the screen is touched ---
start 80 24 TERM=dumb -- --proc "$FX" --no-net
wait_for 5 exited
check "TERM=dumb exits 1" [ "$(rc)" = 1 ]
check "TERM=dumb says why" grep -q "TERM" "$TMP/stderr"
start 80 24 -u TERM -- --proc "$FX" --no-net
wait_for 5 exited
check "TERM unset exits 1" [ "$(rc)" = 1 ]
check "TERM unset says why" grep -q "TERM is not set" "$TMP/stderr"

start 80 24 TERM=nsview-no-such-terminal -- --proc "$FX" --no-net
wait_for 5 exited
check "an unknown TERM exits 1" [ "$(rc)" = 1 ]
check "an unknown TERM says why" grep -q "unknown to curses" "$TMP/stderr"

# --- a monochrome terminal ---
start 80 24 TERM=vt100 $U8 -- --proc "$FX" --no-net
check "vt100 (no colours): draws" wait_for 10 title_starts "PID namespaces"
keys 3 q
check "vt100: q exits 0" wait_for 5 exited
check "vt100: exit status 0" [ "$(rc)" = 0 ]

# --- the live system ---
# a process of the test's own, recorded by PID and killed at exit, whose row must show a
# state letter, a CPU% once two refreshes have passed, and its resident memory
LONG=$((900000 + $$))
sleep "$LONG" &
SLEEP_PID=$!
at_exit "kill $SLEEP_PID 2>/dev/null"
sleep_row() { screen | grep -F -- "sleep $LONG" | head -1; }
sleep_res() { sleep_row | grep -qE "^ *[^a-z]*$SLEEP_PID .* [RSDI] +[0-9.]+ +[0-9.]+[KMG] sleep $LONG"; }
start 120 40 $U8 -- -d 0.5
check "live: starts" wait_for 20 title_starts "PID namespaces"
keys 4
check "live: 4 shows nsview itself at first" wait_for 5 shows "process $(cat "$TMP/pid") nsview"
for v in "2 Namespaces" "3 Network" "4 Process" "1 PID namespaces"; do
	keys "${v%% *}"
	check "live: ${v#* }" wait_for 10 title_starts "${v#* }"
done
check "live: the resource columns" wait_for 5 bash -c "tmux -L $SOCK capture-pane -p -t t | sed -n 2p | grep -q 'USER     S  CPU%    RES COMMAND'"
keys / "sleep $LONG" Enter
check "live: a process row shows its state, CPU% and RES" wait_for 20 sleep_res
sleep_row | sed 's/^/# /'
keys o
check "live: o sorts by CPU%" wait_for 10 bash -c "tmux -L $SOCK capture-pane -p -t t | sed -n 2p | grep -qF 'by CPU%'"
check "live: the sorted row still shows its resources" wait_for 10 sleep_res
keys o o
check "live: and back to the tree" wait_for 10 bash -c "tmux -L $SOCK capture-pane -p -t t | sed -n 2p | grep -qF 'PID namespace / PID chain '"
keys / "sleep $LONG" Enter Enter
check "live: Enter on it opens the Process view" wait_for 10 shows "process $SLEEP_PID sleep"
check "live: its state in the Process view" wait_for 5 shows "state     S (sleeping)  RES "
check "live: its start time" shows " ago"
keys 1
wait_for 10 title_starts "PID namespaces"
keys q
check "live: q exits" wait_for 10 exited
check "live: exit status 0" [ "$(rc)" = 0 ]

# --- sanitizer smoke run: 100 refreshes at -d 0.1 ---
san_log_empty() {
	local log
	log=$(cat "$TMP"/asan.* "$TMP"/ubsan.* 2>/dev/null)
	[[ -z $log ]] && return 0
	echo "$log" | head -40 | sed 's/^/# /'
	return 1
}
refreshes_at_least() { local n; n=$(title | grep -o '#[0-9]*' | head -1); ((${n#\#} >= $1)); }
if [[ ${SAN:-0} == 1 ]]; then
	start 120 40 $U8 -- -d 0.1
	check "san: 100 refreshes" wait_for 120 refreshes_at_least 100
	keys q
	wait_for 20 exited
	check "san: exit status 0" [ "$(rc)" = 0 ]
	check "san: the ASan/UBSan log of every run here is empty" san_log_empty
fi
finish
