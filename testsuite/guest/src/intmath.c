/*
 * intmath.c - integer arithmetic of every width, printed in hexadecimal.
 *
 * Inputs come from a fixed xorshift generator and pass through volatile variables, so the
 * compiler must emit the real instructions: 8/16/32/64-bit add, sub, mul, imul, div and idiv,
 * division by constants (which compilers turn into multiply-high sequences), 128-bit multiply
 * and divide (libgcc helpers), variable shifts and rotates, bit counting, byte swaps, add with
 * carry, overflow-checked arithmetic, and finally a CRC-32 and a SHA-256 computed in C.
 * Every line is a pure function of the fixed seed, so the output is the same on any x86-64.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <x86intrin.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

/* xorshift64*: small, full-period and identical everywhere. */
static uint64_t next_u64(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Dull;
}

static volatile uint64_t vsink;

/* Returns x through a volatile so that the compiler cannot constant-fold what follows. */
static uint64_t opaque(uint64_t x)
{
	vsink = x;
	return vsink;
}

static void print_u128(const char *name, u128 v)
{
	printf("%s=%016" PRIx64 "%016" PRIx64 "\n", name, (uint64_t)(v >> 64), (uint64_t)v);
}

static void narrow_widths(void)
{
	for (int i = 0; i < 8; i++) {
		uint64_t a = opaque(next_u64()), b = opaque(next_u64());
		uint8_t a8 = (uint8_t)a, b8 = (uint8_t)(b | 1);
		int8_t s8 = (int8_t)a, t8 = (int8_t)(b | 1);
		uint16_t a16 = (uint16_t)a, b16 = (uint16_t)(b | 1);
		int16_t s16 = (int16_t)a, t16 = (int16_t)(b | 1);

		printf("w8  %02x %02x: add=%02x sub=%02x mul=%04x udiv=%02x umod=%02x"
		       " sdiv=%d smod=%d\n",
		       a8, b8, (uint8_t)(a8 + b8), (uint8_t)(a8 - b8), (unsigned)(a8 * b8),
		       a8 / b8, a8 % b8, s8 / t8, s8 % t8);
		printf("w16 %04x %04x: add=%04x mul=%08x udiv=%04x umod=%04x sdiv=%d smod=%d\n",
		       a16, b16, (uint16_t)(a16 + b16), (uint32_t)a16 * b16, a16 / b16, a16 % b16,
		       s16 / t16, s16 % t16);
	}
}

static void wide_widths(void)
{
	for (int i = 0; i < 8; i++) {
		uint64_t a = opaque(next_u64()), b = opaque(next_u64() >> (i * 7));
		uint32_t a32 = (uint32_t)a, b32 = (uint32_t)(b | 1);
		int32_t s32 = (int32_t)a, t32 = (int32_t)(b | 1);
		int64_t s64 = (int64_t)a, t64 = (int64_t)(b | 1);
		uint64_t b64 = b | 1;

		printf("w32 %08x %08x: mul=%016" PRIx64 " smul=%016" PRIx64 " udiv=%08x umod=%08x"
		       " sdiv=%08x smod=%08x\n", a32, b32, (uint64_t)a32 * b32,
		       (uint64_t)((int64_t)s32 * t32), a32 / b32, a32 % b32,
		       (uint32_t)(s32 / t32), (uint32_t)(s32 % t32));
		printf("w64 %016" PRIx64 " %016" PRIx64 ": mul=%016" PRIx64 " udiv=%016" PRIx64
		       " umod=%016" PRIx64 " sdiv=%016" PRIx64 " smod=%016" PRIx64 "\n", a, b64,
		       a * b64, a / b64, a % b64, (uint64_t)(s64 / t64), (uint64_t)(s64 % t64));
	}
}

/* Division by constants: gcc emits multiply-high and shift sequences instead of div. */
static void constant_divisors(void)
{
	for (int i = 0; i < 6; i++) {
		uint64_t u = opaque(next_u64());
		int64_t s = (int64_t)u;
		uint32_t u32 = (uint32_t)u;
		int32_t s32 = (int32_t)u;

		printf("const %016" PRIx64 ": u/7=%" PRIx64 " u%%10=%" PRIu64 " s/-3=%" PRIx64
		       " s%%1000=%" PRId64 " u32/641=%x s32/-9=%d s32%%16=%d u/2^k=%" PRIx64 "\n",
		       u, u / 7, u % 10, (uint64_t)(s / -3), s % 1000, u32 / 641, s32 / -9,
		       s32 % 16, u >> 13);
	}
}

static void wide_128(void)
{
	for (int i = 0; i < 6; i++) {
		u128 a = ((u128)opaque(next_u64()) << 64) | next_u64();
		u128 b = ((u128)opaque(next_u64() >> (i * 11)) << 64) | next_u64() | 1;
		s128 sa = (s128)a, sb = (s128)b;
		u128 small = opaque(next_u64() | 1);

		print_u128("u128 a", a);
		print_u128("  b", b);
		print_u128("  a*b", a * b);
		print_u128("  a/b", a / b);
		print_u128("  a%b", a % b);
		print_u128("  sa/sb", (u128)(sa / sb));
		print_u128("  sa%sb", (u128)(sa % sb));
		print_u128("  a/small", a / small);
		print_u128("  a%small", a % small);
		print_u128("  widen mul", (u128)(uint64_t)a * (uint64_t)b);
		print_u128("  widen smul", (u128)((s128)(int64_t)a * (int64_t)b));
	}
}

static void shifts_and_rotates(void)
{
	for (int i = 0; i < 6; i++) {
		uint64_t x = opaque(next_u64());
		unsigned n = (unsigned)opaque(next_u64()) & 63;
		int64_t sx = (int64_t)x;
		uint32_t x32 = (uint32_t)x;

		printf("shift %016" PRIx64 " n=%u: shl=%016" PRIx64 " shr=%016" PRIx64
		       " sar=%016" PRIx64 " rol=%016" PRIx64 " ror=%016" PRIx64 " rol32=%08x"
		       " ror16=%04x rol8=%02x\n", x, n, x << n, x >> n, (uint64_t)(sx >> n),
		       (uint64_t)__rolq(x, (int)n), (uint64_t)__rorq(x, (int)n),
		        __rold(x32, (int)n),
		       __rorw((uint16_t)x, (int)n), __rolb((uint8_t)x, (int)n));
	}
}

static void bit_counts(void)
{
	for (int i = 0; i < 8; i++) {
		uint64_t x = opaque(next_u64() >> (i * 8)) | 1ull << (i * 3);
		uint32_t x32 = (uint32_t)x | 0x10000u;

		printf("bits %016" PRIx64 ": pop=%d clz=%d ctz=%d parity=%d clrsb=%d ffs=%d"
		       " pop32=%d"
		       " clz32=%d ctz32=%d bswap64=%016" PRIx64 " bswap32=%08x bswap16=%04x\n", x,
		       __builtin_popcountll(x), __builtin_clzll(x), __builtin_ctzll(x),
		       __builtin_parityll(x), __builtin_clrsbll((long long)x),
		       __builtin_ffsll((long long)x),
		       __builtin_popcount(x32), __builtin_clz(x32), __builtin_ctz(x32),
		       __builtin_bswap64(x), __builtin_bswap32(x32),
		       __builtin_bswap16((uint16_t)x));
	}
}

/* Multi-precision add and subtract through the adc/sbb intrinsics. */
static void carry_chains(void)
{
	uint64_t a[4], b[4], sum[4], diff[4];
	unsigned char c = 0, br = 0;

	for (int i = 0; i < 4; i++) {
		a[i] = opaque(next_u64()) | 0x8000000000000000ull;
		b[i] = opaque(next_u64());
	}
	for (int i = 0; i < 4; i++) {
		unsigned long long s, d;

		c = _addcarry_u64(c, a[i], b[i], &s);
		br = _subborrow_u64(br, b[i], a[i], &d);
		sum[i] = s;
		diff[i] = d;
	}
	printf("adc: %016" PRIx64 "%016" PRIx64 "%016" PRIx64 "%016" PRIx64 " carry=%d\n",
	       sum[3], sum[2], sum[1], sum[0], c);
	printf("sbb: %016" PRIx64 "%016" PRIx64 "%016" PRIx64 "%016" PRIx64 " borrow=%d\n",
	       diff[3], diff[2], diff[1], diff[0], br);
}

static void checked_overflow(void)
{
	static const int64_t kEdges[] = {
		0, 1, -1, 2, INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, 0x100000000ll,
		-0x100000000ll,
	};
	int n = (int)(sizeof kEdges / sizeof kEdges[0]);

	for (int i = 0; i < n; i++) {
		for (int j = 0; j < n; j++) {
			int64_t a = (int64_t)opaque((uint64_t)kEdges[i]);
			int64_t b = (int64_t)opaque((uint64_t)kEdges[j]);
			int64_t r64;
			int32_t r32;
			uint64_t ru;
			int oa = __builtin_add_overflow(a, b, &r64);
			int os = __builtin_sub_overflow(a, b, &r64);
			int om = __builtin_mul_overflow(a, b, &r64);
			int o32 = __builtin_mul_overflow((int32_t)a, (int32_t)b, &r32);
			int ou = __builtin_add_overflow((uint64_t)a, (uint64_t)b, &ru);
			int oum = __builtin_mul_overflow((uint64_t)a, (uint64_t)b, &ru);

			printf("ovf %d,%d: add=%d sub=%d mul=%d mul32=%d uadd=%d umul=%d last=%016"
			       PRIx64 "\n", i, j, oa, os, om, o32, ou, oum,
			       ru ^ (uint64_t)r64 ^ (uint32_t)r32);
		}
	}
}

/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), computed bit by bit. */
static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

static const uint32_t kSha256K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static uint32_t ror32(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* One SHA-256 compression of the 64-byte block at p into the state h (FIPS 180-4, 6.2.2). */
static void sha256_block(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[64], v[8];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ror32(w[t - 15], 7) ^ ror32(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ror32(w[t - 2], 17) ^ ror32(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	memcpy(v, h, sizeof v);
	for (int t = 0; t < 64; t++) {
		uint32_t s1 = ror32(v[4], 6) ^ ror32(v[4], 11) ^ ror32(v[4], 25);
		uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint32_t t1 = v[7] + s1 + ch + kSha256K[t] + w[t];
		uint32_t s0 = ror32(v[0], 2) ^ ror32(v[0], 13) ^ ror32(v[0], 22);
		uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);

		memmove(v + 1, v, 7 * sizeof v[0]);
		v[4] += t1;
		v[0] = t1 + s0 + maj;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

static void sha256(const uint8_t *msg, size_t n, uint32_t h[8])
{
	static const uint32_t kInit[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	uint8_t tail[128] = {0};
	size_t full = n / 64 * 64, rest = n - full;
	size_t tail_len = rest < 56 ? 64 : 128;
	uint64_t bits = (uint64_t)n * 8;

	memcpy(h, kInit, sizeof kInit);
	for (size_t off = 0; off < full; off += 64)
		sha256_block(h, msg + off);
	memcpy(tail, msg + full, rest);
	tail[rest] = 0x80;
	for (int i = 0; i < 8; i++)
		tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
	for (size_t off = 0; off < tail_len; off += 64)
		sha256_block(h, tail + off);
}

static void print_digest(const char *name, const uint8_t *msg, size_t n)
{
	uint32_t h[8];

	sha256(msg, n, h);
	printf("sha256(%s)=", name);
	for (int i = 0; i < 8; i++)
		printf("%08x", h[i]);
	printf(" crc32=%08x\n", crc32_ieee(msg, n));
}

static void digests(void)
{
	static uint8_t buf[1000];

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(next_u64() >> 56);
	print_digest("\"\"", (const uint8_t *)"", 0);
	print_digest("\"abc\"", (const uint8_t *)"abc", 3);
	print_digest("123456789", (const uint8_t *)"123456789", 9);
	print_digest("rng[55]", buf, 55);
	print_digest("rng[56]", buf, 56);
	print_digest("rng[1000]", buf, sizeof buf);
}

int main(void)
{
	narrow_widths();
	wide_widths();
	constant_divisors();
	wide_128();
	shifts_and_rotates();
	bit_counts();
	carry_chains();
	checked_overflow();
	digests();
	return 0;
}
