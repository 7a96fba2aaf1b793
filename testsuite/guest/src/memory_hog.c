/*
 * memory_hog.c - a bad guest that allocates and touches memory in 64 MiB blocks until malloc
 * fails or an optional limit is reached.
 *
 *   memory_hog        allocate until malloc fails, then print "malloc failed" and exit 3
 *   memory_hog MIB    stop after MIB mebibytes (rounded down to whole blocks) and exit 0
 *
 * One byte per 4 KiB page is written, so every page is really backed: a guest kernel that only
 * reserves address space is pushed to commit it. Natively the limit is needed, since the host
 * would otherwise let the program grow to tens of gigabytes. Under a guest memory limit the
 * run without an argument is expected to end with "malloc failed" (exit 3) or to be killed,
 * never to take the host down. Only block counts are printed.
 */
#include <stdio.h>
#include <stdlib.h>

#define BLOCK_MIB 64
#define BLOCK_BYTES ((size_t)BLOCK_MIB << 20)
#define PAGE 4096

int main(int argc, char **argv)
{
	long limit_mib = argc > 1 ? atol(argv[1]) : -1;
	unsigned long blocks = 0, checksum = 0;

	for (;;) {
		if (limit_mib >= 0 && (long)((blocks + 1) * BLOCK_MIB) > limit_mib)
			break;
		unsigned char *p = malloc(BLOCK_BYTES);

		if (p == NULL) {
			printf("malloc failed after %lu blocks of %d MiB\n", blocks, BLOCK_MIB);
			return 3;
		}
		for (size_t i = 0; i < BLOCK_BYTES; i += PAGE)
			p[i] = (unsigned char)(i >> 12);
		/* Read one page back so the stores cannot be dropped as dead. */
		checksum += p[BLOCK_BYTES - PAGE] + p[PAGE];
		blocks++;
	}
	printf("got %lu blocks of %d MiB (%lu MiB touched), checksum %lu\n", blocks, BLOCK_MIB,
	       blocks * BLOCK_MIB, checksum);
	return 0;
}
