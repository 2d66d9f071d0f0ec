#!/usr/bin/env bash
# demo-live: nsview --demo on real clone() children (root). For each flag set: every
# namespace asked for is new and every other one is nsview's own; pid gives pid 1 and
# ppid 0 and an NSpid chain ending in 1; net shows only lo; uts a hostname of its own;
# user uid 0 inside; time a clock a day ahead. A --veth child is pinged over its pair.
# Nothing is left afterwards. Bad lists exit 2; refused namespaces exit 1.
source "$(dirname "$0")/lib.sh"
need_root
need_cmd jq ip ping nsenter setpriv
TMP=$(mktemp -d "/tmp/nsview-demo-live-$$.XXXXXX")
at_exit "rm -rf '$TMP'"
TYPES=(cgroup ipc mnt net pid time user uts)
declare -A FLAG=([cgroup]=cgroup [ipc]=ipc [mnt]=mnt [net]=net [pid]=pid [time]=time [user]=user [uts]=uts)
declare -A OWN
for t in "${TYPES[@]}"; do OWN[$t]=$(stat -L -c %i "/proc/$$/ns/$t"); done

# a reaped child leaves no process; a pid that was reused is not nsview's child any more
gone() { [[ ! -e /proc/$1 ]] || [[ $(awk '/^PPid:/ {print $2}' "/proc/$1/status" 2>/dev/null) != "$2" ]]; }
no_link() { ! ip link show "$1" >/dev/null 2>&1; }
quiet() { "$@" >/dev/null 2>&1; }
sorted() { tr , '\n' <<<"$1" | sort | paste -sd, -; }

demo_case() { # flags
	local flags=$1 out=$TMP/demo.json rc t
	local -A want=()
	[[ $flags != none ]] && for t in ${flags//,/ }; do want[$t]=1; done
	"$NSVIEW" --demo "$flags" --json >"$out" 2>"$TMP/err"
	rc=$?
	check "$flags: exit 0" test "$rc" = 0 || { cat "$TMP/err"; return; }
	check "$flags: one JSON object" quiet jq -e 'type == "object"' "$out"
	local pid ppid opid self
	pid=$(jq .inside.pid "$out") ppid=$(jq .inside.ppid "$out") opid=$(jq .outside.pid "$out")
	self=$(jq .outside.ppid "$out")
	check "$flags: flags listed" test "$(sorted "$(jq -r '.flags | join(",")' "$out")")" = "$([[ $flags == none ]] || sorted "$flags")"
	if [[ ${want[pid]:-} ]]; then
		check "$flags: inside pid 1, ppid 0" test "$pid $ppid" = "1 0"
		check "$flags: NSpid chain ends in 1" quiet jq -e --argjson p "$opid" '.outside.nspid == [$p, 1]' "$out"
	else
		check "$flags: inside pid is the host pid, ppid nsview" test "$pid $ppid" = "$opid $self"
		check "$flags: NSpid chain is the host pid" quiet jq -e --argjson p "$opid" '.outside.nspid == [$p]' "$out"
	fi
	if [[ ${want[net]:-} ]]; then
		check "$flags: only lo, down" quiet jq -e '.inside.interfaces == ["lo"] and .inside.interfaces_up == []' "$out"
	else
		check "$flags: the host's interfaces" quiet jq -e --arg n "$(ls /sys/class/net | wc -l)" \
			'(.inside.interfaces | length) == ($n | tonumber)' "$out"
	fi
	if [[ ${want[uts]:-} ]]; then
		check "$flags: hostname nsview-demo-PID" test "$(jq -r .inside.hostname "$out")" = "nsview-demo-$opid"
	else
		check "$flags: the host's hostname" test "$(jq -r .inside.hostname "$out")" = "$(hostname)"
	fi
	[[ ${want[user]:-} ]] && check "$flags: uid 0 inside" quiet jq -e '.inside.uid == 0' "$out"
	if [[ ${want[time]:-} ]]; then
		local up
		up=$(cut -d. -f1 /proc/uptime)
		check "$flags: boot clock a day ahead" quiet jq -e --argjson up "$up" \
			'.inside.time_offset == 86400 and .inside.boottime >= $up + 86000' "$out"
	else
		check "$flags: no clock offset" quiet jq -e '.inside.time_offset == 0' "$out"
	fi
	if [[ ${want[pid]:-} && ${want[mnt]:-} ]]; then
		check "$flags: its own /proc shows itself alone" quiet jq -e '.inside.own_proc and .inside.nprocs_visible == 1' "$out"
	else
		check "$flags: /proc is the parent's" quiet jq -e '(.inside.own_proc | not) and .inside.nprocs_visible > 1' "$out"
	fi
	local bad=""
	for t in "${TYPES[@]}"; do
		local in_ino out_ino
		in_ino=$(jq ".inside.ns.$t" "$out") out_ino=$(jq ".outside.ns.$t" "$out")
		[[ $in_ino == "$out_ino" ]] || bad+=" $t:inside/outside differ"
		if [[ ${want[$t]:-} ]]; then
			[[ $in_ino != "${OWN[$t]}" ]] || bad+=" $t:not new"
		else
			[[ $in_ino == "${OWN[$t]}" ]] || bad+=" $t:not shared"
		fi
	done
	check "$flags: asked namespaces new, the others nsview's own${bad:+ ($bad)}" test -z "$bad"
	check "$flags: child $opid reaped" gone "$opid" "$self"
}

for f in none pid pid,net,uts user,pid cgroup,time pid,mnt ipc,uts pid,net,uts,ipc,mnt,user,cgroup,time; do
	demo_case "$f"
done

# text: both columns, and the word on /proc with pid alone
out=$("$NSVIEW" --demo pid 2>&1)
check "text: inside and outside columns" grep -q "inside.*outside" <<<"$out"
check "text: says /proc still shows the parent's world" grep -q "still shows the parent's world" <<<"$out"
out=$("$NSVIEW" --demo pid,mnt 2>&1)
check "text: pid,mnt has its own /proc" grep -q "its own /proc" <<<"$out"
check "text: pid,mnt does not warn" bash -c '! grep -q "parent.s world" <<<"$1"' _ "$out"

# veth: hold the child while it is pinged, then end the hold by closing stdin
veth_run() { # how-to-end: eof | TERM
	local how=$1 fifo=$TMP/in-$1 out=$TMP/veth-$1.json npid cpid a b aa ba
	mkfifo "$fifo"
	"$NSVIEW" --demo pid,net --veth --hold --json <"$fifo" >"$out" 2>"$TMP/veth.err" &
	npid=$!
	at_exit "kill $npid 2>/dev/null"
	exec 3>"$fifo"
	if ! wait_for 10 jq -e .outside.veth.name "$out" >/dev/null; then
		not_ok "veth ($how): report" "$(cat "$TMP/veth.err")"
		exec 3>&-
		return
	fi
	cpid=$(jq .outside.pid "$out") a=$(jq -r .outside.veth.name "$out") b=$(jq -r .outside.veth.peer "$out")
	aa=$(jq -r .outside.veth.address "$out") ba=$(jq -r .outside.veth.peer_address "$out")
	check "veth ($how): named after the child" test "$a $b" = "nsv${cpid}a nsv${cpid}b"
	check "veth ($how): the child is called nsview-demo" test "$(cat "/proc/$cpid/comm")" = nsview-demo
	check "veth ($how): nsview's end up with $aa" bash -c 'ip -br addr show dev "$1" | grep -q "UP.* $2"' _ "$a" "$aa"
	check "veth ($how): the child's end up with $ba" \
		bash -c 'nsenter -t "$1" -n ip -br addr show dev "$2" | grep -q "UP.* $3"' _ "$cpid" "$b" "$ba"
	check "veth ($how): the child lists its end as up" quiet jq -e --arg b "$b" '.inside.interfaces_up == [$b]' "$out"
	check "veth ($how): ping the child" quiet ping -c 1 -W 1 -I "$a" "${ba%/*}"
	if [[ $how == eof ]]; then exec 3>&-; else kill -TERM "$npid"; exec 3>&-; fi
	wait "$npid"
	check "veth ($how): nsview exits 0" test $? = 0
	check "veth ($how): child reaped" wait_for 2 gone "$cpid" "$npid"
	check "veth ($how): no veth left" wait_for 2 no_link "$a"
}
veth_run eof
veth_run TERM

# SIGKILL of nsview: the child dies with it (PDEATHSIG), and its veth with the namespace
fifo=$TMP/in-kill
mkfifo "$fifo"
"$NSVIEW" --demo pid,net,uts --veth --hold --json <"$fifo" >"$TMP/kill.json" 2>/dev/null &
npid=$!
at_exit "kill $npid 2>/dev/null"
exec 3>"$fifo"
if wait_for 10 jq -e .outside.pid "$TMP/kill.json" >/dev/null; then
	cpid=$(jq .outside.pid "$TMP/kill.json")
	kill -KILL "$npid"
	wait "$npid" 2>/dev/null
	check "SIGKILL: child gone" wait_for 2 gone "$cpid" "$npid"
	check "SIGKILL: veth gone" wait_for 2 no_link "nsv${cpid}a"
else
	not_ok "SIGKILL: report"
fi
exec 3>&-

# bad input: exit 2 and a message naming the culprit
bad_input() { # expected-words args...
	local words=$1 err rc
	shift
	err=$("$NSVIEW" "$@" 2>&1 >/dev/null)
	rc=$?
	check "bad input '$*': exit 2" test "$rc" = 2
	check "bad input '$*': message names '$words'" grep -q -- "$words" <<<"$(head -1 <<<"$err")"
}
bad_input bogus --demo bogus
bad_input twice --demo pid,pid
bad_input empty --demo ''
bad_input empty --demo pid,
bad_input none --demo none,net
bad_input "needs an argument" --demo
bad_input "add net" --demo pid --veth
bad_input "goes with --demo" --veth
bad_input "goes with --demo" --json --hold

# not root: refused namespaces exit 1 with one line naming what was refused
err=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$NSVIEW" --demo pid,net 2>&1 >/dev/null)
rc=$?
check "unprivileged pid,net: exit 1" test "$rc" = 1
check "unprivileged pid,net: one line naming clone()" bash -c '[[ $(wc -l <<<"$1") == 1 ]] && grep -q "clone() refused" <<<"$1"' _ "$err"

finish
