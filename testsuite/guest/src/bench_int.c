/*
 * bench_int.c - the integer-heavy guest benchmark behind `splitvisor bench` and the JMH runs.
 *
 * Each round runs four kernels that stress different parts of an emulator:
 *   sieve   - a sieve of Eratosthenes: byte stores with strides, a tight compare-and-branch loop;
 *   vm      - a small bytecode interpreter: indirect jumps through a switch, stack traffic;
 *   hash    - a multiply-rotate hash over a buffer: 64-bit multiplies, shifts, loads;
 *   sort    - an in-place heap sort of pseudo-random keys: data-dependent branches.
 * The optional argument N (default 1) runs N * 25 rounds; N=0 runs a single round, a smoke-test
 * size for slow runners. The program prints one checksum per kernel and a total; nothing depends
 * on time or addresses. With N=1 it runs about 0.3 s natively on a current x86-64 (see the guest
 * README for the measured instruction count).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIEVE_LIMIT 1000000
#define HASH_BYTES (256 * 1024)
#define SORT_KEYS 20000
#define ROUNDS_PER_N 25

static uint8_t composite[SIEVE_LIMIT + 1];
static uint8_t hash_buf[HASH_BYTES];
static uint32_t keys[SORT_KEYS];

static uint64_t sieve(void)
{
	uint64_t count = 0, sum = 0;

	memset(composite, 0, sizeof composite);
	for (uint32_t i = 2; (uint64_t)i * i <= SIEVE_LIMIT; i++) {
		if (composite[i])
			continue;
		for (uint32_t j = i * i; j <= SIEVE_LIMIT; j += i)
			composite[j] = 1;
	}
	for (uint32_t i = 2; i <= SIEVE_LIMIT; i++) {
		if (!composite[i]) {
			count++;
			sum += i;
		}
	}
	return count * 1000003u ^ sum;
}

enum op { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_JNZ, OP_DUP,
	  OP_HALT };

struct insn {
	uint8_t op;
	int32_t arg;
};

/*
 * A loop in bytecode: for (r1 = count; r1 != 0; r1--) r0 = (r0 * 31 + r1) ^ (r0 >> 7).
 * Registers are memory slots, so each iteration does about 20 dispatches.
 */
static const struct insn kProgram[] = {
	{ OP_LOAD, 0 }, { OP_PUSH, 31 }, { OP_MUL, 0 }, { OP_LOAD, 1 }, { OP_ADD, 0 },
	{ OP_LOAD, 0 }, { OP_PUSH, 7 }, { OP_SHR, 0 }, { OP_XOR, 0 }, { OP_STORE, 0 },
	{ OP_LOAD, 1 }, { OP_PUSH, 1 }, { OP_SUB, 0 }, { OP_DUP, 0 }, { OP_STORE, 1 },
	{ OP_JNZ, 0 }, { OP_HALT, 0 },
};

static uint64_t run_vm(uint32_t count, uint64_t seed)
{
	uint64_t stack[16], reg[2] = { seed, count };
	int sp = 0;

	for (const struct insn *pc = kProgram;; pc++) {
		switch (pc->op) {
		case OP_PUSH: stack[sp++] = (uint64_t)pc->arg; break;
		case OP_LOAD: stack[sp++] = reg[pc->arg]; break;
		case OP_STORE: reg[pc->arg] = stack[--sp]; break;
		case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
		case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
		case OP_SHR: sp--; stack[sp - 1] >>= stack[sp] & 63; break;
		case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case OP_JNZ:
			if (stack[--sp] != 0)
				pc = kProgram + pc->arg - 1;
			break;
		default: return reg[0];
		}
	}
}

static uint64_t hash_pass(uint64_t seed)
{
	uint64_t h = seed;

	for (size_t i = 0; i < HASH_BYTES; i += 8) {
		uint64_t w;

		memcpy(&w, hash_buf + i, sizeof w);
		h ^= w * 0x87c37b91114253d5ull;
		h = (h << 31 | h >> 33) * 0x4cf5ad432745937full + i;
	}
	return h;
}

static void sift_down(uint32_t *a, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		uint32_t t = a[root];
		a[root] = a[child];
		a[child] = t;
	}
}

static uint64_t heap_sort(uint64_t seed)
{
	uint64_t x = seed | 1, h = 0;

	for (size_t i = 0; i < SORT_KEYS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		keys[i] = (uint32_t)x;
	}
	for (size_t i = SORT_KEYS / 2; i-- > 0;)
		sift_down(keys, i, SORT_KEYS);
	for (size_t n = SORT_KEYS; n-- > 1;) {
		uint32_t t = keys[0];
		keys[0] = keys[n];
		keys[n] = t;
		sift_down(keys, 0, n);
	}
	for (size_t i = 0; i < SORT_KEYS; i += 97)
		h = h * 31 + keys[i];
	return h ^ (keys[0] == 0) ^ (uint64_t)keys[SORT_KEYS - 1] << 32;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	uint64_t c_sieve = 0, c_vm = 0, c_hash = 0, c_sort = 0;

	if (n < 0 || n > 1000000) {
		printf("usage: bench_int [N>=0]\n");
		return 2;
	}
	long rounds = n == 0 ? 1 : n * ROUNDS_PER_N;
	for (size_t i = 0; i < HASH_BYTES; i++)
		hash_buf[i] = (uint8_t)(i * 7 + (i >> 9));
	for (long r = 0; r < rounds; r++) {
		c_sieve = c_sieve * 3 + sieve();
		c_vm = c_vm * 3 + run_vm(200000, (uint64_t)r);
		c_hash = c_hash * 3 + hash_pass((uint64_t)r);
		c_sort = c_sort * 3 + heap_sort((uint64_t)r * 0x9E3779B97F4A7C15ull);
	}
	printf("bench_int N=%ld rounds=%ld\n", n, rounds);
	printf("sieve=%016llx vm=%016llx hash=%016llx sort=%016llx\n",
	       (unsigned long long)c_sieve, (unsigned long long)c_vm,
	       (unsigned long long)c_hash, (unsigned long long)c_sort);
	printf("checksum=%016llx\n", (unsigned long long)(c_sieve ^ c_vm ^ c_hash ^ c_sort));
	return 0;
}
