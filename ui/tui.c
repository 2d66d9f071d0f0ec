/* tui: placeholder until the TUI lands. */
#include "ui/tui.h"

#include <stdio.h>

int tui_run(const struct tui_opts *o)
{
	fputs("nsview: the TUI is not built yet; use --tree\n", stderr);
	return 1;
}
