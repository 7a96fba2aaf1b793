/*
 * Golden-data generator for the SSE floating-point executors (SseFpOps and friends): runs
 * whole instructions on the host CPU, register and memory forms, and records for each case
 * the inputs and the outputs (XMM0-XMM2, 16 bytes of memory, RAX, MXCSR, RFLAGS, or the
 * exception vector with the state at the fault). Built and run by gen.sh; SseFpGoldenTest
 * replays every line through the emulator. Fixed seed: the output is reproducible on one CPU.
 *
 * One line per case, hex fields separated by spaces:
 *   bytes memoff | x0lo x0hi x1lo x1hi x2lo x2hi m0 m1 rax mxcsr
 *   | x0lo x0hi x1lo x1hi x2lo x2hi m0 m1 rax mxcsr rflags vector
 * The instruction runs with RDI pointing at the 16 memory bytes (m0 = bytes 0-7), RFLAGS =
 * 0x8D7 (all six status flags set) before it; vector is 0 when it completed.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint8_t u8;

/* Register block read and written by the trampoline; offsets are used in the asm below. */
struct regs {
    u64 x[6];       /* 0: xmm0 lo/hi, xmm1, xmm2 */
    u64 rax;        /* 48 */
    u32 mxcsr;      /* 56 */
    u32 pad;
    u64 rflags;     /* 64 */
    u64 rdi;        /* 72 */
};

static u64 seed = 0x243F6A8885A308D3ull;
static u64 rnd(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}
static u32 pick(u32 n) { return (u32)(rnd() % n); }

static const u32 S_POOL[] = {
    0x3F800000, 0xBF800000, 0x40200000, 0xC0200000, 0x3FC00000, 0xBF000000, 0x3EAAAAAB,
    0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7FC12345,
    0x7F800001, 0xFFA00000, 0x00000001, 0x807FFFFF, 0x00400000, 0x00800000, 0x80800000,
    0x7F7FFFFF, 0xFF7FFFFF, 0x7F000000, 0x4F000000, 0xCF000000, 0x4F000001, 0x5F000000,
    0xDF000000, 0x4B800001, 0x3F800001, 0x49742400, 0x4E6E6B28, 0x0DA24260, 0x1E3CE508,
    0x40490FDB, 0x42F6E979, 0xC2F6E979, 0x3F000000, 0x3FE00000, 0x40400000, 0xCB000000,
};
static const u64 D_POOL[] = {
    0x3FF0000000000000, 0xBFF0000000000000, 0x4004000000000000, 0xC004000000000000,
    0x3FF8000000000000, 0xBFE0000000000000, 0x3FD5555555555555, 0x0000000000000000,
    0x8000000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000,
    0xFFF8000000000000, 0x7FF8000012345678, 0x7FF0000000000001, 0xFFF4000000000000,
    0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x0008000000000000, 0x0010000000000000,
    0x8010000000000000, 0x7FEFFFFFFFFFFFFF, 0xFFEFFFFFFFFFFFFF, 0x41E0000000000000,
    0xC1E0000000000000, 0x41DFFFFFFFC00000, 0x41E0000000100000, 0x43E0000000000000,
    0xC3E0000000000000, 0x3FF0000000000001, 0x400921FB54442D18, 0x47EFFFFFE0000000,
    0x47EFFFFFF0000000, 0x3810000000000000, 0x36A0000000000000, 0x380FFFFFF0000000,
    0x4059000000000000, 0xC059000000000000, 0x3FE0000000000000, 0x4008000000000000,
    0x4330000000000001, 0x42D6BCC41E900000,
};
static const u32 I_POOL[] = {
    0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x01000001, 0x075BCD15, 0xFFFFFF85, 3, 0x00FFFFFF,
};
static const u32 MXCSR_POOL[] = {
    0x1F80, 0x1F80, 0x1F80, 0x1F80, 0x3F80, 0x5F80, 0x7F80, 0x9F80, 0x1FC0, 0x9FC0, 0x1FBF,
    0x1F00, 0x1E80, 0x1D80, 0x1B80, 0x1780, 0x0F80, 0x0000, 0x7F00, 0x8000,
};

#define NS (sizeof S_POOL / sizeof *S_POOL)
#define ND (sizeof D_POOL / sizeof *D_POOL)
#define NI (sizeof I_POOL / sizeof *I_POOL)
#define NM (sizeof MXCSR_POOL / sizeof *MXCSR_POOL)

/* A 64-bit chunk of operand data of the given kind: S singles, D doubles, I int32 lanes. */
static u64 gen(char kind) {
    switch (kind) {
    case 'S': return S_POOL[pick(NS)] | (u64)S_POOL[pick(NS)] << 32;
    case 'D': return D_POOL[pick(ND)];
    case 'I': return I_POOL[pick(NI)] | (u64)I_POOL[pick(NI)] << 32;
    default: return rnd();
    }
}
/* RAX input for CVTSI2SS/SD: integers of all sizes. */
static u64 genRax(void) {
    switch (pick(6)) {
    case 0: return I_POOL[pick(NI)];
    case 1: return (u64)(int64_t)(int32_t)I_POOL[pick(NI)];
    case 2: return 0x8000000000000000ull;
    case 3: return 0x7FFFFFFFFFFFFFFFull - pick(3);
    case 4: return rnd() >> pick(64);
    default: return rnd();
    }
}

static u8 *page;
static sigjmp_buf jump;
static volatile int vector;
static struct regs faultRegs;

static void onSignal(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    (void)sig; (void)si;
    vector = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
    fpregset_t fp = uc->uc_mcontext.fpregs;
    for (int k = 0; k < 3; k++) {
        memcpy(&faultRegs.x[2 * k], &fp->_xmm[k], 16);
    }
    faultRegs.mxcsr = fp->mxcsr;
    faultRegs.rax = (u64)uc->uc_mcontext.gregs[REG_RAX];
    faultRegs.rflags = (u64)uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(jump, 1);
}

/* Runs the instruction at page with the state in r, results back into r. */
static void trampoline(struct regs *r) {
    __asm__ volatile(
        "movdqu 0(%0), %%xmm0\n movdqu 16(%0), %%xmm1\n movdqu 32(%0), %%xmm2\n"
        "ldmxcsr 56(%0)\n mov 48(%0), %%rax\n mov 72(%0), %%rdi\n"
        "pushq 64(%0)\n popfq\n"
        "call *%1\n"
        "pushfq\n popq 64(%0)\n stmxcsr 56(%0)\n mov %%rax, 48(%0)\n"
        "movdqu %%xmm0, 0(%0)\n movdqu %%xmm1, 16(%0)\n movdqu %%xmm2, 32(%0)\n"
        : : "r"(r), "r"(page) : "rax", "rdi", "xmm0", "xmm1", "xmm2", "memory", "cc");
}

static u8 mem[8192] __attribute__((aligned(4096)));

static void runCase(const u8 *code, int len, int memoff, char kind, int raxInput) {
    struct regs in, out;
    for (int k = 0; k < 6; k++) in.x[k] = gen(kind);
    u64 m0 = gen(kind), m1 = gen(kind);
    in.rax = raxInput ? genRax() : rnd();
    in.mxcsr = MXCSR_POOL[pick(NM)];
    in.pad = 0;
    in.rflags = 0x8D7 | 0x200;
    in.rdi = (u64)(mem + memoff);
    memcpy(mem + memoff, &m0, 8);
    memcpy(mem + memoff + 8, &m1, 8);
    memcpy(page, code, len);
    page[len] = 0xC3;
    out = in;
    vector = 0;
    if (sigsetjmp(jump, 1) == 0) {
        trampoline(&out);
    } else {
        out = faultRegs;
        u32 dflt = 0x1F80;
        __asm__ volatile("ldmxcsr %0" : : "m"(dflt));
    }
    u64 o0, o1;
    memcpy(&o0, mem + memoff, 8);
    memcpy(&o1, mem + memoff + 8, 8);
    for (int k = 0; k < len; k++) printf("%02x", code[k]);
    printf(" %x |", memoff);
    for (int k = 0; k < 6; k++) printf(" %llx", (unsigned long long)in.x[k]);
    printf(" %llx %llx %llx %x |", (unsigned long long)m0, (unsigned long long)m1,
           (unsigned long long)in.rax, in.mxcsr);
    for (int k = 0; k < 6; k++) printf(" %llx", (unsigned long long)out.x[k]);
    printf(" %llx %llx %llx %x %llx %x\n", (unsigned long long)o0, (unsigned long long)o1,
           (unsigned long long)out.rax, out.mxcsr,
           (unsigned long long)(out.rflags & 0x8D5), vector);
}

/*
 * One instruction form: its bytes in hex with 'R' where the ModRM byte goes (filled with
 * the register form, then with the [rdi] form if mem is set), the operand kind, how the
 * ModRM is built (reg field, rm register), imm8 values to try, and flags.
 */
struct form {
    const char *hex;   /* e.g. "F30F58R" or "660F3A08R#" (# = imm8) */
    char kind;
    int reg, rm;       /* ModRM.reg and ModRM.rm (register form) */
    int forms;         /* 1 register, 2 memory, 3 both */
    int rax;           /* RAX holds an integer input */
};

static const struct form FORMS[] = {
    /* moves */
    {"0F10R", 'S', 0, 1, 3, 0}, {"660F10R", 'D', 0, 1, 3, 0}, {"F30F10R", 'S', 0, 1, 3, 0},
    {"F20F10R", 'D', 0, 1, 3, 0}, {"0F11R", 'S', 2, 1, 3, 0}, {"660F11R", 'D', 2, 1, 3, 0},
    {"F30F11R", 'S', 2, 1, 3, 0}, {"F20F11R", 'D', 2, 1, 3, 0},
    {"0F12R", 'S', 0, 1, 3, 0}, {"660F12R", 'D', 0, 1, 2, 0}, {"F30F12R", 'S', 0, 1, 3, 0},
    {"F20F12R", 'D', 0, 1, 3, 0}, {"0F13R", 'S', 1, 0, 2, 0}, {"660F13R", 'D', 1, 0, 2, 0},
    {"0F14R", 'S', 0, 1, 3, 0}, {"660F14R", 'D', 0, 1, 3, 0}, {"0F15R", 'S', 0, 1, 3, 0},
    {"660F15R", 'D', 0, 1, 3, 0}, {"0F16R", 'S', 0, 1, 3, 0}, {"660F16R", 'D', 0, 1, 2, 0},
    {"F30F16R", 'S', 0, 1, 3, 0}, {"0F17R", 'S', 1, 0, 2, 0}, {"660F17R", 'D', 1, 0, 2, 0},
    {"0F28R", 'S', 0, 1, 3, 0}, {"660F28R", 'D', 0, 1, 3, 0}, {"0F29R", 'S', 2, 1, 3, 0},
    {"660F29R", 'D', 2, 1, 3, 0}, {"0F2BR", 'S', 1, 0, 2, 0}, {"660F2BR", 'D', 1, 0, 2, 0},
    /* conversions with general registers */
    {"F30F2AR", 'S', 0, 0, 3, 1}, {"F3480F2AR", 'S', 0, 0, 3, 1}, {"F20F2AR", 'D', 0, 0, 3, 1},
    {"F2480F2AR", 'D', 0, 0, 3, 1}, {"F30F2CR", 'S', 0, 1, 3, 0}, {"F3480F2CR", 'S', 0, 1, 3, 0},
    {"F20F2CR", 'D', 0, 1, 3, 0}, {"F2480F2CR", 'D', 0, 1, 3, 0}, {"F30F2DR", 'S', 0, 1, 3, 0},
    {"F3480F2DR", 'S', 0, 1, 3, 0}, {"F20F2DR", 'D', 0, 1, 3, 0}, {"F2480F2DR", 'D', 0, 1, 3, 0},
    {"0F2ER", 'S', 0, 1, 3, 0}, {"660F2ER", 'D', 0, 1, 3, 0}, {"0F2FR", 'S', 0, 1, 3, 0},
    {"660F2FR", 'D', 0, 1, 3, 0}, {"0F50R", 'S', 0, 1, 1, 0}, {"660F50R", 'D', 0, 1, 1, 0},
    {"480F50R", 'S', 0, 1, 1, 0},
    /* arithmetic */
    {"0F51R", 'S', 0, 1, 3, 0}, {"660F51R", 'D', 0, 1, 3, 0}, {"F30F51R", 'S', 0, 1, 3, 0},
    {"F20F51R", 'D', 0, 1, 3, 0}, {"0F52R", 'S', 0, 1, 3, 0}, {"F30F52R", 'S', 0, 1, 3, 0},
    {"0F53R", 'S', 0, 1, 3, 0}, {"F30F53R", 'S', 0, 1, 3, 0},
    {"0F54R", 'S', 0, 1, 3, 0}, {"660F55R", 'D', 0, 1, 3, 0}, {"0F56R", 'S', 0, 1, 3, 0},
    {"660F57R", 'D', 0, 1, 3, 0},
    {"0F58R", 'S', 0, 1, 3, 0}, {"660F58R", 'D', 0, 1, 3, 0}, {"F30F58R", 'S', 0, 1, 3, 0},
    {"F20F58R", 'D', 0, 1, 3, 0}, {"0F59R", 'S', 0, 1, 3, 0}, {"660F59R", 'D', 0, 1, 3, 0},
    {"F30F59R", 'S', 0, 1, 3, 0}, {"F20F59R", 'D', 0, 1, 3, 0},
    {"0F5AR", 'S', 0, 1, 3, 0}, {"660F5AR", 'D', 0, 1, 3, 0}, {"F30F5AR", 'S', 0, 1, 3, 0},
    {"F20F5AR", 'D', 0, 1, 3, 0}, {"0F5BR", 'I', 0, 1, 3, 0}, {"660F5BR", 'S', 0, 1, 3, 0},
    {"F30F5BR", 'S', 0, 1, 3, 0},
    {"0F5CR", 'S', 0, 1, 3, 0}, {"660F5CR", 'D', 0, 1, 3, 0}, {"F30F5CR", 'S', 0, 1, 3, 0},
    {"F20F5CR", 'D', 0, 1, 3, 0}, {"0F5DR", 'S', 0, 1, 3, 0}, {"660F5DR", 'D', 0, 1, 3, 0},
    {"F30F5DR", 'S', 0, 1, 3, 0}, {"F20F5DR", 'D', 0, 1, 3, 0},
    {"0F5ER", 'S', 0, 1, 3, 0}, {"660F5ER", 'D', 0, 1, 3, 0}, {"F30F5ER", 'S', 0, 1, 3, 0},
    {"F20F5ER", 'D', 0, 1, 3, 0}, {"0F5FR", 'S', 0, 1, 3, 0}, {"660F5FR", 'D', 0, 1, 3, 0},
    {"F30F5FR", 'S', 0, 1, 3, 0}, {"F20F5FR", 'D', 0, 1, 3, 0},
    {"660F7CR", 'D', 0, 1, 3, 0}, {"F20F7CR", 'S', 0, 1, 3, 0}, {"660F7DR", 'D', 0, 1, 3, 0},
    {"F20F7DR", 'S', 0, 1, 3, 0},
    {"0FC2R#", 'S', 0, 1, 3, 0}, {"660FC2R#", 'D', 0, 1, 3, 0}, {"F30FC2R#", 'S', 0, 1, 3, 0},
    {"F20FC2R#", 'D', 0, 1, 3, 0}, {"0FC6R#", 'S', 0, 1, 3, 0}, {"660FC6R#", 'D', 0, 1, 3, 0},
    {"660FD0R", 'D', 0, 1, 3, 0}, {"F20FD0R", 'S', 0, 1, 3, 0},
    {"660FE6R", 'D', 0, 1, 3, 0}, {"F30FE6R", 'I', 0, 1, 3, 0}, {"F20FE6R", 'D', 0, 1, 3, 0},
    /* SSE4.1 */
    {"660F3814R", 'S', 2, 1, 3, 0}, {"660F3815R", 'D', 2, 1, 3, 0},
    {"660F3A08R#", 'S', 0, 1, 3, 0}, {"660F3A09R#", 'D', 0, 1, 3, 0},
    {"660F3A0AR#", 'S', 0, 1, 3, 0}, {"660F3A0BR#", 'D', 0, 1, 3, 0},
    {"660F3A0CR#", 'S', 0, 1, 3, 0}, {"660F3A0DR#", 'D', 0, 1, 3, 0},
    {"660F3A17R#", 'S', 1, 0, 3, 0}, {"66480F3A17R#", 'S', 1, 0, 1, 0},
    {"660F3A21R#", 'S', 0, 1, 3, 0}, {"660F3A40R#", 'S', 0, 1, 3, 0},
    {"660F3A41R#", 'D', 0, 1, 3, 0},
    /* encodings that do not exist: expect #UD */
    {"F30F13R", 'S', 0, 1, 3, 0}, {"660F12R", 'D', 0, 1, 1, 0}, {"0F2BR", 'S', 0, 1, 1, 0},
    {"0F50R", 'S', 0, 1, 2, 0}, {"F30F28R", 'S', 0, 1, 1, 0}, {"660F52R", 'S', 0, 1, 1, 0},
    {"0F7CR", 'S', 0, 1, 1, 0}, {"0FE6R", 'S', 0, 1, 1, 0}, {"0F3A08R#", 'S', 0, 1, 1, 0},
    {"F20F5BR", 'S', 0, 1, 1, 0},
};

static int parse(const char *hex, int modrm, int imm, u8 *out) {
    int n = 0;
    for (const char *p = hex; *p; ) {
        if (*p == 'R') { out[n++] = (u8)modrm; p++; continue; }
        if (*p == '#') { out[n++] = (u8)imm; p++; continue; }
        unsigned v;
        sscanf(p, "%2x", &v);
        out[n++] = (u8)v;
        p += 2;
    }
    return n;
}

int main(int argc, char **argv) {
    int perForm = argc > 1 ? atoi(argv[1]) : 24;
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onSignal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    for (size_t f = 0; f < sizeof FORMS / sizeof *FORMS; f++) {
        const struct form *fm = &FORMS[f];
        for (int form = 1; form <= 2; form++) {
            if (!(fm->forms & form)) continue;
            for (int k = 0; k < perForm; k++) {
                int modrm = form == 1 ? 0xC0 | fm->reg << 3 | fm->rm : fm->reg << 3 | 7;
                int imm = (k & 1) ? (int)pick(256) : (int)pick(16);
                /* a quarter of the memory cases are misaligned: #GP or fine, per form */
                int memoff = form == 2 && pick(4) == 0 ? 4 * (1 + (int)pick(3)) : 0;
                u8 code[16];
                int len = parse(fm->hex, modrm, imm, code);
                runCase(code, len, memoff, fm->kind, fm->rax);
            }
        }
    }
    return 0;
}
