/*
 * malloc_stress.c - 100,000 malloc, calloc, realloc and free operations driven by a fixed
 * pseudo-random sequence, with every block's content checked before it is freed or resized.
 *
 * Sizes are mostly small, sometimes a few KiB, and now and then above the 128 KiB threshold at
 * which glibc and musl switch from brk-grown heap to mmap, so both the brk and the mmap/munmap
 * paths of the guest kernel are exercised. Each block is filled with a pattern derived from its
 * slot and generation, so a lost write, a wrong copy in realloc or two blocks that overlap shows
 * up as a mismatch. Only counts and a checksum of contents are printed, never addresses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096
#define OPERATIONS 100000

struct block {
	unsigned char *p;
	size_t size;
	uint32_t tag;
};

static struct block blocks[SLOTS];
static uint64_t rng = 0x853c49e6748fea9bull;
static unsigned long mismatches, checksum_bytes;
static uint64_t checksum = 1469598103934665603ull;

static uint32_t next_u32(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33);
}

static size_t pick_size(void)
{
	uint32_t r = next_u32() % 1000;

	if (r < 700)
		return next_u32() % 128 + 1;
	if (r < 960)
		return next_u32() % 4096 + 1;
	if (r < 995)
		return next_u32() % 65536 + 1;
	return 128 * 1024 + next_u32() % (384 * 1024); /* above the mmap threshold */
}

static unsigned char pattern(uint32_t tag, size_t i)
{
	return (unsigned char)((tag * 2654435761u + (uint32_t)i * 40503u) >> 13);
}

static void fill(struct block *b, size_t from)
{
	for (size_t i = from; i < b->size; i++)
		b->p[i] = pattern(b->tag, i);
}

/* Verifies the first n bytes and folds a sample of them into the checksum. */
static void verify(const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (b->p[i] != pattern(b->tag, i)) {
			mismatches++;
			return;
		}
	}
	for (size_t i = 0; i < n; i += 61) {
		checksum = (checksum ^ b->p[i]) * 1099511628211ull;
		checksum_bytes++;
	}
}

static void allocate(struct block *b, uint32_t tag, unsigned long *zero_errors)
{
	b->size = pick_size();
	b->tag = tag;
	if (next_u32() % 4 == 0) {
		b->p = calloc(1, b->size);
		for (size_t i = 0; b->p != NULL && i < b->size; i++)
			*zero_errors += b->p[i] != 0;
	} else {
		b->p = malloc(b->size);
	}
	if (b->p != NULL)
		fill(b, 0);
}

/* Resizes a live block and checks that realloc kept the common prefix. */
static int resize(struct block *b)
{
	size_t old = b->size, size = pick_size();
	unsigned char *q = realloc(b->p, size);

	if (q == NULL)
		return 0;
	b->p = q;
	b->size = size;
	verify(b, old < size ? old : size);
	if (size > old)
		fill(b, old);
	return 1;
}

int main(void)
{
	unsigned long allocs = 0, frees = 0, reallocs = 0, failures = 0, zero_errors = 0;
	uint64_t live = 0, peak = 0;

	for (uint32_t op = 0; op < OPERATIONS; op++) {
		struct block *b = &blocks[next_u32() % SLOTS];

		if (b->p == NULL) {
			allocate(b, op, &zero_errors);
			failures += b->p == NULL;
			live += b->p != NULL ? b->size : 0;
			allocs++;
		} else if (next_u32() % 3 != 0) {
			verify(b, b->size);
			free(b->p);
			b->p = NULL;
			live -= b->size;
			frees++;
		} else {
			live -= b->size;
			failures += !resize(b);
			live += b->size;
			reallocs++;
		}
		if (live > peak)
			peak = live;
	}
	for (int i = 0; i < SLOTS; i++) {
		if (blocks[i].p != NULL) {
			verify(&blocks[i], blocks[i].size);
			free(blocks[i].p);
		}
	}
	printf("operations=%d allocs=%lu frees=%lu reallocs=%lu\n", OPERATIONS, allocs, frees,
	       reallocs);
	printf("failures=%lu mismatches=%lu calloc_nonzero=%lu\n", failures, mismatches,
	       zero_errors);
	printf("peak_live_bytes=%llu sampled_bytes=%lu checksum=%016llx\n",
	       (unsigned long long)peak, checksum_bytes, (unsigned long long)checksum);
	return mismatches != 0 || zero_errors != 0 || failures != 0;
}
