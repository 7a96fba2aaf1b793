/*
 * crash_garbage.c - a bad guest that jumps into bytes that are not code.
 *
 * The target is a buffer of 0xFF bytes. Without an argument it lies in .data, which is mapped
 * without execute permission, so the instruction fetch itself faults: SIGSEGV natively (exit
 * status 139 through the shell). With the argument "exec" the same bytes are placed in an
 * mmap'd page with PROT_EXEC, so the CPU decodes them: FF FF is opcode group 5 with the
 * reserved ModRM.reg value 7, an invalid opcode, so SIGILL (exit status 132). An emulator must
 * kill the guest the same way and never let the fault reach the host.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static unsigned char garbage[64] = { [0 ... 63] = 0xFF };

int main(int argc, char **argv)
{
	void *target = garbage;

	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		target = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (target == MAP_FAILED)
			return 2;
		memset(target, 0xFF, 4096);
	}
	printf("jumping to a buffer of 0xFF bytes\n");
	fflush(stdout);
	((void (*)(void))target)();
	printf("still alive: this line must never appear\n");
	return 1;
}
