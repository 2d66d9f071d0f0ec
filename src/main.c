/*
 * main: options, mode dispatch and exit status. The only place (with the TUI
 * loop) that prints messages: 0 success, 1 runtime failure, 2 bad usage.
 */
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probes/snapshot.h"
#include "src/demo.h"
#include "src/json.h"
#include "src/model.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/tui.h"

#ifndef NSVIEW_VERSION
#define NSVIEW_VERSION "0.1.0"
#endif

enum mode { MODE_TUI, MODE_JSON, MODE_TREE, MODE_LIST, MODE_NET, MODE_DEMO };

static const char usage_text[] =
	"usage: nsview [options]\n"
	"  (no mode)          the interactive TUI\n"
	"  --json             one snapshot of every namespace as JSON (schema nsview/1)\n"
	"  --tree             the nested PID-namespace tree with each process's PID at every level\n"
	"  --list [--type T]  every namespace (or those of type T), including those no process is in\n"
	"  --net              every network namespace with its interfaces\n"
	"  --from PID         with --tree (or the TUI): the world as PID's PID namespace sees it\n"
	"  --demo FLAGS       clone() a child with FLAGS (pid,net,uts,ipc,mnt,user,cgroup,time or\n"
	"                     none) and show what it sees of itself beside what the parent sees\n"
	"  --veth             with --demo and net: a veth pair between the child and nsview\n"
	"  --hold             with --demo: keep the child until stdin ends or a signal\n"
	"  --proc DIR         read DIR instead of /proc\n"
	"  --no-net           skip the netlink probe\n"
	"  -d, --delay SECS   TUI refresh interval (default 2)\n"
	"  -h, --help         this text\n"
	"  -V, --version      the version\n";

__attribute__((format(printf, 1, 2), noreturn)) static void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("nsview: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(usage_text, stderr);
	exit(2);
}

/* A culprit from the command line, made safe to echo back. */
static char *culprit(const char *s)
{
	return util_sanitize_str(s);
}

/*
 * The option getopt refused. An unknown short option is named by its letter: inside a
 * cluster ("-zq") optind still points at the cluster, so argv[optind - 1] is the
 * argument before it. Anything else (a long option, a known letter missing its
 * argument or given one it does not take) is the whole argument getopt just consumed.
 */
static char *bad_option(char **argv, const char *shortopts)
{
	if (optopt > 0 && optopt < 256 && (optopt == ':' || !strchr(shortopts, optopt))) {
		char opt[3] = { '-', (char)optopt, 0 };
		return culprit(opt);
	}
	return culprit(argv[optind - 1]);
}

static void set_mode(enum mode *m, enum mode want, const char *opt)
{
	/* --json combines with --demo; any other two modes are a usage error */
	if (*m == MODE_DEMO && want == MODE_JSON)
		return;
	if (*m == MODE_JSON && want == MODE_DEMO) {
		*m = MODE_DEMO;
		return;
	}
	if (*m != MODE_TUI && *m != want)
		usage_error("%s cannot be combined with another output mode", opt);
	*m = want;
}

int main(int argc, char **argv)
{
	enum { OPT_JSON = 256, OPT_TREE, OPT_LIST, OPT_NET, OPT_TYPE, OPT_FROM, OPT_DEMO, OPT_PROC, OPT_NONET,
	       OPT_VETH, OPT_HOLD };
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, OPT_JSON },   { "tree", no_argument, NULL, OPT_TREE },
		{ "list", no_argument, NULL, OPT_LIST },   { "net", no_argument, NULL, OPT_NET },
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "demo", required_argument, NULL, OPT_DEMO },
		{ "proc", required_argument, NULL, OPT_PROC },
		{ "no-net", no_argument, NULL, OPT_NONET },
		{ "veth", no_argument, NULL, OPT_VETH },   { "hold", no_argument, NULL, OPT_HOLD },
		{ "delay", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },     { 0, 0, 0, 0 },
	};
	enum mode mode = MODE_TUI;
	bool want_json = false;
	int type = -1;
	const char *type_arg = NULL, *demo_arg = NULL, *from_arg = NULL;
	pid_t from = 0;
	bool from_set = false;
	struct demo_cli_opts demo_opts = { 0 };
	double delay = 2.0;
	bool delay_set = false;
	struct snapshot_opts so = { 0 };
	int c;

	static const char shortopts[] = ":d:hV";
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		long long v;
		switch (c) {
		case OPT_JSON:
			want_json = true;
			set_mode(&mode, MODE_JSON, "--json");
			break;
		case OPT_TREE:
			set_mode(&mode, MODE_TREE, "--tree");
			break;
		case OPT_LIST:
			set_mode(&mode, MODE_LIST, "--list");
			break;
		case OPT_NET:
			set_mode(&mode, MODE_NET, "--net");
			break;
		case OPT_DEMO:
			set_mode(&mode, MODE_DEMO, "--demo");
			demo_arg = optarg;
			break;
		case OPT_TYPE:
			type_arg = optarg;
			type = model_type_parse(optarg, strlen(optarg));
			if (type < 0)
				usage_error("--type '%s': not a namespace type (cgroup, ipc, mnt, net, pid, "
					    "time, user, uts)",
					    culprit(optarg));
			break;
		case OPT_FROM:
			if (util_parse_ll(optarg, 1, 0x7fffffff, &v) < 0)
				usage_error("--from '%s': not a process id", culprit(optarg));
			from = (pid_t)v;
			from_arg = optarg;
			from_set = true;
			break;
		case OPT_PROC:
			so.proc_root = optarg;
			break;
		case OPT_NONET:
			so.no_net = true;
			break;
		case OPT_VETH:
			demo_opts.veth = true;
			break;
		case OPT_HOLD:
			demo_opts.hold = true;
			break;
		case 'd':
			if (util_parse_secs(optarg, &delay) < 0)
				usage_error("--delay '%s': not a number of seconds from %g to 86400",
					    culprit(optarg), UTIL_SECS_MIN);
			delay_set = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("nsview %s\n", NSVIEW_VERSION);
			return 0;
		case ':':
			usage_error("%s needs an argument", bad_option(argv, shortopts));
			break;
		default:
			usage_error("unknown option '%s'", bad_option(argv, shortopts));
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", culprit(argv[optind]));
	if (type_arg && mode != MODE_LIST)
		usage_error("--type %s goes with --list", culprit(type_arg));
	if (from_set && mode != MODE_TREE && mode != MODE_TUI)
		usage_error("--from %s goes with --tree or the TUI", culprit(from_arg));

	if ((demo_opts.veth || demo_opts.hold) && mode != MODE_DEMO)
		usage_error("%s goes with --demo", demo_opts.veth ? "--veth" : "--hold");
	/* --demo reads no snapshot and draws no screen: say so rather than ignore these */
	if (mode == MODE_DEMO && (so.proc_root || so.no_net || delay_set))
		usage_error("%s does not go with --demo",
			    so.proc_root ? "--proc" : so.no_net ? "--no-net" : "--delay");
	if (mode == MODE_DEMO) {
		unsigned long flags;
		const char *bad = NULL;
		if (demo_parse_flags(demo_arg, &flags, &bad) < 0)
			usage_error("--demo: %s", culprit(bad));
		if (demo_opts.veth && !(flags & CLONE_NEWNET))
			usage_error("--veth needs a new network namespace: add net to --demo");
		demo_opts.json = want_json;
		const char *why = "";
		int dr = demo_cli_run(flags, &demo_opts, stdout, &why);
		if (dr < 0) {
			char *names = demo_flags_str(flags);
			fprintf(stderr, "nsview: --demo %s: %s: %s%s\n", names, why, strerror(-dr),
				dr == -EPERM && geteuid() != 0
					? " (new namespaces other than user need root)"
					: "");
			free(names);
			return 1;
		}
		return 0;
	}
	if (mode == MODE_TUI && (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))) {
		fputs("nsview: the TUI needs a terminal; for output to a pipe or file use --json, "
		      "--tree, --list or --net\n",
		      stderr);
		return 2;
	}

	struct snapshot_ctx *ctx = NULL;
	so.resources = mode == MODE_TUI;
	int r = snapshot_open(&so, &ctx);
	if (r < 0) {
		/* a --proc the user named is bad usage; the machine's own /proc missing is not */
		if (!so.proc_root) {
			fprintf(stderr, "nsview: cannot open /proc: %s\n", strerror(-r));
			return 1;
		}
		char *p = culprit(so.proc_root);
		fprintf(stderr, "nsview: --proc %s: %s\n", p, strerror(-r));
		free(p);
		return 2;
	}
	if (mode == MODE_TUI) {
		if (from_set) {
			/* fail before the screen is taken if the process does not exist */
			struct snapshot *s = NULL;
			r = snapshot_take(ctx, &s);
			bool found = r >= 0 && model_find_proc(s, from);
			model_free(s);
			if (!found) {
				fprintf(stderr, "nsview: --from %d: no such process\n", (int)from);
				snapshot_close(ctx);
				return 2;
			}
		}
		struct tui_opts to = { .ctx = ctx, .delay = delay, .from = from };
		r = tui_run(&to);
		snapshot_close(ctx);
		return r;
	}

	struct snapshot *s = NULL;
	r = snapshot_take(ctx, &s);
	if (r < 0) {
		char *p = culprit(so.proc_root ? so.proc_root : "/proc");
		fprintf(stderr, "nsview: cannot read %s: %s\n", p, strerror(-r));
		free(p);
		snapshot_close(ctx);
		return 1;
	}
	int status = 0;
	switch (mode) {
	case MODE_JSON:
		r = json_write(stdout, s);
		break;
	case MODE_TREE:
		r = text_tree(stdout, s, from);
		if (r == -ESRCH) {
			fprintf(stderr, "nsview: --from %d: no such process\n", (int)from);
			status = 2;
		} else if (r == -ENODATA) {
			/* it exists, but this viewer could not read which PID namespace it is in */
			fprintf(stderr, "nsview: --from %d: its PID namespace could not be read\n",
				(int)from);
			status = 1;
		}
		break;
	case MODE_LIST:
		r = text_list(stdout, s, type);
		break;
	case MODE_NET:
		r = text_net(stdout, s);
		break;
	default:
		r = 0;
		break;
	}
	if (r < 0 && status == 0) {
		fprintf(stderr, "nsview: writing output: %s\n", strerror(-r));
		status = 1;
	}
	if (fflush(stdout) != 0 && status == 0) {
		fprintf(stderr, "nsview: writing output: %s\n", strerror(errno));
		status = 1;
	}
	model_free(s);
	snapshot_close(ctx);
	return status;
}
