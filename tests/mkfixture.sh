#!/usr/bin/env bash
# mkfixture: capture a fake /proc tree (a fixture for `nsview --proc DIR`) from the live system.
#
#   tests/mkfixture.sh [-v VIEWER_PID] OUTDIR PID...     capture these processes
#   tests/mkfixture.sh --scenario NAME OUTDIR            build NAME's namespaces, capture, remove
#
# Per PID it copies status, cmdline, cgroup; ns/* and task/TID/ns/* (other threads) as
# symlinks with the same text; fd/* that are namespaces (nsfs link text); the nsfs lines
# of mountinfo. At OUTDIR/nsfs it writes the sidecar (see tests/fixtures/README): what
# only NS_GET_PARENT / NS_GET_USERNS / NS_GET_OWNER_UID and uname know, for every
# namespace seen and every parent and owner, plus the kernel and the viewer.
# An ns link that cannot be read becomes a regular file, which nsview reads as an error.
# Needs root and python3 (for the ioctls). Results are trimmed by hand and committed.
set -euo pipefail

die() { echo "mkfixture: $*" >&2; exit 1; }

capture() {
	local out=$1 viewer=$2 pid tid l t f
	shift 2
	mkdir -p "$out"
	for pid in "$@"; do
		[[ -d /proc/$pid ]] || die "no process $pid"
		local d=$out/$pid
		mkdir -p "$d/ns" "$d/fd"
		cat "/proc/$pid/status" >"$d/status"
		cat "/proc/$pid/cmdline" >"$d/cmdline"
		cat "/proc/$pid/cgroup" >"$d/cgroup"
		for l in cgroup ipc mnt net pid pid_for_children time time_for_children user uts; do
			if t=$(readlink "/proc/$pid/ns/$l" 2>/dev/null); then
				ln -sfn "$t" "$d/ns/$l"
			else
				echo unreadable >"$d/ns/$l"
			fi
		done
		for tid in $(ls "/proc/$pid/task"); do
			[[ $tid == "$pid" ]] && continue
			mkdir -p "$d/task/$tid/ns"
			for l in cgroup ipc mnt net pid pid_for_children time time_for_children user uts; do
				t=$(readlink "/proc/$pid/task/$tid/ns/$l" 2>/dev/null) && ln -sfn "$t" "$d/task/$tid/ns/$l"
			done
		done
		for f in /proc/$pid/fd/*; do
			t=$(readlink "$f" 2>/dev/null) || continue
			[[ $t =~ ^(cgroup|ipc|mnt|net|pid|time|user|uts):\[[0-9]+\]$ ]] && ln -sfn "$t" "$d/fd/${f##*/}"
		done
		# MOUNTS (a regex) keeps only the bind mounts a scenario made, not the machine's others
		grep ' - nsfs ' "/proc/$pid/mountinfo" | grep -E -- "${MOUNTS:-.}" >"$d/mountinfo" || true
	done
	sidecar "$out" "$viewer" "$@" >"$out/nsfs"
}

# The sidecar: one line per namespace, from the ioctls on the live system.
sidecar() {
	local out=$1 viewer=$2
	shift 2
	python3 - "$out" "$viewer" "$@" <<'PY'
import fcntl, os, re, stat, struct, subprocess, sys
out, viewer, pids = sys.argv[1], sys.argv[2], sys.argv[3:]
NS_GET_USERNS, NS_GET_PARENT, NS_GET_OWNER_UID = 0xb701, 0xb702, 0xb704
LINK = re.compile(r'^(cgroup|ipc|mnt|net|pid|time|user|uts):\[(\d+)\]$')
seen = {}      # (type, ino) -> paths to open it by
def note(t, ino, path):
    seen.setdefault((t, int(ino)), []).append(path)
for pid in pids:
    for root, dirs, files in os.walk(os.path.join(out, pid)):
        for f in files + dirs:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                continue
            m = LINK.match(os.readlink(p))
            if m:
                rel = os.path.relpath(p, out)
                note(m.group(1), m.group(2), '/proc/' + rel)
    with open(os.path.join(out, pid, 'mountinfo')) as mi:
        for line in mi:
            f = line.split()
            m = LINK.match(f[3])
            if m:
                mp = re.sub(r'\\([0-7]{3})', lambda x: chr(int(x.group(1), 8)), f[4])
                note(m.group(1), m.group(2), '/proc/%s/root%s' % (pid, mp))
                note(m.group(1), m.group(2), mp)
rows, todo = {}, list(seen.items())
def ino_of(fd):
    return os.fstat(fd).st_ino
while todo:
    (t, ino), how = todo.pop()
    if (t, ino) in rows:
        continue
    fd = how if isinstance(how, int) else None
    for path in ([] if fd is not None else how):
        try:
            fd = os.open(path, os.O_RDONLY)
            break
        except OSError:
            pass
    if fd is None or ino_of(fd) != ino:
        sys.exit('mkfixture: cannot open %s:[%d]' % (t, ino))
    def rel(req, rt):
        try:
            r = fcntl.ioctl(fd, req)
        except OSError:
            return '-'
        i = ino_of(r)
        if (rt, i) not in rows and (rt, i) not in seen:
            todo.append(((rt, i), r))
        else:
            os.close(r)
        return str(i)
    owner = rel(NS_GET_USERNS, 'user')
    parent = rel(NS_GET_PARENT, t) if t in ('pid', 'user') else '-'
    uid = '-'
    if t == 'user':
        uid = str(struct.unpack('I', fcntl.ioctl(fd, NS_GET_OWNER_UID, b'\0' * 4))[0])
    name = ''
    if t == 'uts':
        h = subprocess.run(['nsenter', '--uts=/proc/self/fd/%d' % fd, 'cat', '/proc/sys/kernel/hostname'],
                           pass_fds=(fd,), capture_output=True).stdout.rstrip(b'\n')
        name = ' ' + ''.join(chr(b) if 0x21 <= b < 0x7f and b != 0x5c else '\\x%02x' % b for b in h)
    rows[(t, ino)] = '%s %d %s %s %s%s' % (t, ino, parent, owner, uid, name)
    os.close(fd)
print('# nsview fixture sidecar: ns TYPE INODE PARENT OWNER OWNER_UID [NAME]')
print('kernel', os.uname().release)
print('viewer', viewer, 0)
for k in sorted(rows):
    print('ns', rows[k])
PY
}

# --- scenarios: build what the fixture shows, capture it, remove it -------------

PIDS=()
cleanup() {
	local p
	# SIGKILL: the init of a PID namespace ignores other signals it has no handler for
	for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	[[ -n ${NETNS:-} ]] && ip netns del "$NETNS" 2>/dev/null
	true
}

# the pid of the process at the bottom of a chain of single children
leaf() {
	local p=$1 c
	while c=$(cat /proc/$p/task/$p/children 2>/dev/null) && [[ -n ${c// /} ]]; do p=${c%% *}; done
	echo "$p"
}
chain() { # all pids from $1 down its single-child chain
	local p=$1 c
	echo "$p"
	while c=$(cat /proc/$p/task/$p/children 2>/dev/null) && [[ -n ${c// /} ]]; do p=${c%% *}; echo "$p"; done
}
settle() { # wait until $1's chain ends in a sleep
	local i
	for i in $(seq 100); do
		[[ $(cat /proc/$(leaf "$1")/comm 2>/dev/null) == sleep ]] && return 0
		sleep 0.05
	done
	die "chain under $1 did not settle"
}

scenario() {
	local name=$1 out=$2 p q
	trap cleanup EXIT
	case $name in
	host)
		export MOUNTS='^$'
		sleep infinity & PIDS+=($!)
		capture "$out" $$ 1 2 $$ "$!" ;;
	nested)
		export MOUNTS='^$'
		unshare --pid --fork --mount-proc unshare --pid --fork --mount-proc \
			unshare --pid --fork --mount-proc sleep infinity & PIDS+=($!)
		settle "$!"
		PIDS+=($(chain "$!"))
		capture "$out" $$ $$ $(chain "$!") ;;
	siblings)
		export MOUNTS='^$'
		unshare --pid --fork --mount-proc sleep infinity & PIDS+=($!); p=$!
		unshare --pid --fork --mount-proc sleep infinity & PIDS+=($!); q=$!
		settle "$p"; settle "$q"
		PIDS+=($(chain "$p") $(chain "$q"))
		capture "$out" $$ $$ $(chain "$p") $(chain "$q") ;;
	netns)
		NETNS=nsvfix$$
		export MOUNTS=$NETNS
		ip netns add "$NETNS"
		unshare --net sleep infinity & PIDS+=($!); p=$!
		settle "$p"
		exec 9<"/proc/$p/ns/net"
		sleep infinity & PIDS+=($!); q=$!
		exec 9<&-
		kill "$p"; wait "$p" 2>/dev/null || true
		capture "$out" $$ $$ "$q" ;;
	hostile)
		export MOUNTS='^$'
		# comm is the executable's file name (writing another process's comm is refused),
		# so run sleep through a symlink with a hostile name
		local bin
		bin=$(mktemp -d)
		ln -s "$(command -v sleep)" "$bin/$(printf 'c\033[2J\n\377\342\200\256')"
		unshare --uts --fork bash -c 'printf "evil\033[31mname\342\200\256\377" >/proc/sys/kernel/hostname; exec -a "$(printf "argv\033]0;x\007\n\377\342\200\256")" "$1"/c* infinity' sh "$bin" & PIDS+=($!)
		for _ in $(seq 100); do [[ $(leaf "$!") != "$!" && -n $(cat /proc/$(leaf "$!")/cmdline 2>/dev/null | tr -d '\0' | grep argv) ]] && break; sleep 0.05; done
		p=$(leaf "$!")
		PIDS+=("$p")
		capture "$out" $$ $$ "$!" "$p"
		rm -rf "$bin" ;;
	*) die "unknown scenario $name (host nested siblings netns hostile)" ;;
	esac
}

((EUID == 0)) || die "needs root"
command -v python3 >/dev/null || die "needs python3"
if [[ ${1:-} == --scenario ]]; then
	[[ $# == 3 ]] || die "usage: --scenario NAME OUTDIR"
	scenario "$2" "$3"
	exit 0
fi
viewer=
if [[ ${1:-} == -v ]]; then viewer=$2; shift 2; fi
[[ $# -ge 2 ]] || die "usage: mkfixture.sh [-v VIEWER_PID] OUTDIR PID..."
out=$1
shift
capture "$out" "${viewer:-$1}" "$@"
