#!/usr/bin/env bash
# spawn: the TUI's spawn (s, Enter), kill (K) and enter (e) actions in tmux (root):
# the child appears with its inside view, K kills it; a shell entered with e runs in the
# child's namespaces and nsview comes back when it exits; q, SIGTERM, SIGHUP and SIGKILL
# of nsview each leave no spawned process or veth behind.
source "$(dirname "$0")/lib.sh"
need_root
need_cmd tmux ip pgrep
# one tmux server per start (nsview-spawn-PID-N, its socket in TMP, removed at exit):
# a new server never races the old one's exit on the same socket
RUN=0
SOCK=nsview-spawn-$$-$RUN
TMP=$(mktemp -d "/tmp/nsview-spawn-$$.XXXXXX")
at_exit "rm -rf '$TMP'"
# the pane stays after nsview exits, so its last screen and exit can be read
echo "set -g remain-on-exit on" >"$TMP/tmux.conf"

screen() { tmux -S "$TMP/$SOCK" capture-pane -p -t t 2>/dev/null; }
shows() { screen | grep -q -- "$1"; }
not_shows() { ! screen | grep -q -- "$1"; }
has_link() { ip link show "$1" >/dev/null 2>&1; }
keys() { tmux -S "$TMP/$SOCK" send-keys -t t "$@"; }
pane_dead() { [[ $(tmux -S "$TMP/$SOCK" display -p -t t '#{pane_dead}' 2>/dev/null) == 1 ]]; }
children() { pgrep -P "$1" | sort; }
# gone: no such process, or only a zombie (it has exited and released its namespaces;
# after SIGKILL of nsview the zombie waits for pid 1 to reap it, which can take a while)
gone() {
	local st
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 0
	[[ ${st%% *} == Z ]]
}
all_gone() { local p; for p in "$@"; do gone "$p" || return 1; ip link show "nsv${p}a" >/dev/null 2>&1 && return 1; done; return 0; }

# start nsview in a fresh window; NPID is its pid
start() {
	tmux -S "$TMP/$SOCK" kill-server 2>/dev/null
	RUN=$((RUN + 1))
	SOCK=nsview-spawn-$$-$RUN
	at_exit "tmux -S $TMP/$SOCK kill-server 2>/dev/null"
	tmux -S "$TMP/$SOCK" -f "$TMP/tmux.conf" new-session -d -x 120 -y 40 -s t \
		"exec '$NSVIEW' 2>'$TMP/stderr'"
	NPID=$(tmux -S "$TMP/$SOCK" display -p -t t '#{pane_pid}')
	at_exit "kill -KILL $NPID 2>/dev/null"
	wait_for 10 shows "PID namespaces"
}
# spawn one child with the dialog's default set (pid,net,uts), plus what the keys in $1
# tick (9: a veth pair to nsview); its pid in CPID
spawn() {
	local before after
	before=$(children "$NPID")
	keys s
	wait_for 3 shows "Spawn a child" || return 1
	[[ -n ${1:-} ]] && keys "$1"
	keys Enter
	wait_for 5 bash -c '[[ -n $(comm -13 <(echo "$1") <(pgrep -P "$2" | sort)) ]]' _ "$before" "$NPID" || return 1
	after=$(children "$NPID")
	CPID=$(comm -13 <(echo "$before") <(echo "$after") | head -1)
}

if ! start; then
	not_ok "TUI starts" "$(screen | head -3; cat "$TMP/stderr")"
	finish
fi
ok "TUI starts"

# spawn, see the inside view, kill with K
if spawn; then
	ok "s, Enter: a child of nsview appears ($CPID)"
	keys 4
	check "its inside view shows its own hostname" wait_for 5 shows "nsview-demo-$CPID"
	keys K
	check "K kills and reaps it" wait_for 3 gone "$CPID"
else
	not_ok "s, Enter: a child of nsview appears"
fi

# K on a process nsview did not spawn: refused, and the process lives on
keys 1 Home j
wait_for 3 shows "^ *[│├└ ]*[─ ]*[▸▾ ]*[0-9]" || true
keys K
check "K refuses a process nsview did not spawn" wait_for 3 shows "not spawned by nsview"
check "... and it lives on" test -d /proc/2

# e: a shell in the child's namespaces, then back to nsview
if spawn; then
	keys 4
	wait_for 5 shows "nsview-demo-$CPID"
	keys e
	# curses has let go of the terminal once its key bar is gone; what is typed from
	# then on waits in the terminal for the shell
	check "e: nsview gives the terminal to the shell" wait_for 5 not_shows "F10Quit"
	keys 'hostname; echo "shellpid=$$"' Enter
	check "e: hostname is the child's" wait_for 5 shows "^nsview-demo-$CPID"
	check "e: the shell has a pid in the child's PID namespace" wait_for 5 shows "shellpid=2$"
	keys 'exit' Enter
	check "e: nsview is back after the shell exits" wait_for 5 shows "Process"
else
	not_ok "e: spawn a child to enter"
fi

# q reaps everything: two children, the second with a veth pair to nsview
spawn && c1=$CPID && spawn 9 && c2=$CPID
check "the veth option makes nsv${c2:-0}a" wait_for 3 has_link "nsv${c2:-0}a"
keys q
check "q: nsview exits" wait_for 5 pane_dead
check "q: no spawned process or veth left" wait_for 2 all_gone "${c1:-0}" "${c2:-0}"

for sig in TERM HUP KILL; do
	c1=0 c2=0
	if start && spawn && c1=$CPID && spawn 9 && c2=$CPID && wait_for 3 has_link "nsv${c2}a"; then
		kill -"$sig" "$NPID"
		check "SIG$sig: nsview ends" wait_for 5 pane_dead
		check "SIG$sig: no spawned process or veth left" wait_for 2 all_gone "$c1" "$c2"
	else
		not_ok "SIG$sig: spawn two children"
	fi
done

finish
