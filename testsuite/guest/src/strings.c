/*
 * strings.c - libc string and memory routines over many sizes and alignments, plus qsort,
 * snprintf and sscanf.
 *
 * glibc picks an SSE2, SSE4.2, AVX2 or EVEX version of each string routine through CPUID when the
 * program starts, so a guest CPU with fewer features runs different code than the host does. The
 * results must not depend on that choice, and only results are printed: lengths, offsets and the
 * sign of comparisons (their magnitude differs between implementations). Detail is folded into
 * one FNV-1a checksum per routine so the output stays short. A final section places strings
 * against the end of a mapped page followed by an unmapped one, where a vectorised routine
 * must not touch the next page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_LEN 300
#define BUF_LEN (MAX_LEN + 64)

static unsigned char src_buf[BUF_LEN], dst_buf[BUF_LEN], ref_buf[BUF_LEN];

static uint64_t fnv(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ull;
	}
	return h;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* A deterministic pattern with no zero bytes and a mix of values above 0x7f. */
static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(((i + seed) * 131u + (seed >> 3)) % 255u + 1u);
}

static void check_memcpy_memset(void)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int bad = 0;

	for (size_t len = 0; len <= MAX_LEN; len += (len < 70 ? 1 : 17)) {
		for (size_t sa = 0; sa < 16; sa++) {
			for (size_t da = 0; da < 16; da += 3) {
				fill_pattern(src_buf, BUF_LEN, (unsigned)(len + sa));
				memset(dst_buf, 0xEE, BUF_LEN);
				memcpy(dst_buf + da, src_buf + sa, len);
				bad += memcmp(dst_buf + da, src_buf + sa, len) != 0;
				bad += da > 0 && dst_buf[da - 1] != 0xEE;
				bad += dst_buf[da + len] != 0xEE;
				memset(dst_buf + da, (int)(len & 0xff), len / 2);
				h = fnv(h, dst_buf[da] ^ (uint64_t)dst_buf[da + len / 2] << 8);
			}
		}
	}
	printf("memcpy/memset: bad=%d hash=%016llx\n", bad, (unsigned long long)h);
}

/* memmove in both directions, compared with a byte-by-byte reference. */
static void check_memmove(void)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int bad = 0;

	for (size_t len = 0; len <= MAX_LEN - 40; len += (len < 40 ? 1 : 23)) {
		for (int shift = -33; shift <= 33; shift += 3) {
			size_t from = 40, to = (size_t)(40 + shift);

			fill_pattern(dst_buf, BUF_LEN, (unsigned)len);
			memcpy(ref_buf, dst_buf, BUF_LEN);
			for (size_t i = 0; i < len; i++) /* reference via a temporary copy */
				src_buf[i] = ref_buf[from + i];
			for (size_t i = 0; i < len; i++)
				ref_buf[to + i] = src_buf[i];
			memmove(dst_buf + to, dst_buf + from, len);
			bad += memcmp(dst_buf, ref_buf, BUF_LEN) != 0;
			h = fnv(h, dst_buf[to] + len);
		}
	}
	printf("memmove: bad=%d hash=%016llx\n", bad, (unsigned long long)h);
}

static void check_str_search(void)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t len = 0; len <= MAX_LEN; len += (len < 80 ? 1 : 13)) {
		for (size_t a = 0; a < 16; a++) {
			char *s = (char *)src_buf + a;

			fill_pattern(src_buf, BUF_LEN, (unsigned)len);
			s[len] = '\0';
			int target = len > 0 ? (unsigned char)s[len * 2 / 3] : 'x';
			char *c = strchr(s, target), *r = strrchr(s, target);
			char *z = strchr(s, 0), *m = memchr(s, target, len);

			h = fnv(h, strlen(s));
			h = fnv(h, c ? (uint64_t)(c - s) : 999);
			h = fnv(h, r ? (uint64_t)(r - s) : 999);
			h = fnv(h, (uint64_t)(z - s));
			h = fnv(h, m ? (uint64_t)(m - s) : 999);
			h = fnv(h, strnlen(s, len / 2));
			h = fnv(h, strspn(s, "\x01\x02\x84\x85\x86") +
				   1000 * strcspn(s, "\x83\xfe"));
		}
	}
	printf("strlen/strchr/strrchr/memchr/strnlen/strspn: hash=%016llx\n",
	       (unsigned long long)h);
}

/* strcmp, strncmp and memcmp with the first difference at every position, both signs. */
static void check_compare(void)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t len = 1; len <= 200; len += (len < 40 ? 1 : 7)) {
		for (size_t a = 0; a < 16; a += 5) {
			for (size_t diff = 0; diff < len; diff += 1 + len / 9) {
				char *x = (char *)src_buf + a, *y = (char *)dst_buf + 15 - a;

				fill_pattern((unsigned char *)x, len, 7);
				fill_pattern((unsigned char *)y, len, 7);
				x[len] = y[len] = '\0';
				y[diff] = (char)(x[diff] ^ 0x80); /* a high-bit difference */
				h = fnv(h, (uint64_t)(sign(strcmp(x, y)) + 1) |
					   (uint64_t)(sign(memcmp(x, y, len)) + 1) << 2 |
					   (uint64_t)(sign(strncmp(x, y, diff)) + 1) << 4 |
					   (uint64_t)(sign(strcmp(y, x)) + 1) << 6);
			}
		}
	}
	printf("strcmp/strncmp/memcmp: hash=%016llx\n", (unsigned long long)h);
}

static void check_strstr(void)
{
	static const char kHay[] = "abababababcabababcababcabcabababababababcabcbabcabcbbbacbabcabc"
				   "the quick brown fox jumps over the lazy dog; aaaaaaaaaaaaaaaab";
	static const char *const kNeedles[] = {
		"", "a", "abc", "ababc", "babab", "the lazy", "dog;", "aaaab", "aaaaaaaaaaaaaaaab",
		"zzz", "cbabcabcb", "fox jumps over", "bbbb", "ab\x80",
	};

	for (size_t i = 0; i < sizeof kNeedles / sizeof kNeedles[0]; i++) {
		const char *p = strstr(kHay, kNeedles[i]);

		printf("strstr(needle %zu, %zu bytes)=%d\n", i, strlen(kNeedles[i]),
		       p ? (int)(p - kHay) : -1);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_qsort(void)
{
	static int v[5000];
	static char words[200][12];
	static char *ptr[200];
	uint32_t x = 12345;
	uint64_t h = 0xcbf29ce484222325ull;
	int sorted = 1;

	for (int i = 0; i < 5000; i++) {
		x = x * 1103515245u + 12345u;
		v[i] = (int)(x >> 8) % 2000 - 1000; /* many duplicates */
	}
	qsort(v, 5000, sizeof v[0], cmp_int);
	for (int i = 0; i < 5000; i++) {
		sorted &= i == 0 || v[i - 1] <= v[i];
		h = fnv(h, (uint64_t)(uint32_t)v[i]);
	}
	for (int i = 0; i < 200; i++) {
		x = x * 1103515245u + 12345u;
		snprintf(words[i], sizeof words[i], "w%08x", x % 50000u);
		ptr[i] = words[i];
	}
	qsort(ptr, 200, sizeof ptr[0], cmp_str);
	printf("qsort ints: sorted=%d min=%d max=%d hash=%016llx\n", sorted, v[0], v[4999],
	       (unsigned long long)h);
	printf("qsort words: %s %s %s ... %s\n", ptr[0], ptr[1], ptr[2], ptr[199]);
}

static void check_snprintf_sscanf(void)
{
	char small[8], buf[128], word[16];
	int n1, n2, consumed;
	unsigned hex;
	long long big;
	double d;

	volatile size_t small_len = sizeof small; /* hides the intended truncation from gcc */
	int r = snprintf(small, small_len, "%s-%05d", "truncate", 42);
	printf("snprintf ret=%d buf=\"%s\"\n", r, small);
	r = snprintf(buf, sizeof buf, "[%-6s|%6s|%x|%#o|%lld|%c|%%|%.3s]", "ab", "cd", 0xbeefu,
		     8u, -9000000000000LL, 'Z', "truncated");
	printf("snprintf ret=%d buf=\"%s\"\n", r, buf);
	r = sscanf("  -17 0x1F 123456789012 3.25e2 hello_world rest", "%d %x %lld %lf %15s%n",
		   &n1, &hex, &big, &d, word, &consumed);
	printf("sscanf ret=%d n=%d hex=%u big=%lld d=%a word=%s consumed=%d\n", r, n1, hex, big,
	       d, word, consumed);
	r = sscanf("12abc", "%d%d", &n1, &n2);
	printf("sscanf partial ret=%d n1=%d\n", r, n1);
	r = sscanf("", "%d", &n1);
	printf("sscanf empty ret=%d\n", r);
}

/* Strings that end exactly at the last byte of a page followed by an unmapped page. */
static void check_page_edge(void)
{
	long page = 4096;
	unsigned char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t h = 0xcbf29ce484222325ull;

	if (p == MAP_FAILED || munmap(p + page, page) != 0) {
		printf("page edge: mmap/munmap failed\n");
		return;
	}
	for (size_t len = 1; len < 100; len++) {
		unsigned char *s = p + page - len;

		fill_pattern(s, len, 3);
		s[len - 1] = '\0';
		h = fnv(h, strlen((char *)s));
		h = fnv(h, (uint64_t)((unsigned char *)memchr(s, 0, len) - s));
		h = fnv(h, strchr((char *)s, 0x7f) != NULL);
		h = fnv(h, (uint64_t)sign(memcmp(s, src_buf, len)));
		memcpy(dst_buf, s, len);
		memmove(s + 1, s, len - 1);
		h = fnv(h, s[len - 1]);
	}
	munmap(p, page);
	printf("page edge: hash=%016llx\n", (unsigned long long)h);
}

int main(void)
{
	check_memcpy_memset();
	check_memmove();
	check_str_search();
	check_compare();
	check_strstr();
	check_qsort();
	check_snprintf_sscanf();
	check_page_edge();
	return 0;
}
