/*
 * Native differential oracle: runs every template of templates.txt on this machine's CPU with
 * inputs derived from (seed, template name, vector number) and records what changed.
 *
 * The inputs are never stored: OracleInputs.java derives exactly the same ones, so this file
 * and that class must change together. See README.md for the template format, the input
 * derivation and the record layout.
 *
 * Build: gcc -O2 -o harness harness.c trampoline.S
 * Usage: harness TEMPLATES OUT SEED [PERCENT [NAME_SUBSTRING]]
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
#include <unistd.h>

#define CODE 0x10000000UL
#define DATA 0x20000000UL
#define DATA_SIZE 0x2000
#define WIN_OFF 0xE00
#define WIN_SIZE 0x400
#define WIN_WORDS (WIN_SIZE / 8)
#define PTR (DATA + 0x1000)
#define STACK (DATA + 0x1100)
#define FX_WORDS 52
#define MAX_CONSTRAINTS 8
#define NO_FAULT 0xFF

/* State shared with trampoline.S. */
uint64_t oracle_in_gpr[16], oracle_in_rflags, oracle_out_gpr[16], oracle_out_rflags;
uint64_t oracle_host_rsp, oracle_code_addr = CODE;
uint8_t oracle_in_fx[512] __attribute__((aligned(16)));
uint8_t oracle_out_fx[512] __attribute__((aligned(16)));
uint8_t oracle_host_fx[512] __attribute__((aligned(16)));
void oracle_enter(void);
void oracle_return(void);

/* ------------------------------------------------------------------ input derivation */

static uint64_t rng;

static uint64_t next(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t fnv1a64(const char *s)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 0x100000001B3ULL;
    return h;
}

static uint32_t fnv1a32(const char *s)
{
    uint32_t h = 0x811C9DC5U;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 0x01000193U;
    return h;
}

/* An integer biased toward the edges: zero, one, all ones, sign bits, maxima, small values. */
static uint64_t rand_int(uint64_t a, uint64_t b)
{
    int bits = 8 << (b & 3);
    uint64_t sign = 1ULL << (bits - 1);
    switch (a >> 59) {
    case 0: return 0;
    case 1: return 1;
    case 2: return ~0ULL;
    case 3: return sign;
    case 4: return sign - 1;
    case 5: return bits == 64 ? ~0ULL : (1ULL << bits) - 1;
    case 6: return b & 0xFF;
    case 7: return ~(b & 0xFF);
    case 8: return 1ULL << (b & 63);
    case 9: return b & 0xFFFF;
    case 10: return b & 0xFFFFFFFFULL;
    case 11: return (uint64_t)(int64_t)(int32_t)b;
    default: return b;
    }
}

static uint64_t f64_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint32_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint32_t rand_f32(unsigned sel, uint32_t b)
{
    uint32_t sign = b & 0x80000000U;
    switch (sel) {
    case 0: return 0;
    case 1: return 0x80000000U;
    case 2: return 0x3F800000U | sign;
    case 3: return 0x7F800000U | sign;
    case 4: return 0x7FC00000U | (b & 0x803FFFFFU);
    case 5: return 0x7F800001U | (b & 0x803FFFFFU);
    case 6: return b & 0x807FFFFFU;
    case 7: return 0x00800000U | sign;
    case 8: return 0x7F7FFFFFU | sign;
    case 9: case 10: return (b & 0x807FFFFFU) | ((124U + ((b >> 23) & 7)) << 23);
    case 11: return f32_bits((float)(b & 0xFFFF) + 0.5f) | sign;
    case 12: return f32_bits((float)(int)(b & 0xFF) - 128.0f);
    case 13: return (b & 0x800000FFU) | ((127U + ((b & 0x100) ? 63U : 31U)) << 23);
    default: return b;
    }
}

static uint64_t rand_f64(unsigned sel, uint64_t b)
{
    uint64_t sign = b & 0x8000000000000000ULL;
    switch (sel) {
    case 0: return 0;
    case 1: return 0x8000000000000000ULL;
    case 2: return 0x3FF0000000000000ULL | sign;
    case 3: return 0x7FF0000000000000ULL | sign;
    case 4: return 0x7FF8000000000000ULL | (b & 0x8007FFFFFFFFFFFFULL);
    case 5: return 0x7FF0000000000001ULL | (b & 0x8007FFFFFFFFFFFFULL);
    case 6: return b & 0x800FFFFFFFFFFFFFULL;
    case 7: return 0x0010000000000000ULL | sign;
    case 8: return 0x7FEFFFFFFFFFFFFFULL | sign;
    case 9: case 10:
        return (b & 0x800FFFFFFFFFFFFFULL) | ((1020ULL + ((b >> 52) & 7)) << 52);
    case 11: return f64_bits((double)(b & 0xFFFFFFFFULL) + 0.5) | sign;
    case 12: return f64_bits((double)(int)(b & 0xFF) - 128.0);
    case 13:
        return (b & 0x800000000000FFFFULL)
               | ((1023ULL + ((b & 0x10000) ? 63 : 31) - ((b >> 17) & 1)) << 52);
    default: return b;
    }
}

/* One 64-bit half of an XMM register: two binary32 values, one binary64 or raw bits. */
static uint64_t rand_half(uint64_t a, uint64_t b)
{
    switch (a & 3) {
    case 0: case 1:
        return rand_f32((unsigned)(a >> 60), (uint32_t)b)
               | (uint64_t)rand_f32((unsigned)(a >> 56) & 15, (uint32_t)(b >> 32)) << 32;
    case 2: return rand_f64((unsigned)(a >> 60), b);
    default: return b;
    }
}

struct f80 { uint64_t sig; uint16_t se; };

static struct f80 f80_of_double(double d)
{
    struct f80 r;
    uint64_t u = f64_bits(d);
    uint16_t sign = (uint16_t)((u >> 48) & 0x8000);
    uint64_t e = (u >> 52) & 0x7FF;
    if (e == 0) {
        r.sig = 0;
        r.se = sign;
    } else {
        r.sig = 0x8000000000000000ULL | (u << 11);
        r.se = (uint16_t)(sign | (e - 1023 + 16383));
    }
    return r;
}

static struct f80 rand_f80(uint64_t a, uint64_t b)
{
    struct f80 r;
    uint16_t sign = (uint16_t)(((a >> 59) & 1) << 15);
    uint64_t j = 0x8000000000000000ULL;
    switch (a >> 60) {
    case 0: r.sig = 0; r.se = 0; break;
    case 1: r.sig = j; r.se = 0x3FFF; break;
    case 2: r.sig = j; r.se = 0x7FFF; break;
    case 3: r.sig = 0xC000000000000000ULL | (b & 0x3FFFFFFFFFFFFFFFULL); r.se = 0x7FFF; break;
    case 4: r.sig = j | (b & 0x3FFFFFFFFFFFFFFFULL) | 1; r.se = 0x7FFF; break;
    case 5: r.sig = b & 0x7FFFFFFFFFFFFFFFULL; r.se = 0; break;
    case 6: r.sig = b | j; r.se = 0; break;
    case 7: r.sig = b & 0x7FFFFFFFFFFFFFFFULL; r.se = (uint16_t)(1 + ((a >> 16) & 0x3FFF)); break;
    case 8: r.sig = b | j; r.se = (uint16_t)(0x3FFF + ((a >> 40) & 15) - 8); break;
    case 9: r = f80_of_double((double)(b & 0xFFFF)); break;
    case 10: r = f80_of_double((double)(b & 0xFFFFF) + 0.5); break;
    case 11: r.sig = b | j; r.se = (uint16_t)(0x3FFF + 62 + ((a >> 40) & 3) - 1); break;
    case 12: r.sig = b | j; r.se = (uint16_t)(0x3FFF - 0x200 + ((a >> 16) & 0x3FF)); break;
    case 13: r.sig = (b & 0xFFFFFFFFFFFFF800ULL) | j;
        r.se = (uint16_t)(0x3FFF + ((a >> 40) & 15) - 8); break;
    default: r.sig = b | j; r.se = (uint16_t)(0x3FFF + ((a >> 16) & 0x7F) - 64); break;
    }
    r.se |= sign;
    return r;
}

/* ------------------------------------------------------------------ templates */

enum { L_GPR, L_MEM, L_XMM, L_MXCSR, L_FCW, L_MM };
enum { OP_SET, OP_COPY, OP_SX, OP_MOD, OP_NZ, OP_LT, OP_AND, OP_OR };

struct loc { int kind, reg, shift, size, off; };
struct constraint { struct loc dst, src; int op; uint64_t value, modulus, bias; };

struct tmpl {
    char line[512], name[512];
    uint8_t code[64];
    int len, n, fpu, mxcsr_mode, fcw_rand, depth, df_rand, mmx, ncon;
    struct constraint con[MAX_CONSTRAINTS];
};

static const char *const REG64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const REG32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const REG16[16] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const REG8[20] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "harness: %s: %s\n", what, detail);
    exit(2);
}

static int parse_loc(const char *s, struct loc *l)
{
    memset(l, 0, sizeof *l);
    for (int r = 0; r < 20; r++) {
        const char *names[4] = {r < 16 ? REG64[r] : "", r < 16 ? REG32[r] : "",
                                r < 16 ? REG16[r] : "", REG8[r]};
        for (int k = 0; k < 4; k++) {
            if (strcmp(s, names[k]) == 0) {
                l->kind = L_GPR;
                l->size = 8 >> k;
                l->reg = r < 16 ? r : r - 16;
                l->shift = r < 16 ? 0 : 8;
                return 1;
            }
        }
    }
    if (strncmp(s, "mm", 2) == 0 && s[2] >= '0' && s[2] <= '7' && s[3] == 0) {
        l->kind = L_MM;
        l->reg = s[2] - '0';
        l->size = 8;
        return 1;
    }
    if (s[0] == 'm' && strchr(s, '@')) {
        l->kind = L_MEM;
        l->size = atoi(s + 1) / 8;
        l->off = (int)strtol(strchr(s, '@') + 1, NULL, 0);
        return 1;
    }
    if (strncmp(s, "xmm", 3) == 0) {
        l->kind = L_XMM;
        l->reg = atoi(s + 3);
        l->size = 8;
        return 1;
    }
    if (strcmp(s, "mxcsr") == 0) {
        l->kind = L_MXCSR;
        l->size = 4;
        return 1;
    }
    if (strcmp(s, "fcw") == 0) {
        l->kind = L_FCW;
        l->size = 2;
        return 1;
    }
    return 0;
}

static uint64_t parse_value(const char *s)
{
    if (strncmp(s, "ptr", 3) == 0)
        return PTR + (uint64_t)strtoll(s + 3, NULL, 0);
    if (s[0] == '-')
        return (uint64_t)strtoll(s, NULL, 0);
    return strtoull(s, NULL, 0);
}

static void parse_constraint(struct tmpl *t, char *tok)
{
    static const struct { const char *sym; int op; } OPS[] = {
        {"!=", OP_NZ}, {"%", OP_MOD}, {"<", OP_LT}, {"&", OP_AND}, {"|", OP_OR}, {"=", OP_SET}};
    if (t->ncon == MAX_CONSTRAINTS)
        die("too many constraints", t->name);
    struct constraint *c = &t->con[t->ncon++];
    for (unsigned k = 0; k < sizeof OPS / sizeof OPS[0]; k++) {
        char *p = strstr(tok, OPS[k].sym);
        if (!p)
            continue;
        *p = 0;
        char *rhs = p + strlen(OPS[k].sym);
        if (!parse_loc(tok, &c->dst))
            die("bad location", tok);
        c->op = OPS[k].op;
        if (c->op == OP_MOD) {
            char *plus = strchr(rhs, '+');
            c->modulus = strtoull(rhs, NULL, 0);
            c->bias = plus ? (uint64_t)strtoll(plus + 1, NULL, 0) : 0;
        } else if (c->op == OP_LT) {
            if (!parse_loc(rhs, &c->src))
                die("bad location", rhs);
        } else if (c->op == OP_SET && strncmp(rhs, "sx:", 3) == 0) {
            c->op = OP_SX;
            if (!parse_loc(rhs + 3, &c->src))
                die("bad location", rhs);
        } else if (c->op == OP_SET && parse_loc(rhs, &c->src)) {
            c->op = OP_COPY;
        } else {
            c->value = parse_value(rhs);
        }
        return;
    }
    die("unknown option", tok);
}

static void parse_options(struct tmpl *t, char *opts)
{
    t->n = 160;
    t->depth = -1;
    for (char *tok = strtok(opts, " "); tok; tok = strtok(NULL, " ")) {
        if (strncmp(tok, "n=", 2) == 0)
            t->n = atoi(tok + 2);
        else if (strcmp(tok, "fpu") == 0)
            t->fpu = 1;
        else if (strcmp(tok, "mxcsr=rand") == 0)
            t->mxcsr_mode = 1;
        else if (strcmp(tok, "mxcsr=unmasked") == 0)
            t->mxcsr_mode = 2;
        else if (strcmp(tok, "fcw=rand") == 0)
            t->fcw_rand = 1;
        else if (strncmp(tok, "st=", 3) == 0)
            t->depth = atoi(tok + 3);
        else if (strcmp(tok, "df=rand") == 0)
            t->df_rand = 1;
        else if (strcmp(tok, "mmx") == 0)
            t->mmx = 1;
        else if (strcmp(tok, "ulp") == 0 || strcmp(tok, "approx") == 0
                 || strcmp(tok, "vendor") == 0
                 || strncmp(tok, "fsw=", 4) == 0)
            continue; /* replay-side comparison options */
        else
            parse_constraint(t, tok);
    }
}

static int parse_template(char *line, struct tmpl *t)
{
    memset(t, 0, sizeof *t);
    line[strcspn(line, "\r\n")] = 0;
    if (line[0] == '#' || line[0] == 0)
        return 0;
    snprintf(t->line, sizeof t->line, "%s", line);
    char *f[4] = {line, NULL, NULL, ""};
    for (int k = 1; k < 4; k++) {
        char *tab = strchr(f[k - 1], '\t');
        if (!tab) {
            if (k < 3)
                die("template needs name, bytes and flags", t->line);
            break;
        }
        *tab = 0;
        f[k] = tab + 1;
    }
    snprintf(t->name, sizeof t->name, "%s", f[0]);
    t->len = (int)strlen(f[1]) / 2;
    for (int k = 0; k < t->len; k++) {
        unsigned v;
        sscanf(f[1] + 2 * k, "%2x", &v);
        t->code[k] = (uint8_t)v;
    }
    parse_options(t, f[3]);
    return 1;
}

/* ------------------------------------------------------------------ one vector's state */

struct state {
    uint64_t gpr[16], rflags, xmm[32];
    uint8_t win[WIN_SIZE];
    struct f80 st[8];
    uint32_t mxcsr;
    uint16_t fcw, fsw;
    int top, depth;
};

static uint64_t size_mask(int size)
{
    return size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

static uint64_t loc_read(const struct state *s, const struct loc *l)
{
    uint64_t v = 0;
    switch (l->kind) {
    case L_GPR: v = s->gpr[l->reg] >> l->shift; break;
    case L_MEM: memcpy(&v, s->win + (PTR - DATA - WIN_OFF) + l->off, (size_t)l->size); break;
    case L_XMM: v = s->xmm[2 * l->reg]; break;
    case L_MXCSR: v = s->mxcsr; break;
    case L_MM: v = s->st[(l->reg - s->top) & 7].sig; break;
    default: v = s->fcw; break;
    }
    return v & size_mask(l->size);
}

static void loc_write(struct state *s, const struct loc *l, uint64_t v)
{
    uint64_t m = size_mask(l->size);
    v &= m;
    switch (l->kind) {
    case L_GPR:
        s->gpr[l->reg] = (s->gpr[l->reg] & ~(m << l->shift)) | (v << l->shift);
        break;
    case L_MEM: memcpy(s->win + (PTR - DATA - WIN_OFF) + l->off, &v, (size_t)l->size); break;
    case L_XMM: s->xmm[2 * l->reg] = v; break;
    case L_MXCSR: s->mxcsr = (uint32_t)v; break;
    case L_MM: s->st[(l->reg - s->top) & 7].sig = v; break;
    default: s->fcw = (uint16_t)v; break;
    }
}

static void apply(struct state *s, const struct constraint *c)
{
    uint64_t v = loc_read(s, &c->dst);
    switch (c->op) {
    case OP_SET: v = c->value; break;
    case OP_COPY: v = loc_read(s, &c->src); break;
    case OP_SX: {
        uint64_t src = loc_read(s, &c->src);
        v = (src >> (8 * c->src.size - 1)) & 1 ? ~0ULL : 0;
        break;
    }
    case OP_MOD: v = v % c->modulus + c->bias; break;
    case OP_NZ: v = v ? v : 1; break;
    case OP_LT: {
        uint64_t d = loc_read(s, &c->src);
        v = d ? v % d : v;
        break;
    }
    case OP_AND: v &= c->value; break;
    default: v |= c->value; break;
    }
    loc_write(s, &c->dst, v);
}

static void make_inputs(const struct tmpl *t, uint64_t seed, uint32_t vec, struct state *s)
{
    rng = seed ^ fnv1a64(t->name) ^ (vec * 0xD1B54A32D192ED03ULL);
    for (int r = 0; r < 16; r++) {
        uint64_t a = next();
        s->gpr[r] = rand_int(a, next());
    }
    s->rflags = (next() & 0x8D5) | 0x202;
    for (int k = 0; k < WIN_WORDS; k++) {
        uint64_t a = next();
        uint64_t v = rand_int(a, next());
        memcpy(s->win + 8 * k, &v, 8);
    }
    for (int k = 0; k < 32; k++) {
        uint64_t a = next();
        s->xmm[k] = rand_half(a, next());
    }
    for (int k = 0; k < 8; k++) {
        uint64_t a = next();
        s->st[k] = rand_f80(a, next());
    }
    uint64_t x = next(), y = next(), z = next(), w = next();
    s->top = (int)(x & 7);
    s->depth = t->depth >= 0 ? t->depth : (int)((x >> 3) % 6) + 2;
    s->fsw = (uint16_t)((s->top << 11) | ((x >> 8) & 0x4700));
    static const int PC[4] = {0, 2, 3, 3};
    s->fcw = t->fcw_rand ? (uint16_t)(0x7F | (PC[y & 3] << 8) | (((y >> 2) & 3) << 10)) : 0x37F;
    s->mxcsr = 0x1F80;
    if (t->mxcsr_mode)
        s->mxcsr |= (uint32_t)(((z & 3) << 13) | (((z >> 2) & 1) << 15) | (((z >> 3) & 1) << 6));
    if (t->mxcsr_mode == 2)
        s->mxcsr = (s->mxcsr & ~0x1F80U) | (uint32_t)(((z >> 4) & 0x3F) << 7);
    if (t->df_rand)
        s->rflags |= (w & 1) << 10;
    /* MMn is the significand of physical register n, which is ST((n - TOP) mod 8). */
    for (int n = 0; t->mmx && n < 8; n++) {
        uint64_t a = next();
        s->st[(n - s->top) & 7].sig = rand_int(a, next());
    }
    s->gpr[4] = STACK;
    for (int k = 0; k < t->ncon; k++)
        apply(s, &t->con[k]);
}

/* The FXSAVE image of a state: x87 environment, ST(0)-ST(7), MXCSR, XMM0-XMM15. */
static void make_fx(const struct state *s, uint8_t *fx)
{
    memset(fx, 0, 512);
    memcpy(fx, &s->fcw, 2);
    memcpy(fx + 2, &s->fsw, 2);
    uint8_t ftw = 0;
    for (int i = 0; i < s->depth && i < 8; i++)
        ftw |= (uint8_t)(1 << ((s->top + i) & 7));
    fx[4] = ftw;
    memcpy(fx + 24, &s->mxcsr, 4);
    for (int i = 0; i < 8; i++) {
        memcpy(fx + 32 + 16 * i, &s->st[i].sig, 8);
        memcpy(fx + 40 + 16 * i, &s->st[i].se, 2);
    }
    memcpy(fx + 160, s->xmm, 256);
}

/* Bytes of each FXSAVE word that are compared (FOP, FIP, FDP and reserved bytes are not). */
static uint64_t fx_word_mask(int k)
{
    if (k == 0)
        return 0xFFFFFFFFFFULL;
    if (k == 1 || k == 2)
        return 0;
    if (k == 3)
        return 0xFFFFFFFFULL;
    if (k < 20)
        return (k & 1) ? 0xFFFF : ~0ULL;
    return ~0ULL;
}

/* ------------------------------------------------------------------ running and recording */

static sigjmp_buf fault_jmp;
static volatile int fault_vector, fault_rip_off;
static uint8_t *data;
static uint8_t *code;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    uint64_t rip = (uint64_t)g[REG_RIP];
    if (rip < CODE || rip >= CODE + 4096) {
        static const char msg[] = "harness: fault outside the code page\n";
        (void)!write(2, msg, sizeof msg - 1);
        _exit(3);
    }
    static const int ORDER[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
        REG_RSI, REG_RDI, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int r = 0; r < 16; r++)
        oracle_out_gpr[r] = (uint64_t)g[ORDER[r]];
    oracle_out_rflags = (uint64_t)g[REG_EFL];
    memcpy(oracle_out_fx, uc->uc_mcontext.fpregs, 512);
    fault_vector = (int)g[REG_TRAPNO];
    fault_rip_off = (int)(rip - CODE);
    siglongjmp(fault_jmp, 1);
}

static void setup_machine(void)
{
    code = mmap((void *)CODE, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    data = mmap((void *)DATA, DATA_SIZE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (code != (void *)CODE || data != (void *)DATA)
        die("cannot map the fixed code and data addresses", "0x10000000 / 0x20000000");
    static uint8_t altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
}

static void place_code(const struct tmpl *t)
{
    memset(code, 0xCC, 4096);
    memcpy(code, t->code, (size_t)t->len);
    /* jmp qword ptr [rip+0], then the absolute address of oracle_return */
    static const uint8_t JMP[6] = {0xFF, 0x25, 0, 0, 0, 0};
    memcpy(code + t->len, JMP, 6);
    uint64_t back = (uint64_t)oracle_return;
    memcpy(code + t->len + 6, &back, 8);
}

/* Runs one vector; returns the fault vector or NO_FAULT. */
static int run_native(const struct state *s)
{
    memcpy(oracle_in_gpr, s->gpr, sizeof oracle_in_gpr);
    oracle_in_rflags = s->rflags;
    make_fx(s, oracle_in_fx);
    memcpy(data + WIN_OFF, s->win, WIN_SIZE);
    if (sigsetjmp(fault_jmp, 1)) {
        /* The handler ran with a fresh FPU state; make sure the host's defaults are back. */
        unsigned m = 0x1F80;
        __asm__ volatile("fninit; ldmxcsr %0" : : "m"(m));
        return fault_vector;
    }
    oracle_enter();
    return NO_FAULT;
}

static void put(FILE *f, const void *p, size_t n)
{
    if (fwrite(p, 1, n, f) != n)
        die("write failed", "output");
}

static void check_outside_window(const struct tmpl *t)
{
    for (int k = 0; k < DATA_SIZE; k++) {
        if ((k < WIN_OFF || k >= WIN_OFF + WIN_SIZE) && data[k] != 0) {
            fprintf(stderr, "harness: %s wrote outside the data window (offset 0x%x)\n",
                    t->name, k);
            exit(2);
        }
    }
}

static void record(FILE *f, const struct tmpl *t, const struct state *s, int vector)
{
    uint8_t v = (uint8_t)vector;
    put(f, &v, 1);
    if (vector != NO_FAULT) {
        uint16_t off = (uint16_t)fault_rip_off;
        put(f, &off, 2);
    }
    uint16_t gmask = 0;
    for (int r = 0; r < 16; r++)
        if (oracle_out_gpr[r] != s->gpr[r])
            gmask |= (uint16_t)(1 << r);
    put(f, &gmask, 2);
    for (int r = 0; r < 16; r++)
        if (gmask & (1 << r))
            put(f, &oracle_out_gpr[r], 8);
    uint32_t fl = (uint32_t)(oracle_out_rflags & ~0x10000ULL);
    put(f, &fl, 4);
    uint64_t wmask[2] = {0, 0};
    for (int k = 0; k < WIN_WORDS; k++)
        if (memcmp(data + WIN_OFF + 8 * k, s->win + 8 * k, 8) != 0)
            wmask[k >> 6] |= 1ULL << (k & 63);
    put(f, wmask, 16);
    for (int k = 0; k < WIN_WORDS; k++)
        if (wmask[k >> 6] >> (k & 63) & 1)
            put(f, data + WIN_OFF + 8 * k, 8);
    if (!t->fpu)
        return;
    uint64_t fmask = 0, in[FX_WORDS], out[FX_WORDS];
    memcpy(in, oracle_in_fx, sizeof in);
    memcpy(out, oracle_out_fx, sizeof out);
    for (int k = 0; k < FX_WORDS; k++) {
        in[k] &= fx_word_mask(k);
        out[k] &= fx_word_mask(k);
        if (in[k] != out[k])
            fmask |= 1ULL << k;
    }
    put(f, &fmask, 8);
    for (int k = 0; k < FX_WORDS; k++)
        if (fmask >> k & 1)
            put(f, &out[k], 8);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: harness TEMPLATES OUT SEED [PERCENT [NAME_SUBSTRING]]\n");
        return 2;
    }
    uint64_t seed = strtoull(argv[3], NULL, 0);
    int percent = argc > 4 ? atoi(argv[4]) : 100;
    const char *filter = argc > 5 ? argv[5] : "";
    FILE *in = fopen(argv[1], "r");
    FILE *out = fopen(argv[2], "wb");
    if (!in || !out)
        die("cannot open", !in ? argv[1] : argv[2]);
    static struct tmpl tm[4096];
    int count = 0;
    char line[512];
    while (fgets(line, sizeof line, in))
        if (count < 4096 && parse_template(line, &tm[count]) && strstr(tm[count].name, filter))
            count++;
    setup_machine();
    put(out, "SVORACL1", 8);
    put(out, &seed, 8);
    put(out, &count, 4);
    long total = 0, faults = 0;
    for (int k = 0; k < count; k++) {
        struct tmpl *t = &tm[k];
        uint32_t n = (uint32_t)(t->n * percent / 100);
        n = n ? n : 1;
        uint16_t len = (uint16_t)strlen(t->name);
        uint32_t hash = fnv1a32(t->line);
        put(out, &len, 2);
        put(out, t->name, len);
        put(out, &hash, 4);
        put(out, &n, 4);
        place_code(t);
        for (uint32_t v = 0; v < n; v++) {
            struct state s;
            make_inputs(t, seed, v, &s);
            int vector = run_native(&s);
            record(out, t, &s, vector);
            faults += vector != NO_FAULT;
        }
        memset(data + WIN_OFF, 0, WIN_SIZE);
        check_outside_window(t);
        total += n;
    }
    fclose(out);
    fprintf(stderr, "harness: %d templates, %ld vectors, %ld faulted\n", count, total, faults);
    return 0;
}
