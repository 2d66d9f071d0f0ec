#!/usr/bin/env bash
# live: real namespaces, made here and removed on every exit path, checked in `nsview --json`
# against the kernel (/proc/PID/status NSpid, stat of /proc/PID/ns/*) and against lsns.
# Made: PID namespaces nested three deep, a user namespace, a UTS namespace with its own
# hostname, an `ip netns add` netns, and a netns held only by an fd after its bind mount
# was deleted (the fd reads back as "/": only stat finds it).
source "$(dirname -- "$0")/lib.sh"
need_root
need_cmd unshare ip jq lsns stat
[[ -r /proc/self/ns/pid ]] || { echo "SKIP $T_NAME: no /proc/self/ns"; exit 77; }

TMP=$(mktemp -d)
at_exit "rm -rf '$TMP'"
PIDS=()
# SIGKILL: an init of a PID namespace ignores signals it has no handler for
at_exit 'for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done'

leaf() { # the bottom of a chain of single children
	local p=$1 c
	while c=$(cat "/proc/$p/task/$p/children" 2>/dev/null) && [[ -n ${c// /} ]]; do p=${c%% *}; done
	echo "$p"
}
jqt() { jq -e "$@" >/dev/null; }
is_sleep() { [[ $(cat "/proc/$(leaf "$1")/comm" 2>/dev/null) == sleep ]]; }

# PID namespaces three deep
unshare --pid --fork --mount-proc unshare --pid --fork --mount-proc \
	unshare --pid --fork --mount-proc sleep infinity &
top=$!
PIDS+=("$top")
wait_for 10 is_sleep "$top" || { not_ok "nested PID namespaces started"; finish; }
chain=()
p=$top
while :; do
	chain+=("$p")
	c=$(cat "/proc/$p/task/$p/children" 2>/dev/null)
	[[ -n ${c// /} ]] || break
	p=${c%% *}
done
deep=${chain[-1]}
PIDS=("${chain[@]}")

# a user namespace (root inside)
unshare --user --map-root-user sleep infinity &
usr=$!
PIDS+=("$usr")
# a UTS namespace with its own hostname
host=nsv-live-$$
unshare --uts sh -c "hostname $host && exec sleep infinity" &
uts=$!
PIDS+=("$uts")
wait_for 10 is_sleep "$usr" || not_ok "user namespace started"
wait_for 10 is_sleep "$uts" || not_ok "uts namespace started"

# a netns by name, and one held only by an fd once its name is gone
NS=nsvlive$$
NSFD=nsvlivefd$$
ip netns add "$NS" && at_exit "ip netns del '$NS'"
ip netns add "$NSFD" && at_exit "ip netns del '$NSFD' 2>/dev/null"
exec 8<"/run/netns/$NSFD"
sleep infinity &
holder=$!
PIDS+=("$holder")
exec 8<&-
fdino=$(stat -L -c %i "/proc/$holder/fd/8")
ip netns del "$NSFD"
wait_for 5 test "$(readlink "/proc/$holder/fd/8")" = / || true

lsns -J -o NS,TYPE,NPROCS,PNS,ONS >"$TMP/lsns1.json"
"$NSVIEW" --json --no-net >"$TMP/nsview.json"
rc=$?
lsns -J -o NS,TYPE,NPROCS,PNS,ONS >"$TMP/lsns2.json"
check "nsview --json exits 0" test "$rc" = 0
check "the JSON parses" jqt '.schema == "nsview/1"' "$TMP/nsview.json"
J=$TMP/nsview.json

ns() { jq -c --arg t "$1" --argjson i "$2" '.namespaces[] | select(.type == $t and .inode == $i)' "$J"; }
proc() { jq -c --argjson p "$1" '.processes[] | select(.pid == $p)' "$J"; }

# every process made here: NSpid and every ns link as the kernel has them
for p in "${chain[@]}" "$usr" "$uts" "$holder"; do
	want=$(awk '/^NSpid:/ { $1 = ""; print substr($0, 2) }' "/proc/$p/status" | tr ' \t' ',,')
	got=$(proc "$p" | jq -r '.nspid | map(tostring) | join(",")')
	check "pid $p: nspid $got is the kernel's $want" test "$got" = "$want"
	bad=
	for l in cgroup ipc mnt net pid pid_for_children time time_for_children user uts; do
		k=$(stat -L -c %i "/proc/$p/ns/$l")
		g=$(proc "$p" | jq -r --arg l "$l" '.ns[$l]')
		[[ $k == "$g" ]] || bad+=" $l($g!=$k)"
	done
	check "pid $p: ns inodes are stat's${bad:+:$bad}" test -z "$bad"
done

# the nested chain: levels 1..3, each the parent of the next, the init pids
prev=$(stat -L -c %i /proc/self/ns/pid)
for i in 1 2 3; do
	ino=$(stat -L -c %i "/proc/${chain[$i]}/ns/pid")
	n=$(ns pid "$ino")
	check "pid ns level $i" test "$(jq .level <<<"$n")" = "$i"
	check "pid ns level $i: parent" test "$(jq .parent <<<"$n")" = "$prev"
	check "pid ns level $i: init_pid ${chain[$i]}" test "$(jq .init_pid <<<"$n")" = "${chain[$i]}"
	prev=$ino
done

# the user namespace
uino=$(stat -L -c %i "/proc/$usr/ns/user")
n=$(ns user "$uino")
check "user ns: level 1" test "$(jq .level <<<"$n")" = 1
check "user ns: owner_uid 0" test "$(jq .owner_uid <<<"$n")" = 0
check "user ns: parent is the initial one" test "$(jq .parent <<<"$n")" = "$(stat -L -c %i /proc/self/ns/user)"

# the UTS namespace's hostname, read live
n=$(ns uts "$(stat -L -c %i "/proc/$uts/ns/uts")")
check "uts ns: named $host" test "$(jq -r .name <<<"$n")" = "$host"

# ip netns add: held by a bind mount, named
n=$(ns net "$(stat -L -c %i "/run/netns/$NS")")
check "netns $NS: held by bind" jqt 'any(.held_by[]; . == "bind")' <<<"$n"
check "netns $NS: bind mount path" jqt --arg p "/run/netns/$NS" 'any(.bind_mounts[]; . == $p)' <<<"$n"
check "netns $NS: named" test "$(jq -r .name <<<"$n")" = "$NS"
check "netns $NS: in the netns section" jqt --arg n "$NS" 'any(.netns[]; any(.names[]; . == $n))' "$J"

# held only by an fd that reads back as "/"
n=$(ns net "$fdino")
check "fd-held netns found" test -n "$n"
check "fd-held netns: held by fd" jqt 'any(.held_by[]; . == "fd")' <<<"$n"
check "fd-held netns: the fd {$holder, 8}" jqt --argjson p "$holder" 'any(.fds[]; .pid == $p and .fd == 8)' <<<"$n"
check "fd-held netns: no process" test "$(jq .nprocs <<<"$n")" = 0

# lsns: every namespace it shows (and showed the same in both runs) agrees
jq -r '.namespaces[] | "\(.type) \(.ns) \(.nprocs) \(.pns) \(.ons)"' "$TMP/lsns1.json" | sort >"$TMP/l1"
jq -r '.namespaces[] | "\(.type) \(.ns) \(.nprocs) \(.pns) \(.ons)"' "$TMP/lsns2.json" | sort >"$TMP/l2"
# the host's counts change with every process started anywhere: compare counts elsewhere
comm -12 "$TMP/l1" "$TMP/l2" | awk '$2 < 4026531832 || $2 > 4026531839' >"$TMP/stable"
jq -r '.namespaces[] | "\(.type) \(.inode) \(.nprocs) \(.parent // 0) \(.owner // 0)"' "$J" | sort >"$TMP/mine"
missing=$(comm -23 "$TMP/stable" "$TMP/mine")
check "lsns agrees on $(wc -l <"$TMP/stable") namespaces${missing:+ (differs: $(echo $missing))}" test -z "$missing"
# process counts churn while other processes come and go: type, parent and owner must not
cut -d' ' -f1,2,4,5 "$TMP/l1" | sort >"$TMP/s1"
cut -d' ' -f1,2,4,5 "$TMP/l2" | sort >"$TMP/s2"
cut -d' ' -f1,2,4,5 "$TMP/mine" | sort >"$TMP/m"
missing=$(comm -12 "$TMP/s1" "$TMP/s2" | comm -23 - "$TMP/m")
check "lsns agrees on the parent and owner of $(comm -12 "$TMP/s1" "$TMP/s2" | wc -l) namespaces${missing:+ (differs: $(echo $missing))}" test -z "$missing"

# as an unprivileged user: what can be read is shown, the rest is listed in errors, exit 0
if command -v setpriv >/dev/null; then
	rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups "$NSVIEW" --json >"$TMP/nobody.json" 2>"$TMP/nobody.err" || rc=$?
	check "non-root: --json exits 0" test "$rc" = 0
	check "non-root: nothing on stderr" test ! -s "$TMP/nobody.err"
	check "non-root: viewer euid 65534" jqt '.viewer.euid == 65534' "$TMP/nobody.json"
	check "non-root: the nested processes are still listed, with NSpid" \
		jqt --argjson p "$deep" 'any(.processes[]; .pid == $p and (.nspid | length) == 4)' "$TMP/nobody.json"
	check "non-root: their unreadable ns links are absent, not 0" \
		jqt --argjson p "$deep" '.processes[] | select(.pid == $p) | .ns | has("net") | not' "$TMP/nobody.json"
	check "non-root: the refused paths are listed as EACCES" \
		jqt --arg p "/proc/$deep/ns/net" 'any(.errors[]; .path == $p and .error == "EACCES")' "$TMP/nobody.json"
	check "non-root: no namespace with inode 0" jqt 'all(.namespaces[]; .inode > 0)' "$TMP/nobody.json"
fi
finish
