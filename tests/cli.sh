#!/usr/bin/env bash
# cli: the nsview binary on the committed fixture trees (--proc tests/fixtures/NAME):
# --tree, --tree --from, --list, --list --type and --json compared with the goldens in
# tests/expected/cli-*; --json checked with jq for the schema's keys; bad input gets
# exit 2 and a first line naming the culprit; nothing from a hostile fixture puts a
# control byte on stdout. No root needed, nothing is created outside a temp directory.
#
#   UPDATE=1 bash tests/cli.sh    rewrite the goldens from the current binary (then
#                                 review every changed one with git diff)
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
need_cmd jq
FIX=$TESTS_DIR/fixtures
EXP=$TESTS_DIR/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nsview-cli.$$.XXXXXX")
at_exit "rm -rf '$TMP'"
# goldens are drawn in UTF-8; one check below asks for ASCII
export LC_ALL=C.UTF-8

# jqt FILTER FILE: the filter holds (jq -e) on FILE
jqt() { jq -e "$@" >/dev/null; }

# golden NAME ARGS...: run nsview ARGS, expect exit 0, empty stderr, stdout == expected/NAME
golden() {
	local name=$1 rc=0
	shift
	"$NSVIEW" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	if ((rc != 0)) || [[ -s $TMP/err ]]; then
		not_ok "$name" "exit $rc: $(head -n 3 "$TMP/err")"
		return
	fi
	if [[ ${UPDATE:-} == 1 ]]; then
		cp "$TMP/out" "$EXP/$name"
		ok "$name (updated)"
	elif [[ ! -f $EXP/$name ]]; then
		not_ok "$name" "no golden $EXP/$name (run with UPDATE=1, then review it)"
	elif diff -u "$EXP/$name" "$TMP/out" >"$TMP/diff"; then
		ok "$name"
	else
		not_ok "$name" "differs from the golden:"
		head -n 40 "$TMP/diff"
	fi
}

# usage NAME CULPRIT ARGS...: exit 2, a first stderr line "nsview: ..." naming CULPRIT, no stdout
usage() {
	local name=$1 culprit=$2 rc=0 first
	shift 2
	"$NSVIEW" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null || rc=$?
	first=$(head -n 1 "$TMP/err")
	if ((rc != 2)); then
		not_ok "$name" "exit $rc, want 2 ($first)"
	elif [[ $first != nsview:* || $first != *"$culprit"* ]]; then
		not_ok "$name" "first line does not name '$culprit': $first"
	elif [[ -s $TMP/out ]]; then
		not_ok "$name" "wrote to stdout: $(head -c 200 "$TMP/out")"
	else
		ok "$name"
	fi
}

# no_controls FILE: valid UTF-8 (so no lone 8-bit C1 byte) with no C0 but \n and \t,
# no DEL, no C1 and no bidi override or isolate
no_controls() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 &&
		! LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
}

for f in host nested siblings netns hostile vanish task hostname; do
	[[ -d $FIX/$f ]] || { not_ok "fixture $f" "missing $FIX/$f"; continue; }
	golden "cli-tree-$f.txt" --proc "$FIX/$f" --no-net --tree
	golden "cli-list-$f.txt" --proc "$FIX/$f" --no-net --list
	golden "cli-json-$f.json" --proc "$FIX/$f" --no-net --json
done

# --from: only what that namespace sees, with its own PIDs
golden cli-tree-from-nested-2586.txt --proc "$FIX/nested" --tree --from 2586
golden cli-tree-from-nested-2588.txt --proc "$FIX/nested" --tree --from 2588
golden cli-tree-from-siblings-2948.txt --proc "$FIX/siblings" --tree --from 2948
golden cli-tree-from-host-1.txt --proc "$FIX/host" --tree --from 1
check "--from 2586 hides the outer processes" \
	bash -c '! grep -qE "^(├─ |└─ )?258[12] " "$1/cli-tree-from-nested-2586.txt"' _ "$EXP"
check "--from 2586 shows 2588 as 2 -> 1" grep -q '2 → 1  uid 0  sleep infinity' "$EXP/cli-tree-from-nested-2586.txt"
check "--from a sibling hides the other sibling" \
	bash -c '! grep -q 2949 "$1/cli-tree-from-siblings-2948.txt"' _ "$EXP"

# --list --type: one type only, every row of it
golden cli-list-type-net-netns.txt --proc "$FIX/netns" --list --type net
golden cli-list-type-pid-nested.txt --proc "$FIX/nested" --list --type pid
check "--list --type net has only net rows" \
	bash -c 'tail -n +2 "$1" | awk "\$1 != \"net\" { exit 1 }"' _ "$EXP/cli-list-type-net-netns.txt"
check "--list shows the bind- and fd-held netns" \
	bash -c 'grep -qE "^net +[0-9]+ +0 .* bind " "$1" && grep -qE "^net +[0-9]+ +0 .* fd( |$)" "$1"' _ \
	"$EXP/cli-list-netns.txt"

check "--list shows a netns that only a thread is in, held by task" \
	grep -qE '^net +4026532300 +0 .* task' "$EXP/cli-list-task.txt"
"$NSVIEW" --proc "$FIX/hostname" --net >"$TMP/net-hostname" 2>&1
check "--net calls an unnamed netns after its container's hostname" \
	grep -q '^(web1)  net:\[4026532311\]  1 process' "$TMP/net-hostname"

# ASCII drawing where the locale names another character set
LC_ALL=de_DE.ISO-8859-1 "$NSVIEW" --proc "$FIX/nested" --tree >"$TMP/ascii" 2>&1
check "--tree draws ASCII in a non-UTF-8 locale" \
	bash -c 'grep -q "2588 -> 3 -> 2 -> 1" "$1" && ! LC_ALL=C grep -qP "[\x80-\xff]" "$1"' _ "$TMP/ascii"

# --json: valid for jq, the schema's keys, null versus absent
for f in host nested siblings netns hostile vanish task hostname; do
	[[ -d $FIX/$f ]] || continue
	"$NSVIEW" --proc "$FIX/$f" --no-net --json >"$TMP/$f.json" 2>/dev/null
	check "--json $f is valid JSON with every key" jqt '
		def has_all(ks): . as $o | all(ks[]; . as $k | $o | has($k));
		.schema == "nsview/1" and (.kernel | type == "string") and
		(.viewer | has_all(["pid", "euid"])) and
		(.namespaces | type == "array" and length > 0) and
		all(.namespaces[]; has_all(["type", "inode", "initial", "parent", "owner", "owner_uid",
			"level", "nprocs", "held_by", "bind_mounts", "fds", "init_pid", "name"]) and
			(.type | IN("cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts")) and
			all(.held_by[]; IN("process", "task", "fd", "socket", "bind", "parent")) and
			((.type | IN("pid", "user")) or (.parent == null and .level == null)) and
			(.type == "user" or .owner_uid == null) and (.type == "pid" or .init_pid == null)) and
		all(.processes[]; has_all(["pid", "ppid", "uid", "comm", "cmdline", "nspid", "ns", "container"]) and
			all(.ns | to_entries[]; .value | type == "number" and . > 0) and
			(.nspid | length > 0) and (.container == null or (.container | has_all(["runtime", "id"])))) and
		all(.netns[]; has_all(["inode", "names", "nprocs", "nsids", "interfaces"])) and
		all(.errors[]; has_all(["path", "error"]) and (.error | test("^E[A-Z0-9]+$")))
	' "$TMP/$f.json"
done
check "--json nested: 2588 has NSpid 2588 3 2 1" \
	jqt '.processes[] | select(.pid == 2588) | .nspid == [2588, 3, 2, 1]' "$TMP/nested.json"
check "--json nested: levels 0..3 and init_pid of each level" \
	jqt '[.namespaces[] | select(.type == "pid") | [.level, .init_pid]] |
		map(.[0]) == [0, 1, 2, 3] and (map(.[1]) | .[1:] == [2584, 2586, 2588])' "$TMP/nested.json"
# (a fixture stands for an unreadable link with a regular file: readlink says EINVAL)
check "--json host: pid 1's unreadable links are in errors, absent from its ns" \
	jqt '(.processes[] | select(.pid == 1) | .ns == {}) and
		([.errors[] | select(.path | startswith("/proc/1/ns/"))] | length == 10)' \
	"$TMP/host.json"
check "--json vanish: pid 4242 skipped silently" \
	jqt '(all(.processes[]; .pid != 4242)) and (all(.errors[]; .path | contains("4242") | not))' "$TMP/vanish.json"

# hostile names: never a control byte on stdout, and the JSON keeps the bytes escaped
for mode in --tree --list --net --json; do
	"$NSVIEW" --proc "$FIX/hostile" --no-net $mode >"$TMP/hostile.out" 2>/dev/null
	check "hostile $mode: no control bytes on stdout" no_controls "$TMP/hostile.out"
done
check "hostile --json: the escape survives as \\u001b" grep -q '\\u001b' "$TMP/hostile.json"
check "hostile --json: the invalid byte is \\ufffd" grep -q '\\ufffd' "$TMP/hostile.json"
check "hostile --json: the bidi override is \\u202e" grep -q '\\u202e' "$TMP/hostile.json"
check "hostile --tree: the escape is shown as \\x1b" grep -q '\\x1b' "$EXP/cli-tree-hostile.txt"

# bad input: exit 2, one first line naming the culprit
usage "unknown flag" "--bogus" --bogus
usage "unknown short flag" "-z" -z
usage "unknown short flag in a cluster after a long option" "'-z'" --json -zq
usage "--help given an argument" "--help=x" --help=x
usage "-d without its argument" "-d" --tree -d
usage "stray argument" "stray" --tree stray
usage "--from a PID that does not exist" "--from 999999" --proc "$FIX/nested" --tree --from 999999
usage "--from not a number" "12ab" --tree --from 12ab
usage "--from zero" "'0'" --tree --from 0
usage "--type bogus" "bogus" --list --type bogus
usage "--type without --list" "--type" --tree --type net
usage "--proc /nonexistent" "/nonexistent" --proc /nonexistent --tree
usage "--proc a file" "$FIX/README" --proc "$FIX/README" --tree
usage "--delay -1" "-1" --delay -1
usage "--delay zero" "'0'" -d 0
usage "--delay not a number" "fast" --delay fast
usage "--delay too short to be a refresh" "0.001" --delay 0.001
usage "--delay in hex" "0x10" --json --delay 0x10
usage "an option without its argument" "--from" --tree --from
usage "two modes" "--json" --tree --json
usage "--demo bogus" "bogus" --demo bogus
usage "--proc with --demo" "--proc" --demo pid --proc "$FIX/host"
usage "--no-net with --demo" "--no-net" --demo pid --no-net
usage "--delay with --demo" "--delay" --demo pid -d 1

# a process that exists but whose PID namespace link is unreadable is no "no such process"
cp -a "$FIX/nested" "$TMP/nested-unreadable"
rm "$TMP/nested-unreadable/2588/ns/pid" && echo x >"$TMP/nested-unreadable/2588/ns/pid"
rc=0
"$NSVIEW" --proc "$TMP/nested-unreadable" --tree --from 2588 >"$TMP/out" 2>"$TMP/err" || rc=$?
check "--from a process whose PID namespace is unreadable: exit 1, one line saying so" \
	bash -c '[[ $1 == 1 && $(wc -l <"$2") == 1 ]] &&
		grep -q "^nsview: --from 2588: its PID namespace could not be read" "$2"' _ "$rc" "$TMP/err"

# the TUI needs a terminal: exit 2, naming --json and --tree
rc=0
"$NSVIEW" --proc "$FIX/host" </dev/null >"$TMP/out" 2>"$TMP/err" || rc=$?
check "no mode with stdout not a terminal exits 2" test "$rc" = 2
check "... naming --json and --tree" bash -c 'grep -q -- --json "$1" && grep -q -- --tree "$1"' _ "$TMP/err"

# help and version
rc=0
"$NSVIEW" -h >"$TMP/out" 2>&1 || rc=$?
check "-h exits 0 with the usage" bash -c '[[ $1 == 0 ]] && grep -q -- --tree "$2" && grep -q -- --json "$2"' _ "$rc" "$TMP/out"
rc=0
"$NSVIEW" --help >/dev/null 2>&1 || rc=$?
check "--help exits 0" test "$rc" = 0
rc=0
"$NSVIEW" -V >"$TMP/out" 2>&1 || rc=$?
check "-V exits 0 with the version" bash -c '[[ $1 == 0 ]] && grep -qE "^nsview [0-9]+\.[0-9]+" "$2"' _ "$rc" "$TMP/out"

# a write error is a runtime failure (1), not a crash
if [[ -w /dev/full ]]; then
	rc=0
	"$NSVIEW" --proc "$FIX/host" --json >/dev/full 2>"$TMP/err" || rc=$?
	check "--json to a full disk exits 1 with a message" \
		bash -c '[[ $1 == 1 ]] && grep -q "nsview: " "$2"' _ "$rc" "$TMP/err"
	rc=0
	"$NSVIEW" --proc "$FIX/host" --tree >/dev/full 2>"$TMP/err" || rc=$?
	check "--tree to a full disk exits 1 with a message" \
		bash -c '[[ $1 == 1 ]] && grep -q "nsview: " "$2"' _ "$rc" "$TMP/err"
fi

finish
