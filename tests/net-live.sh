#!/usr/bin/env bash
# net-live: nsview's network view against the kernel, on namespaces this test makes.
#
#   A and B (ip netns add) joined by a veth pair va/vb; a veth rh$$/ha from the root
#   namespace into A; a bridge br0 in B with vb and an ifb as its ports; IPv4 and IPv6
#   addresses on va; C held only by an fd (a recorded background process) after
#   `ip netns del`, joined to A by vca/vc. `nsview --json` must match `ip -j -d addr`
#   in each (names, ifindex, MTU, MAC, operstate, kind, master, every address and
#   prefix) and name every veth peer with the right namespace; `--net` must show them.
#   Everything is removed on every way out.
. "$(dirname -- "$0")/lib.sh"
need_root
need_cmd ip jq nsenter stat

A=nsvl$$a B=nsvl$$b C=nsvl$$c RH=nsvr$$
at_exit "ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; ip netns del $C 2>/dev/null"
at_exit "ip link del $RH 2>/dev/null"
for n in $A $B $C; do
	ip netns add $n || { not_ok "ip netns add $n"; finish; }
	# no link-local addresses: they come and go on their own while the test compares
	ip netns exec $n sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 net.ipv6.conf.all.addr_gen_mode=1
	ip -n $n link set lo up
done
set -e
ip -n $A link add va type veth peer name vb netns $B
ip link add $RH type veth peer name ha netns $A
ip -n $A link add vca type veth peer name vc netns $C
ip -n $B link add br0 type bridge
ip -n $B link add ifbp type ifb
ip -n $B link set vb master br0
ip -n $B link set ifbp master br0
ip -n $A addr add 10.201.0.1/24 dev va
ip -n $A addr add fd00:201::1/64 dev va nodad
ip -n $A addr add fd00:202::1/64 dev va nodad
ip -n $C addr add 10.202.0.2/30 dev vc
for l in va vca ha; do ip -n $A link set $l up; done
ip -n $B link set vb up
ip -n $B link set br0 up
ip -n $C link set vc up
set +e

# C held only by an fd: a process keeps it open, then the bind mount goes
bash -c "exec 3</run/netns/$C; exec sleep 600" &
holder=$!
at_exit "kill $holder 2>/dev/null; wait $holder 2>/dev/null"
# bash opened fd 3 before it became sleep
wait_for 10 grep -q '^Name:.*sleep' /proc/$holder/status || { not_ok "fd holder started"; finish; }
ino_c=$(stat -L -c %i /proc/$holder/fd/3)
ip netns del $C
ino_root=$(stat -L -c %i /proc/self/ns/net)
ino_a=$(stat -L -c %i /run/netns/$A)
ino_b=$(stat -L -c %i /run/netns/$B)

json=$(mktemp)
at_exit "rm -f $json"
ipj() { # namespace-name|fd: ip's view of every interface, normalized
	if [[ $1 == fd ]]; then
		nsenter --net=/proc/$holder/fd/3 ip -j -d addr
	elif [[ $1 == root ]]; then
		ip -j -d addr
	else
		ip -j -d -n "$1" addr
	fi | jq -S '[.[] | {ifindex, name: .ifname, mtu, state: .operstate, mac: (.address // null),
		kind: (.linkinfo.info_kind // (if .link_type == "loopback" then "loopback" else null end)),
		master: (.master // null),
		addrs: ([.addr_info[]? | "\(.family) \(.local)/\(.prefixlen)"] | sort)}] | sort_by(.ifindex)'
}
ours() { # inode: nsview's view of the same, normalized
	jq -S --argjson ino "$1" '[.netns[] | select(.inode == $ino) | .interfaces[] | {ifindex, name, mtu,
		state, mac, kind, master, addrs: ([.addresses[] | "\(.family) \(.address)/\(.prefix)"] | sort)}]
		| sort_by(.ifindex)' "$json"
}
same() { # ns-spec inode: one fresh look of each agrees (states settle by themselves, so poll)
	"$NSVIEW" --json >"$json" || return 1
	local theirs mine
	theirs=$(ipj "$1") && mine=$(ours "$2") || return 1
	[[ $theirs == "$mine" && $mine != "[]" ]] && return 0
	diff <(echo "$theirs") <(echo "$mine") >&2
	return 1
}
check "A matches ip -n $A" wait_for 10 same $A $ino_a
check "B matches ip -n $B" wait_for 10 same $B $ino_b
check "C (fd only) matches ip in it" wait_for 10 same fd $ino_c
# the root namespace has interfaces of its own: compare only ours
check "root veth matches ip" wait_for 10 bash -c "
	'$NSVIEW' --json | jq -e --arg n $RH --argjson ino $ino_root --argjson ip \"\$(ip -j -d link show $RH)\" '
		[.netns[] | select(.inode == \$ino) | .interfaces[] | select(.name == \$n)][0] as \$i
		| \$i.ifindex == \$ip[0].ifindex and \$i.mtu == \$ip[0].mtu and \$i.mac == \$ip[0].address
		and \$i.state == \$ip[0].operstate and \$i.kind == \"veth\"' >/dev/null"

"$NSVIEW" --json >"$json"
peer() { # inode ifname -> "peer-inode peer-name"
	jq -r --argjson ino "$1" --arg n "$2" '.netns[] | select(.inode == $ino) | .interfaces[]
		| select(.name == $n) | "\(.peer.netns) \(.peer.name)"' "$json"
}
check "peer of va is B/vb" test "$(peer $ino_a va)" = "$ino_b vb"
check "peer of vb is A/va" test "$(peer $ino_b vb)" = "$ino_a va"
check "peer of $RH is A/ha" test "$(peer $ino_root $RH)" = "$ino_a ha"
check "peer of ha is root/$RH" test "$(peer $ino_a ha)" = "$ino_root $RH"
check "peer of vca is C/vc (fd only)" test "$(peer $ino_a vca)" = "$ino_c vc"
check "peer of vc is A/vca" test "$(peer $ino_c vc)" = "$ino_a vca"
names() { jq -c --argjson ino "$1" '[.netns[] | select(.inode == $ino) | .names]' "$json"; }
check "names: A is $A" test "$(names $ino_a)" = "[[\"$A\"]]"
check "names: C (fd only) has none" test "$(names $ino_c)" = "[[]]"
check "master of ifbp is br0" test "$(jq -r --argjson b $ino_b \
	'.netns[] | select(.inode == $b) | .interfaces[] | select(.name == "ifbp") | .master' "$json")" = br0
jqe() { jq -e "$@" >/dev/null; }
# (another nsview running meanwhile may hold it by a netlink socket too)
check "C is held by an fd, no process, no bind" jqe --argjson c $ino_c \
	'[.namespaces[] | select(.type == "net" and .inode == $c) | .held_by] as [$h]
	| ($h | index("fd")) != null and ($h | index("bind")) == null and ($h | index("process")) == null' "$json"
check "A's nsids all resolved" jqe --argjson a $ino_a \
	'[.netns[] | select(.inode == $a) | .nsids[]] | length >= 3 and all(.netns != null)' "$json"

net=$("$NSVIEW" --net)
check "--net exits 0" test $? -eq 0
check "--net: va's peer by name" grep -q "^    va .* peer: $B/vb .*10.201.0.1/24" <<<"$net"
check "--net: $RH's peer by name" grep -q "^    $RH .* peer: $A/ha" <<<"$net"
check "--net: vca's peer in the unnamed C" grep -q "^    vca .* peer: $ino_c/vc" <<<"$net"
check "--net: vb's master" grep -q "^    vb .* master: br0  peer: $A/va" <<<"$net"
check "--net: C held by fd, pid $holder" grep -q "^(unnamed)  net:\[$ino_c\].*held by fd.*pid $holder fd 3" <<<"$net"
check "--net: no control characters" bash -c "! LC_ALL=C grep -q '[[:cntrl:]]' <<<\"\$1\"" _ "$(tr -d '\n' <<<"$net")"
finish
