/*
 * exit_code.c - exits with the status given as argv[1] (decimal); 0 without an argument.
 *
 * The status goes through libc's exit(), so atexit handlers and stdio flushing run first; the
 * kernel keeps the low 8 bits. Nothing is printed.
 */
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	exit((int)strtol(argv[1], NULL, 10));
}
