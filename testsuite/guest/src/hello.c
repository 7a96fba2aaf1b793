/*
 * hello.c - printf through libc, and an echo of the command line.
 *
 * Prints a greeting, argc, the last path component of argv[0] (the directory differs between a
 * native run and an emulated one) and every further argument. The environment is not printed:
 * it differs from one runner to the next.
 */
#include <stdio.h>
#include <string.h>

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
	printf("Hello from a Splitvisor user VM (libc printf)\n");
	printf("argc=%d\n", argc);
	printf("argv[0] base name=%s\n", argc > 0 ? base_name(argv[0]) : "(none)");
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=\"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
	return 0;
}
