/*
 * Golden-data generator for the integer executors of dev.splitvisor.cpu (ShiftOps, MulDivOps,
 * BitOps, AtomicOps, BmiOps, StringOps): runs register forms of the instructions, and the
 * string instructions on a fixed buffer, on the host CPU through harness.S, and prints them as
 *   T <instruction bytes, hex> <name>
 *   C <defined-flags mask> <in: rax rcx rdx rbx rsi rdi r8 r9 rflags> : <the same out | DE>
 *   S <in: registers as for C> <in: buffer> : <out: registers> <out: buffer>
 * all in hex. S lines are string instructions working on a STRING_BYTES buffer mapped at
 * STRING_BASE (the replay test maps the same address).
 * The mask holds the status flags the SDM defines for that instruction and count;
 * the rest are Zen 4's choice. "DE" means the instruction raised #DE (SIGFPE).
 * The fixed seed makes the output reproducible. Build and run through gen.sh.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef struct { uint64_t r[8]; uint64_t fl; } state;
void run_insn(state *s, void *code);

enum { CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800, ARITH = 0x8d5 };
enum { RAX, RCX, RDX, RBX, RSI, RDI, R8, R9 };

/* Families: they choose the input bias and the defined-flags mask. */
enum { K_SHIFT, K_ROT, K_RCX, K_SHD, K_MUL, K_DIV, K_BT, K_BSF, K_CNT, K_ALL, K_NONE, K_ANDN,
       K_BLS, K_BZHI, K_BEXTR };

static uint64_t seed = 0x1ee7c0de5eed0001ULL;
static uint64_t rnd(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}
static int rndn(int n) { return (int)(rnd() % (uint64_t)n); }

/* Random bits, small numbers, edges and single bits. */
static uint64_t value(void) {
    switch (rndn(8)) {
    case 0: return rnd() >> rndn(64);
    case 1: return (uint64_t)rndn(5) - 2;
    case 2: return 1ULL << rndn(64);
    case 3: { uint64_t e[] = { 0x80, 0x7f, 0x8000, 0x7fff, 0x80000000, 0x7fffffff,
              0x8000000000000000ULL, 0x7fffffffffffffffULL, 0xff, 0xffff, 0xffffffff };
              return e[rndn(11)] | (rndn(2) ? rnd() << 32 : 0); }
    default: return rnd();
    }
}

static sigjmp_buf jb;
static void on_fpe(int sig) { (void)sig; siglongjmp(jb, 1); }

static unsigned char *code;
static unsigned char bytes[16];
static int nbytes, width, family, param;

static void print_state(const state *s) {
    for (int k = 0; k < 8; k++) printf("%llx ", (unsigned long long)s->r[k]);
    printf("%llx", (unsigned long long)s->fl);
}

/* The flags the SDM defines, for the family, the operand width and the effective count. */
static int defined_mask(const state *in) {
    int bits = width * 8;
    int count = (int)(param >= 0 ? param : in->r[RCX]) & (width == 8 ? 63 : 31);
    switch (family) {
    case K_SHIFT:
        if (count == 0) return ARITH;
        return (ARITH & ~AF & ~(count == 1 ? 0 : OF)) & ~(count >= bits ? CF : 0);
    case K_ROT: case K_RCX:
        return count == 1 ? ARITH : ARITH & ~OF;
    case K_SHD:
        if (count == 0) return ARITH;
        if (count > bits) return 0;
        return ARITH & ~AF & ~(count == 1 ? 0 : OF);
    case K_MUL: return CF | OF;
    case K_DIV: return 0;
    case K_BT: return CF | ZF;
    case K_BSF: return ZF;
    case K_CNT: return CF | ZF;
    case K_ANDN: case K_BLS: case K_BZHI: return CF | ZF | SF | OF;
    case K_BEXTR: return CF | ZF | OF;
    default: return ARITH;
    }
}

static void random_state(state *s) {
    for (int k = 0; k < 8; k++) s->r[k] = value();
    s->fl = 0x202 | (rnd() & ARITH);
    if (param < 0 && (family == K_SHIFT || family == K_ROT || family == K_RCX
                      || family == K_SHD) && rndn(4))
        s->r[RCX] = (s->r[RCX] & ~0xffULL) | (uint64_t)rndn(72);
    /* Mostly small high halves, so that most divisions do not overflow. */
    if (family == K_DIV && rndn(3)) {
        s->r[RDX] = (rnd() >> rndn(64)) & 0xff;
        if (width == 1) s->r[RAX] &= ~0xff00ULL;
    }
    if ((family == K_BZHI || family == K_BEXTR) && rndn(3))
        s->r[RSI] = (s->r[RSI] & ~0xffffULL) | (uint64_t)(rndn(72) | rndn(72) << 8);
    /* A zero source in the operand width, garbage above it. */
    if ((family == K_BSF || family == K_CNT) && rndn(6) == 0)
        s->r[RBX] = width == 8 ? 0 : s->r[RBX] & (~0ULL << width * 8);
}

static void run_cases(int n) {
    for (int k = 0; k < n; k++) {
        state in, out;
        random_state(&in);
        out = in;
        printf("C %x ", defined_mask(&in));
        print_state(&in);
        printf(" : ");
        if (sigsetjmp(jb, 1)) {
            printf("DE\n");
            continue;
        }
        run_insn(&out, code);
        print_state(&out);
        printf("\n");
    }
}

/* One template: bytes given as a hex string, operand width, family, fixed count or -1. */
static void t(const char *hex, const char *name, int w, int fam, int prm, int n) {
    nbytes = 0;
    for (const char *p = hex; *p; ) {
        if (*p == ' ') { p++; continue; }
        unsigned v;
        sscanf(p, "%2x", &v);
        bytes[nbytes++] = (unsigned char)v;
        p += 2;
    }
    memcpy(code, bytes, nbytes);
    code[nbytes] = 0xc3;
    width = w; family = fam; param = prm;
    printf("T ");
    for (int k = 0; k < nbytes; k++) printf("%02x", bytes[k]);
    printf(" %s\n", name);
    run_cases(n);
}

/* Width prefix strings: 8, 16, 32, 64-bit register forms. */
static const char *pfx[4] = { "", "66", "", "48" };
static const int wid[4] = { 1, 2, 4, 8 };

static void shifts(void) {
    static const char *names[8] = { "rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar" };
    static const int imms[] = { 0, 1, 2, 7, 8, 9, 16, 17, 31, 32, 33, 63 };
    char hex[32], name[64];
    for (int w = 0; w < 4; w++) {
        for (int op = 0; op < 8; op++) {
            int fam = op < 2 ? K_ROT : op < 4 ? K_RCX : K_SHIFT;
            int modrm = 0xc3 | op << 3; /* r/m = rbx/bl */
            int ob = w == 0 ? 0 : 1;
            sprintf(hex, "%s%02x%02x", pfx[w], 0xd2 | ob, modrm);
            sprintf(name, "%s r%d,cl", names[op], wid[w] * 8);
            t(hex, name, wid[w], fam, -1, 48);
            sprintf(hex, "%s%02x%02x", pfx[w], 0xd0 | ob, modrm);
            sprintf(name, "%s r%d,1", names[op], wid[w] * 8);
            t(hex, name, wid[w], fam, 1, 12);
            for (unsigned k = 0; k < sizeof imms / sizeof imms[0]; k++) {
                sprintf(hex, "%s%02x%02x%02x", pfx[w], 0xc0 | ob, modrm, imms[k]);
                sprintf(name, "%s r%d,%d", names[op], wid[w] * 8, imms[k]);
                t(hex, name, wid[w], fam, imms[k], 6);
            }
        }
    }
}

static void double_shifts(void) {
    static const int imms[] = { 0, 1, 4, 15, 16, 17, 24, 31, 32, 40, 63 };
    char hex[32], name[64];
    for (int w = 1; w < 4; w++) {
        for (int right = 0; right < 2; right++) {
            /* dst rbx, src rdx */
            sprintf(hex, "%s0f%02xd3", pfx[w], right ? 0xad : 0xa5);
            sprintf(name, "%s r%d,r%d,cl", right ? "shrd" : "shld", wid[w] * 8, wid[w] * 8);
            t(hex, name, wid[w], K_SHD, -1, 64);
            for (unsigned k = 0; k < sizeof imms / sizeof imms[0]; k++) {
                sprintf(hex, "%s0f%02xd3%02x", pfx[w], right ? 0xac : 0xa4, imms[k]);
                sprintf(name, "%s r%d,r%d,%d", right ? "shrd" : "shld", wid[w] * 8,
                        wid[w] * 8, imms[k]);
                t(hex, name, wid[w], K_SHD, imms[k], 8);
            }
        }
    }
}

static void muldiv(void) {
    static const char *names[4] = { "mul", "imul", "div", "idiv" };
    char hex[32], name[64];
    for (int w = 0; w < 4; w++) {
        for (int op = 4; op < 8; op++) {
            sprintf(hex, "%s%02x%02x", pfx[w], w == 0 ? 0xf6 : 0xf7, 0xc3 | op << 3);
            sprintf(name, "%s r%d", names[op - 4], wid[w] * 8);
            t(hex, name, wid[w], op < 6 ? K_MUL : K_DIV, 0, op < 6 ? 64 : 128);
        }
    }
    for (int w = 1; w < 4; w++) {
        sprintf(hex, "%s0fafd3", pfx[w]);
        sprintf(name, "imul r%d,r%d", wid[w] * 8, wid[w] * 8);
        t(hex, name, wid[w], K_MUL, 0, 64);
        sprintf(hex, "%s6bd3%02x", pfx[w], (unsigned)rnd() & 0xff);
        sprintf(name, "imul r%d,r%d,imm8", wid[w] * 8, wid[w] * 8);
        t(hex, name, wid[w], K_MUL, 0, 32);
        sprintf(hex, "%s69d3%s", pfx[w], w == 1 ? "3480" : "f1e2d3c4");
        sprintf(name, "imul r%d,r%d,imm", wid[w] * 8, wid[w] * 8);
        t(hex, name, wid[w], K_MUL, 0, 32);
    }
}

static void bits(void) {
    static const char *bt[4] = { "bt", "bts", "btr", "btc" };
    static const int btop[4] = { 0xa3, 0xab, 0xb3, 0xbb };
    char hex[32], name[64];
    for (int w = 1; w < 4; w++) {
        int b = wid[w] * 8;
        for (int k = 0; k < 4; k++) {
            sprintf(hex, "%s0f%02xd3", pfx[w], btop[k]);
            sprintf(name, "%s r%d,r%d", bt[k], b, b);
            t(hex, name, wid[w], K_BT, 0, 24);
            sprintf(hex, "%s0fba%02x%02x", pfx[w], 0xe3 | k << 3, (unsigned)rndn(256));
            sprintf(name, "%s r%d,imm8", bt[k], b);
            t(hex, name, wid[w], K_BT, 0, 12);
        }
        sprintf(hex, "%s0fbcd3", pfx[w]);  sprintf(name, "bsf r%d", b);
        t(hex, name, wid[w], K_BSF, 0, 40);
        sprintf(hex, "%s0fbdd3", pfx[w]);  sprintf(name, "bsr r%d", b);
        t(hex, name, wid[w], K_BSF, 0, 40);
        sprintf(hex, "%s%s0fbcd3", w == 1 ? "66" : "", w == 3 ? "f348" : "f3");
        sprintf(name, "tzcnt r%d", b);
        t(hex, name, wid[w], K_CNT, 0, 40);
        sprintf(hex, "%s%s0fbdd3", w == 1 ? "66" : "", w == 3 ? "f348" : "f3");
        sprintf(name, "lzcnt r%d", b);
        t(hex, name, wid[w], K_CNT, 0, 40);
        sprintf(hex, "%s%s0fb8d3", w == 1 ? "66" : "", w == 3 ? "f348" : "f3");
        sprintf(name, "popcnt r%d", b);
        t(hex, name, wid[w], K_ALL, 0, 24);
        sprintf(hex, "%s0fcb", pfx[w]);    sprintf(name, "bswap r%d", b);
        t(hex, name, wid[w], K_NONE, 0, 8);
    }
    for (int cc = 0; cc < 16; cc++) {
        sprintf(hex, "0f%02xc3", 0x90 | cc);
        sprintf(name, "setcc %x bl", cc);
        t(hex, name, 1, K_ALL, 0, 16);
    }
    t("0f97c7", "seta bh", 1, K_ALL, 0, 4);
    t("400f97c7", "seta dil", 1, K_ALL, 0, 4);
    t("f20f38f0d3", "crc32 r32,r8", 4, K_ALL, 0, 16);
    t("66f20f38f1d3", "crc32 r32,r16", 4, K_ALL, 0, 16);
    t("f20f38f1d3", "crc32 r32,r32", 4, K_ALL, 0, 16);
    t("f2480f38f1d3", "crc32 r64,r64", 8, K_ALL, 0, 16);
    t("f2480f38f0d3", "crc32 r64,r8", 8, K_ALL, 0, 8);
}

static void atomics(void) {
    char hex[32], name[64];
    for (int w = 0; w < 4; w++) {
        int b = wid[w] * 8;
        int ob = w == 0 ? 0 : 1;
        sprintf(hex, "%s0f%02xd3", pfx[w], 0xb0 | ob);  sprintf(name, "cmpxchg r%d,r%d", b, b);
        t(hex, name, wid[w], K_ALL, 0, 32);
        sprintf(hex, "%s0f%02xd3", pfx[w], 0xc0 | ob);  sprintf(name, "xadd r%d,r%d", b, b);
        t(hex, name, wid[w], K_ALL, 0, 16);
        sprintf(hex, "%s0f%02xdb", pfx[w], 0xc0 | ob);  sprintf(name, "xadd r%d,same", b);
        t(hex, name, wid[w], K_ALL, 0, 4);
        sprintf(hex, "%s%02xd3", pfx[w], 0x86 | ob);    sprintf(name, "xchg r%d,r%d", b, b);
        t(hex, name, wid[w], K_ALL, 0, 8);
    }
    t("0fb0c0", "cmpxchg al,al", 1, K_ALL, 0, 4);
    t("0fb1c0", "cmpxchg eax,eax", 4, K_ALL, 0, 4);
    t("0fb1c3", "cmpxchg ebx,eax", 4, K_ALL, 0, 8);
    t("90", "nop", 4, K_ALL, 0, 4);
    t("4890", "rex.w nop", 8, K_ALL, 0, 4);
    t("6690", "66 nop", 2, K_ALL, 0, 4);
    t("f390", "pause", 4, K_ALL, 0, 4);
    t("93", "xchg eax,ebx", 4, K_ALL, 0, 4);
    t("4893", "xchg rax,rbx", 8, K_ALL, 0, 4);
    t("6693", "xchg ax,bx", 2, K_ALL, 0, 4);
    t("4190", "xchg r8d,eax", 4, K_ALL, 0, 4);
    t("87c0", "xchg eax,eax (87)", 4, K_ALL, 0, 4);
}

/* VEX: three-byte form, registers below 8. dst reg=rdx, r/m=rbx, vvvv=rsi. */
static void vex(const char *name, int map, int w, int pp, int op, int modrm, int vvvv, int imm,
                int fam, int n) {
    char hex[32];
    int b2 = (w ? 0x80 : 0) | ((~vvvv & 15) << 3) | pp;
    if (imm >= 0) sprintf(hex, "c4%02x%02x%02x%02x%02x", 0xe0 | map, b2, op, modrm, imm);
    else sprintf(hex, "c4%02x%02x%02x%02x", 0xe0 | map, b2, op, modrm);
    t(hex, name, w ? 8 : 4, fam, 0, n);
}

static void bmi(void) {
    char name[64];
    for (int w = 0; w < 2; w++) {
        int b = w ? 64 : 32;
        sprintf(name, "andn r%d", b);   vex(name, 2, w, 0, 0xf2, 0xd3, 6, -1, K_ANDN, 24);
        sprintf(name, "blsr r%d", b);   vex(name, 2, w, 0, 0xf3, 0xcb, 6, -1, K_BLS, 24);
        sprintf(name, "blsmsk r%d", b); vex(name, 2, w, 0, 0xf3, 0xd3, 6, -1, K_BLS, 24);
        sprintf(name, "blsi r%d", b);   vex(name, 2, w, 0, 0xf3, 0xdb, 6, -1, K_BLS, 24);
        sprintf(name, "bzhi r%d", b);   vex(name, 2, w, 0, 0xf5, 0xd3, 6, -1, K_BZHI, 32);
        sprintf(name, "pdep r%d", b);   vex(name, 2, w, 3, 0xf5, 0xd3, 6, -1, K_ALL, 24);
        sprintf(name, "pext r%d", b);   vex(name, 2, w, 2, 0xf5, 0xd3, 6, -1, K_ALL, 24);
        sprintf(name, "mulx r%d", b);   vex(name, 2, w, 3, 0xf6, 0xd3, 6, -1, K_ALL, 24);
        sprintf(name, "mulx same r%d", b); vex(name, 2, w, 3, 0xf6, 0xd3, 2, -1, K_ALL, 4);
        sprintf(name, "bextr r%d", b);  vex(name, 2, w, 0, 0xf7, 0xd3, 6, -1, K_BEXTR, 32);
        sprintf(name, "shlx r%d", b);   vex(name, 2, w, 1, 0xf7, 0xd3, 6, -1, K_ALL, 16);
        sprintf(name, "sarx r%d", b);   vex(name, 2, w, 2, 0xf7, 0xd3, 6, -1, K_ALL, 16);
        sprintf(name, "shrx r%d", b);   vex(name, 2, w, 3, 0xf7, 0xd3, 6, -1, K_ALL, 16);
        sprintf(name, "rorx r%d", b);
        vex(name, 3, w, 3, 0xf0, 0xd3, 0, rndn(256), K_ALL, 16);
    }
    t("660f38f6d3", "adcx r32", 4, K_ALL, 0, 16);
    t("66480f38f6d3", "adcx r64", 8, K_ALL, 0, 16);
    t("f30f38f6d3", "adox r32", 4, K_ALL, 0, 16);
    t("f3480f38f6d3", "adox r64", 8, K_ALL, 0, 16);
}

#define STRING_BASE 0x20000000UL
#define STRING_BYTES 512
static unsigned char *sbuf;

static void print_buffer(void) {
    for (int k = 0; k < STRING_BYTES; k++) printf("%02x", sbuf[k]);
}

/*
 * One string template: a periodic buffer (so that REPE compares run for a while) with a few
 * bytes changed, RSI/RDI a whole number of periods apart, small counts, DF either way; with
 * a32, garbage in the upper halves of RSI, RDI and RCX that the instruction must ignore.
 */
static void string_cases(const char *hex, const char *name, int size, int a32, int n) {
    t(hex, name, size, K_ALL, 0, 0);
    for (int k = 0; k < n; k++) {
        int period = 1 << (3 + rndn(3));
        unsigned char pat[32];
        for (int j = 0; j < period; j++) pat[j] = (unsigned char)rnd();
        for (int j = 0; j < STRING_BYTES; j++) sbuf[j] = pat[j % period];
        for (int j = rndn(4); j > 0; j--)
            sbuf[rndn(STRING_BYTES)] ^= (unsigned char)(1 + rndn(255));
        state in, out;
        for (int j = 0; j < 8; j++) in.r[j] = value();
        int down = rndn(2);
        uint64_t a = down ? 448 + rndn(56) : (uint64_t)rndn(64);
        uint64_t d = a + (down ? -1 : 1) * (uint64_t)period * (uint64_t)(1 + rndn(2));
        in.r[RSI] = STRING_BASE + a;
        in.r[RDI] = STRING_BASE + d;
        in.r[RCX] = (uint64_t)rndn(25);
        if (rndn(3) == 0) memcpy(&in.r[RAX], sbuf + d + size * rndn(8) * (down ? -1 : 1), 8);
        if (a32) {
            in.r[RSI] |= rnd() << 32;
            in.r[RDI] |= rnd() << 32;
            in.r[RCX] |= rnd() << 32;
        }
        in.fl = 0x202 | (rnd() & ARITH) | (down ? 0x400 : 0);
        out = in;
        printf("S ");
        print_state(&in);
        printf(" ");
        print_buffer();
        run_insn(&out, code);
        printf(" : ");
        print_state(&out);
        printf(" ");
        print_buffer();
        printf("\n");
    }
}

static void strings(void) {
    static const char *names[5] = { "movs", "cmps", "stos", "lods", "scas" };
    static const int ops[5] = { 0xa4, 0xa6, 0xaa, 0xac, 0xae };
    static const char *reps[4] = { "", "f3", "f2", "67f3" };
    char hex[32], name[64];
    for (int w = 0; w < 4; w++) {
        for (int k = 0; k < 5; k++) {
            for (int r = 0; r < 4; r++) {
                sprintf(hex, "%s%s%02x", reps[r], pfx[w], ops[k] | (w ? 1 : 0));
                sprintf(name, "%s%s%s%d", r == 3 ? "a32 " : "", r == 0 ? "" : r == 2 ? "repne "
                        : "rep ", names[k], wid[w] * 8);
                string_cases(hex, name, wid[w], r == 3, r == 0 ? 4 : 12);
            }
        }
    }
}

int main(void) {
    sbuf = mmap((void *)STRING_BASE, STRING_BYTES, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (sbuf != (void *)STRING_BASE) { perror("mmap string buffer"); return 1; }
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return 1; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fpe;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    shifts();
    double_shifts();
    muldiv();
    bits();
    atomics();
    bmi();
    strings();
    return 0;
}
