/*
 * Golden-data generator for the x87 instruction executor (X87Ops): runs whole x87 instructions
 * (every register form of D8-DF, every memory form, FWAIT, a few two-instruction sequences
 * that show the deferred #MF) on the host CPU from a random x87 state, and records the state
 * before and after. Built and run by gen.sh; X87OpsGoldenTest replays every line through the
 * emulator. Fixed seed: the output is reproducible on one CPU.
 *
 * The code runs at 0x400000 and the memory window is the last 112 bytes of the mapping
 * 0x600000-0x60FFFF (0x610000 is unmapped), the addresses of the Java test harness, so the
 * last-instruction and last-operand pointers (FIP, FDP) compare as they are.
 *
 * One line per case, hex fields separated by spaces:
 *   bytes roff | STATE | STATE vector ripoff
 * STATE is: fcw fsw ftw fop fip fdp st0 .. st7 m0 .. m13 rax rflags, where ftw is the
 * abridged tag byte of FXSAVE, st<i> is ST(i) as 20 hex digits (sign/exponent then
 * significand), m0..m13 the 112-byte window as little-endian u64s and rflags the six status
 * flags. The instruction runs with RDI = window + roff. vector is 0 when the code ran to its
 * end, else the exception, with ripoff the offset of the faulting instruction in the code and
 * STATE the state the exception handler saw.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint16_t u16;
typedef uint8_t u8;

#define CODE_ADDR 0x400000UL
#define DATA_ADDR 0x600000UL
#define DATA_LEN 0x10000UL
#define WIN_LEN 112
#define WIN_ADDR (DATA_ADDR + DATA_LEN - WIN_LEN)

/* Everything the trampoline loads and stores. fx is an FXSAVE64 image. */
struct state {
    u8 fx[512] __attribute__((aligned(16)));
    u8 win[WIN_LEN];
    u64 rax;
    u64 rflags;
};

static u64 seed = 0x3243F6A8885A308Dull;
static u64 rnd(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}
static u32 pick(u32 n) { return (u32)(rnd() % n); }

/* 80-bit values: sign/exponent, significand. */
static const struct { u16 se; u64 sig; } F_POOL[] = {
    {0x3FFF, 0x8000000000000000}, {0xBFFF, 0x8000000000000000}, {0x3FFF, 0xC000000000000000},
    {0x4000, 0x8000000000000000}, {0x4000, 0xC000000000000000}, {0x3FFE, 0x8000000000000000},
    {0x4002, 0xA000000000000000}, {0xC005, 0xC800000000000000}, {0x4000, 0xC90FDAA22168C235},
    {0x3FFD, 0xAAAAAAAAAAAAAAAB}, {0x0000, 0x0000000000000000}, {0x8000, 0x0000000000000000},
    {0x7FFF, 0x8000000000000000}, {0xFFFF, 0x8000000000000000}, {0xFFFF, 0xC000000000000000},
    {0x7FFF, 0xC000000000001234}, {0x7FFF, 0xA000000000000000}, {0xFFFF, 0x8000000000000001},
    {0x0000, 0x0000000000000001}, {0x8000, 0x4000000000000000}, {0x0000, 0x8000000000000000},
    {0x3FFF, 0x4000000000000000}, {0x7FFF, 0x0000000000000000}, {0x7FFF, 0x4000000000000000},
    {0x7FFE, 0xFFFFFFFFFFFFFFFF}, {0xFFFE, 0xFFFFFFFFFFFFFFFF}, {0x0001, 0x8000000000000000},
    {0x403E, 0x8000000000000000}, {0xC03E, 0x8000000000000000}, {0x403D, 0xFFFFFFFFFFFFFFFF},
    {0x400D, 0xFFFE000000000000}, {0xC00E, 0x8000000000000000}, {0x400E, 0x8000000000000000},
    {0x401D, 0xFFFFFFFE00000000}, {0xC01E, 0x8000000000000000}, {0x401E, 0x8000000000000000},
    {0x403A, 0xDE0B6B3A76400000}, {0x4039, 0xDE0B6B3A763FFFF0}, {0xC037, 0x8AC7230489E80000},
    {0x3FFF, 0xC000000000000001}, {0x3FFE, 0xFFFFFFFFFFFFFFFF}, {0x3FFF, 0x8000000000000400},
    {0x3FFD, 0x8000000000000000}, {0xBFFC, 0xCCCCCCCCCCCCCCCD}, {0x3FF0, 0x8000000000000000},
    {0x43FE, 0x8000000000000000}, {0x3C00, 0x8000000000000000}, {0x4007, 0xFA00000000000000},
    {0x407F, 0xFFFFFF0000000000}, {0x43FF, 0xFFFFFFFFFFFFF800}, {0x3F80, 0x8000000000000000},
    {0x3C01, 0x8000000000000000}, {0x4008, 0xC800000000000000}, {0x4000, 0x8000000000000001},
};
#define NF (sizeof F_POOL / sizeof *F_POOL)

static const u32 S_POOL[] = {
    0x3F800000, 0xBF800000, 0x40490FDB, 0x00000000, 0x80000000, 0x7F800000, 0xFF800000,
    0x7FC00000, 0x7FA00000, 0x00000001, 0x807FFFFF, 0x7F7FFFFF, 0x4B800001, 0x3EAAAAAB,
    0x42C80000, 0xC2F6E979, 0x00800000, 0x5F000000,
};
static const u64 D_POOL[] = {
    0x3FF0000000000000, 0xBFF0000000000000, 0x400921FB54442D18, 0x0000000000000000,
    0x8000000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000,
    0x7FF4000000000000, 0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x7FEFFFFFFFFFFFFF,
    0x3FD5555555555555, 0x4059000000000000, 0xC1E0000000000000, 0x0010000000000000,
    0x43E0000000000000, 0x3FE0000000000000,
};
static const u64 I_POOL[] = {
    0, 1, 2, 3, 10, 100, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
    0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF85,
    0x0123456789ABCDEF,
};
static const u16 FCW_POOL[] = {
    0x037F, 0x037F, 0x037F, 0x037F, 0x037F, 0x027F, 0x007F, 0x017F, 0x077F, 0x0B7F, 0x0F7F,
    0x037E, 0x037B, 0x0377, 0x036F, 0x035F, 0x037D, 0x0340, 0x1F7F, 0x0372, 0x0B7E, 0x0F5F,
};
#define NS (sizeof S_POOL / sizeof *S_POOL)
#define ND (sizeof D_POOL / sizeof *D_POOL)
#define NI (sizeof I_POOL / sizeof *I_POOL)
#define NC (sizeof FCW_POOL / sizeof *FCW_POOL)

static void put16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }

/* A random 80-bit value into p[0..9]. */
static void genF80(u8 *p) {
    u16 se;
    u64 sig;
    if (pick(4) == 0) {
        se = (u16)((pick(2) << 15) | (0x3FF0 + pick(0x20)));
        sig = rnd() | 0x8000000000000000ull;
    } else {
        se = F_POOL[pick(NF)].se;
        sig = F_POOL[pick(NF)].sig;
        if (pick(3) != 0) {
            /* usually a coherent pair from one pool entry */
            u32 k = pick(NF);
            se = F_POOL[k].se;
            sig = F_POOL[k].sig;
        }
    }
    put64(p, sig);
    put16(p + 8, se);
}

static u16 genFcw(void) {
    return pick(16) == 0 ? (u16)rnd() : FCW_POOL[pick(NC)];
}

/* FSW: random TOP and condition codes; sometimes exception flags, ES kept consistent. */
static u16 genFsw(u16 fcw) {
    u16 sw = (u16)(rnd() & 0x4700);
    sw |= (u16)(pick(8) << 11);
    if (pick(5) == 0) {
        sw |= (u16)(rnd() & 0x7F);
    }
    if ((sw & ~fcw & 0x3F) != 0) {
        sw |= 0x8080;
    }
    return sw;
}

/* An 18-digit packed BCD number, sometimes with invalid digits or the indefinite pattern. */
static void genBcd(u8 *p) {
    for (int k = 0; k < 9; k++) {
        p[k] = (u8)(pick(10) | pick(10) << 4);
    }
    if (pick(6) == 0) {
        p[pick(9)] = (u8)rnd();
    }
    int len = (int)pick(10);
    for (int k = len; k < 9; k++) {
        p[k] = 0;
    }
    p[9] = pick(2) ? 0x80 : 0x00;
    if (pick(12) == 0) {
        memset(p, 0, 7);
        p[7] = 0xC0; p[8] = 0xFF; p[9] = 0xFF;
    }
}

/* An FLDENV/FRSTOR image: 28 bytes (or 14 with a 66 prefix) plus 80 register bytes. */
static void genEnv(u8 *p, int small, int regs) {
    u16 fcw = genFcw();
    u16 fsw = genFsw(fcw);
    u16 tags = (u16)rnd();
    if (pick(3) == 0) tags = 0xFFFF;
    if (pick(3) == 0) tags = 0x0000;
    int step = small ? 2 : 4;
    if (small) {
        put16(p, fcw); put16(p + 2, fsw); put16(p + 4, tags);
        put16(p + 6, (u16)rnd()); put16(p + 8, (u16)rnd());
        put16(p + 10, (u16)rnd()); put16(p + 12, (u16)rnd());
    } else {
        put32(p, (u32)rnd() << 16 | fcw); put32(p + 4, (u32)rnd() << 16 | fsw);
        put32(p + 8, (u32)rnd() << 16 | tags);
        for (int k = 12; k < 28; k += 4) put32(p + k, (u32)rnd());
    }
    if (regs) {
        for (int k = 0; k < 8; k++) genF80(p + 7 * step + 10 * k);
    }
}

/* Memory kinds. */
enum { M_NONE, M_F32, M_F64, M_F80, M_I16, M_I32, M_I64, M_BCD, M_CW, M_ENV, M_SAVE };

static void genMem(u8 *w, int voff, int kind, int small) {
    /* a fixed filler shows exactly which bytes a store writes, and compresses well */
    for (int k = 0; k < WIN_LEN; k++) w[k] = (u8)(0x5A + 7 * k);
    u8 *p = w + voff;
    int room = WIN_LEN - voff;
    u8 tmp[WIN_LEN];
    memset(tmp, 0, sizeof tmp);
    switch (kind) {
    case M_F32: put32(tmp, pick(6) ? S_POOL[pick(NS)] : (u32)rnd()); break;
    case M_F64: put64(tmp, pick(6) ? D_POOL[pick(ND)] : rnd()); break;
    case M_F80: genF80(tmp); break;
    case M_I16: case M_I32: case M_I64: {
        u64 v = pick(4) ? I_POOL[pick(NI)] : rnd() >> pick(64);
        if (pick(2)) v = -v;
        put64(tmp, v);
        break;
    }
    case M_BCD: genBcd(tmp); break;
    case M_CW: put16(tmp, genFcw()); break;
    case M_ENV: genEnv(tmp, small, 0); break;
    case M_SAVE: genEnv(tmp, small, 1); break;
    default: return;
    }
    memcpy(p, tmp, room < WIN_LEN ? (size_t)room : WIN_LEN);
}

static void genState(struct state *s, int kind, int voff, int small) {
    memset(s->fx, 0, sizeof s->fx);
    u16 fcw = genFcw();
    u16 fsw = genFsw(fcw);
    u8 ftw = (u8)rnd();
    switch (pick(6)) {
    case 0: ftw = 0xFF; break;
    case 1: ftw = 0x00; break;
    case 2: ftw |= (u8)rnd(); break;
    default: break;
    }
    put16(s->fx, fcw);
    put16(s->fx + 2, fsw);
    s->fx[4] = ftw;
    put16(s->fx + 6, (u16)(rnd() & 0x7FF));
    put64(s->fx + 8, 0x1234567ull + (rnd() & 0xFFF0));
    put64(s->fx + 16, 0x7654321ull + (rnd() & 0xFFF0));
    put32(s->fx + 24, 0x1F80);
    put32(s->fx + 28, 0xFFFF);
    for (int k = 0; k < 8; k++) genF80(s->fx + 32 + 16 * k);
    genMem(s->win, voff, kind, small);
    s->rax = rnd();
    s->rflags = (rnd() & 0x8D5) | 0x202;
}

static volatile u8 *code;
static volatile u8 *window;
static sigjmp_buf jump;
static int vector;
static u64 faultRip;
static struct state faultState;

static void onSignal(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    (void)sig; (void)si;
    vector = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
    faultRip = (u64)uc->uc_mcontext.gregs[REG_RIP];
    memcpy(faultState.fx, uc->uc_mcontext.fpregs, 512);
    faultState.rax = (u64)uc->uc_mcontext.gregs[REG_RAX];
    faultState.rflags = (u64)uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(jump, 1);
}

/* Loads s, runs the code at CODE_ADDR with RDI = rdi, saves the state back into s. */
static void trampoline(struct state *s, u64 rdi) {
    __asm__ volatile(
        "fxrstor64 0(%0)\n mov %c[ra](%0), %%rax\n"
        "pushq %c[rf](%0)\n popfq\n"
        "mov %1, %%rdi\n call *%2\n"
        "pushfq\n popq %c[rf](%0)\n mov %%rax, %c[ra](%0)\n"
        "fxsave64 0(%0)\n"
        : : "r"(s), "r"(rdi), "r"(CODE_ADDR), [ra] "i"(offsetof(struct state, rax)),
          [rf] "i"(offsetof(struct state, rflags))
        : "rax", "rdi", "memory", "cc");
}

static void printState(const struct state *s) {
    u16 fcw, fsw, fop;
    u64 fip, fdp;
    memcpy(&fcw, s->fx, 2); memcpy(&fsw, s->fx + 2, 2); memcpy(&fop, s->fx + 6, 2);
    memcpy(&fip, s->fx + 8, 8); memcpy(&fdp, s->fx + 16, 8);
    printf(" %x %x %x %x %llx %llx", fcw, fsw, s->fx[4], fop, (unsigned long long)fip,
           (unsigned long long)fdp);
    for (int k = 0; k < 8; k++) {
        u16 se;
        u64 sig;
        memcpy(&sig, s->fx + 32 + 16 * k, 8);
        memcpy(&se, s->fx + 40 + 16 * k, 2);
        printf(" %04x%016llx", se, (unsigned long long)sig);
    }
    for (int k = 0; k < WIN_LEN; k += 8) {
        u64 m;
        memcpy(&m, s->win + k, 8);
        printf(" %llx", (unsigned long long)m);
    }
    printf(" %llx %llx", (unsigned long long)s->rax, (unsigned long long)(s->rflags & 0x8D5));
}

/* One case: RDI = window + roff, the operand value generated at window + voff. */
static void runCase(const u8 *bytes, int len, int kind, int roff, int voff, int small) {
    struct state in, out;
    genState(&in, kind, voff, small);
    memcpy((void *)code, bytes, len);
    code[len] = 0xC3;
    memcpy((void *)window, in.win, WIN_LEN);
    out = in;
    vector = 0;
    faultRip = 0;
    if (sigsetjmp(jump, 1) == 0) {
        trampoline(&out, WIN_ADDR + roff);
    } else {
        out.rax = faultState.rax;
        out.rflags = faultState.rflags;
        memcpy(out.fx, faultState.fx, 512);
        u32 dflt = 0x1F80;
        __asm__ volatile("ldmxcsr %0\n fninit" : : "m"(dflt));
    }
    memcpy(out.win, (void *)window, WIN_LEN);
    for (int k = 0; k < len; k++) printf("%02x", bytes[k]);
    printf(" %x |", roff);
    printState(&in);
    printf(" |");
    printState(&out);
    printf(" %x %llx\n", vector, vector ? (unsigned long long)(faultRip - CODE_ADDR) : 0ull);
}

/* Memory kind of each D8-DF /digit memory form (M_NONE: reserved, expect #UD). */
static const int MEM_KIND[8][8] = {
    {M_F32, M_F32, M_F32, M_F32, M_F32, M_F32, M_F32, M_F32},
    {M_F32, M_NONE, M_F32, M_F32, M_ENV, M_CW, M_ENV, M_CW},
    {M_I32, M_I32, M_I32, M_I32, M_I32, M_I32, M_I32, M_I32},
    {M_I32, M_I32, M_I32, M_I32, M_NONE, M_F80, M_NONE, M_F80},
    {M_F64, M_F64, M_F64, M_F64, M_F64, M_F64, M_F64, M_F64},
    {M_F64, M_I64, M_F64, M_F64, M_SAVE, M_NONE, M_SAVE, M_CW},
    {M_I16, M_I16, M_I16, M_I16, M_I16, M_I16, M_I16, M_I16},
    {M_I16, M_I16, M_I16, M_I16, M_BCD, M_I64, M_BCD, M_I64},
};
/* Bytes each memory form touches (for the page-crossing cases). */
static int memSize(int kind, int small) {
    switch (kind) {
    case M_F32: case M_I32: return 4;
    case M_F64: case M_I64: return 8;
    case M_F80: case M_BCD: return 10;
    case M_I16: case M_CW: return 2;
    case M_ENV: return small ? 14 : 28;
    case M_SAVE: return small ? 94 : 108;
    default: return 4;
    }
}

/* Two-instruction sequences: an operation, then a waiting or non-waiting instruction. */
static const char *const SEQUENCES[] = {
    "d8f1 9b", "d8f1 d9d0", "d8f1 dbe2", "d8f1 dfe0", "d8f1 d9c9", "d8f1 dbe3",
    "d9fa 9b", "d8c1 9b", "dec9 9b", "d9f8 9b", "d9fc 9b", "d9fd 9b", "d8d1 9b",
    "d917 9b", "dd17 9b", "df17 9b", "db1f 9b", "d9c0 9b", "d9e8 9b", "ddd8 9b", "d8f1 d93f",
    "d8f1 dd37", "d8f1 d937", "d8f1 9bdd37", "d8f1 dfe0 9b", "d9e8 d9e8 d9e8", "d9f7 d9f6",
    "d9ee dec1", "db2f 9b", "df2f 9b", "d907 9b", "dd07 9b", "d8f1 dbe2 9b", "d9e4 9b",
    "d9e5 9b", "d9f4 9b", "d9f5 9b", "d9f0 9b", "d9fe 9b", "d9c9 d9c9", "d9cf d8f1 9b",
    /* what each kind of instruction does to FOP, FIP and FDP, seen through FNSTENV */
    "d907 d97720", "dd07 d97720", "db2f d97720", "df2f d97720", "de07 d97720",
    "d807 d97720", "dc4708 d97720", "d917 d97720", "df37 d97720", "d9e8 d97720",
    "d8c1 d97720", "d9d0 d97720", "9b d97720", "dbe2 d97720", "d92f d97720", "d93f d97720",
    "dfe0 d97720", "ddc1 d97720", "d9f6 d97720", "d9c9 d97720", "dac1 d97720",
    "dbf1 d97720", "d9e5 d97720", "d9e0 d97720", "dfc1 d97720", "d927 d97720",
    "dbe3 d97720", "dd3f d97720", "65dd07 d97720", "67dd07 d97720", "d9e8 dd7720",
    "d9ee 66d97720", "d9fa d9c9 d97720", "dd07 d9c9 d97720",
};

static int parseHex(const char *s, u8 *out) {
    int n = 0;
    for (const char *p = s; *p; ) {
        if (*p == ' ') { p++; continue; }
        unsigned v;
        sscanf(p, "%2x", &v);
        out[n++] = (u8)v;
        p += 2;
    }
    return n;
}

int main(int argc, char **argv) {
    int perReg = argc > 1 ? atoi(argv[1]) : 6;
    int perMem = argc > 2 ? atoi(argv[2]) : 40;
    if (argc > 3) {
        seed = strtoull(argv[3], NULL, 0) | 1; /* other seeds: wider checks, not committed */
    }
    code = mmap((void *)CODE_ADDR, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    u8 *data = mmap((void *)DATA_ADDR, DATA_LEN, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (code != (void *)CODE_ADDR || data != (void *)DATA_ADDR) {
        fprintf(stderr, "cannot map the harness addresses (build as PIE)\n");
        return 1;
    }
    window = data + DATA_LEN - WIN_LEN;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onSignal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    u8 b[16];
    /* every register form */
    for (int op = 0; op < 8; op++) {
        for (int m = 0xC0; m <= 0xFF; m++) {
            b[0] = (u8)(0xD8 + op);
            b[1] = (u8)m;
            for (int k = 0; k < perReg; k++) runCase(b, 2, M_NONE, 0, 0, 0);
        }
    }
    /* every memory form: [rdi], [rdi+disp8], 66 and REX.W prefixes, page-crossing operands */
    for (int op = 0; op < 8; op++) {
        for (int d = 0; d < 8; d++) {
            int kind = MEM_KIND[op][d];
            int env = kind == M_ENV || kind == M_SAVE;
            for (int k = 0; k < perMem; k++) {
                int n = 0;
                int small = env && (k % 4) == 1;
                if (small) b[n++] = 0x66;
                if (!env && (k % 8) == 5) b[n++] = 0x66;
                if ((k % 8) == 6) b[n++] = 0x48;
                b[n++] = (u8)(0xD8 + op);
                int roff = 0, voff = 0;
                if ((k % 8) == 3) {
                    b[n++] = (u8)(0x47 | d << 3);
                    b[n++] = 8;
                    voff = 8;
                } else {
                    b[n++] = (u8)(0x07 | d << 3);
                }
                if ((k % 8) == 7) {
                    /* the operand straddles the end of the mapping: #PF, state unchanged */
                    int sz = memSize(kind, small);
                    roff = WIN_LEN - sz + 1 + (int)pick((u32)sz - 1);
                    voff = roff;
                }
                runCase(b, n, kind, roff, voff, small);
            }
        }
    }
    /* FWAIT and sequences */
    for (int k = 0; k < perMem; k++) {
        b[0] = 0x9B;
        runCase(b, 1, M_NONE, 0, 0, 0);
    }
    for (size_t s = 0; s < sizeof SEQUENCES / sizeof *SEQUENCES; s++) {
        int n = parseHex(SEQUENCES[s], b);
        int kind = strstr(SEQUENCES[s], "dd37") ? M_SAVE : strstr(SEQUENCES[s], "d937")
                ? M_ENV : M_F64;
        for (int k = 0; k < perMem; k++) runCase(b, n, kind, 0, 0, 0);
    }
    return 0;
}
