/*
 * stack_overflow.c - a bad guest that recurses until its stack runs out.
 *
 * Each frame holds a 1 KiB volatile array and uses it after the recursive call, so the compiler
 * can neither turn the recursion into a loop nor drop the frame. The stack grows down to the
 * RLIMIT_STACK bound (8 MiB here), the next touch finds no mapping, and Linux delivers SIGSEGV
 * (exit status 139 through the shell). An emulator must grow the stack on demand up to the
 * limit and then fault the same way.
 */
#include <stdio.h>

/* Never reached; its presence tells gcc the recursion has an exit, which -Wall wants. */
static volatile unsigned long depth_limit = ~0ul;

static unsigned long recurse(unsigned long depth)
{
	volatile unsigned char frame[1024];

	if (depth == depth_limit)
		return 0;
	frame[0] = (unsigned char)depth;
	frame[sizeof(frame) - 1] = (unsigned char)(depth >> 8);
	return recurse(depth + 1) + frame[0] + frame[sizeof(frame) - 1];
}

int main(void)
{
	printf("recursing without end\n");
	fflush(stdout);
	printf("still alive: %lu\n", recurse(0));
	return 1;
}
