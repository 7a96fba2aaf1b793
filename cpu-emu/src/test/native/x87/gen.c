/*
 * Golden-data generator for dev.splitvisor.cpu.x87: runs x87 instructions on the host CPU and
 * prints one line per vector:  op fcw in1 in2 out1 out2 fsw  (hex, "-" when unused).
 * 80-bit values are printed as 4 hex digits of sign/exponent then 16 of significand.
 * All exceptions are masked (FCW bits 0-5 set); the fixed seed makes the output reproducible.
 * Build and run through gen.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct __attribute__((packed)) { uint64_t m; uint16_t se; } f80;

static uint64_t seed = 0x5eed0f87c0ffee11ULL;

static uint64_t rnd(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}

static int rndn(int n) { return (int)(rnd() % (uint64_t)n); }

static f80 mk(uint16_t se, uint64_t m) { f80 v; v.se = se; v.m = m; return v; }

/* Significands that exercise exact results, ties and carries as well as random bits. */
static uint64_t rnd_sig(void) {
    int k = rndn(10);
    if (k < 6) return rnd() | (1ULL << 63);
    if (k < 9) return (rnd() | (1ULL << 63)) & ~((1ULL << rndn(64)) - 1) & ~0ULL;
    return ~0ULL << rndn(40);
}

static f80 special(void) {
    uint16_t s = rndn(2) ? 0x8000 : 0;
    switch (rndn(13)) {
    case 0: return mk(s, 0);
    case 1: return mk(s | 0x7fff, 1ULL << 63);
    case 2: return mk(s | 0x7fff, 0xc000000000000000ULL | (rnd() >> 2 & -(uint64_t)rndn(2)));
    case 3: return mk(s | 0x7fff, 0x8000000000000000ULL | ((rnd() >> 2) | 1));
    case 4: case 5: return mk(s, rnd() >> (1 + rndn(63)));
    case 6: return mk(s | 0x7ffe, ~0ULL);
    case 7: return mk(s | 1, 1ULL << 63);
    case 8: return mk(s | 0x3fff, 1ULL << 63);
    case 9: return mk(s, (1ULL << 63) | (rnd() >> 1));          /* pseudo-denormal */
    case 10: return mk(s | (1 + rndn(0x7ffe)), rnd() >> 1);     /* unnormal */
    case 11: return mk(s | 1, rnd() | (1ULL << 63));
    default: return mk(s | (uint16_t)(1 + rndn(3)), rnd_sig());
    }
}

/* A finite or special operand; exp_lo..exp_hi bounds the usual biased exponent. */
static f80 rnd_f80(int exp_lo, int exp_hi, int special_pct) {
    if (rndn(100) < special_pct) return special();
    uint16_t s = rndn(2) ? 0x8000 : 0;
    int k = rndn(10), e;
    if (k < 7) e = exp_lo + rndn(exp_hi - exp_lo + 1);
    else if (k < 8) e = 1 + rndn(0x7ffe);
    else if (k < 9) e = 1 + rndn(70);
    else e = 0x7ffe - rndn(70);
    return mk(s | (uint16_t)e, rnd_sig());
}

static f80 near_exp(f80 a) {
    f80 b = rnd_f80(0x3fff - 20, 0x3fff + 20, 6);
    int e = a.se & 0x7fff;
    if (rndn(2) && e > 4 && e < 0x7ffb) {
        int eb = e + rndn(7) - 3;
        if (rndn(4) == 0) eb = e + rndn(140) - 70;
        if (eb < 1) eb = 1;
        if (eb > 0x7ffe) eb = 0x7ffe;
        b.se = (uint16_t)((rndn(2) ? 0x8000 : 0) | eb);
        b.m = rndn(3) ? rnd_sig() : a.m ^ (rnd() >> rndn(64) >> 1);
        b.m |= 1ULL << 63;
    }
    return b;
}

#define BIN(name, bytes)                                                          \
    static uint16_t name(uint16_t cw, f80 *a, f80 *b, f80 *r0, f80 *r1) {       \
        uint16_t sw;                                                              \
        __asm__ volatile("fninit; fldcw %[cw]; fldt %[b]; fldt %[a]; .byte " bytes \
                         "; fnstsw %[sw]; fstpt %[r0]; fstpt %[r1]; fninit"       \
                         : [sw] "=m"(sw), [r0] "=m"(*r0), [r1] "=m"(*r1)         \
                         : [cw] "m"(cw), [a] "m"(*a), [b] "m"(*b));               \
        return sw;                                                                \
    }

#define UN(name, bytes)                                                           \
    static uint16_t name(uint16_t cw, f80 *a, f80 *b, f80 *r0, f80 *r1) {       \
        uint16_t sw; (void)b;                                                     \
        __asm__ volatile("fninit; fldcw %[cw]; fldt %[a]; .byte " bytes           \
                         "; fnstsw %[sw]; fstpt %[r0]; fstpt %[r1]; fninit"       \
                         : [sw] "=m"(sw), [r0] "=m"(*r0), [r1] "=m"(*r1)         \
                         : [cw] "m"(cw), [a] "m"(*a));                            \
        return sw;                                                                \
    }

BIN(op_fadd, "0xd8,0xc1") BIN(op_fsub, "0xd8,0xe1") BIN(op_fmul, "0xd8,0xc9")
BIN(op_fdiv, "0xd8,0xf1") BIN(op_fprem, "0xd9,0xf8") BIN(op_fprem1, "0xd9,0xf5")
BIN(op_fscale, "0xd9,0xfd") BIN(op_fpatan, "0xd9,0xf3") BIN(op_fyl2x, "0xd9,0xf1")
BIN(op_fyl2xp1, "0xd9,0xf9") BIN(op_fcom, "0xd8,0xd1") BIN(op_fucom, "0xdd,0xe1")
UN(op_fsqrt, "0xd9,0xfa") UN(op_frndint, "0xd9,0xfc") UN(op_fxtract, "0xd9,0xf4")
UN(op_fabs, "0xd9,0xe1") UN(op_fchs, "0xd9,0xe0") UN(op_fxam, "0xd9,0xe5")
UN(op_ftst, "0xd9,0xe4") UN(op_fsin, "0xd9,0xfe") UN(op_fcos, "0xd9,0xff")
UN(op_fsincos, "0xd9,0xfb") UN(op_fptan, "0xd9,0xf2") UN(op_f2xm1, "0xd9,0xf0")

/*
 * Unmasked overflow/underflow: FNSAVE (which does not wait, so no #MF is taken) captures ST0
 * with the re-biased exponent the hardware delivers, then reinitializes the FPU.
 */
#define BINU(name, bytes)                                                         \
    static uint16_t name(uint16_t cw, f80 *a, f80 *b, f80 *r0, f80 *r1) {       \
        uint16_t sw; unsigned char img[108]; (void)r1;                            \
        __asm__ volatile("fninit; fldcw %[cw]; fldt %[b]; fldt %[a]; .byte " bytes \
                         "; fnstsw %[sw]; fnsave %[img]; fninit"                  \
                         : [sw] "=m"(sw), [img] "=m"(img)                         \
                         : [cw] "m"(cw), [a] "m"(*a), [b] "m"(*b));               \
        memcpy(r0, img + 28, 10);                                                 \
        return sw;                                                                \
    }

BINU(opu_fmul, "0xd8,0xc9") BINU(opu_fdiv, "0xd8,0xf1") BINU(opu_fscale, "0xd9,0xfd")

typedef uint16_t (*regop)(uint16_t, f80 *, f80 *, f80 *, f80 *);

static void pf80(const f80 *v) { printf(" %04x%016llx", v->se, (unsigned long long)v->m); }

static int unmask_bits;   /* FCW mask bits cleared for the unmasked-exception runs */

static uint16_t cw_of(int rc, int pc) {
    return (uint16_t)((0x7f & ~unmask_bits) | pc << 8 | rc << 10);
}

/* outs: 0 = none (flags only), 1 = ST0, 2 = ST0 and ST1. */
static void run_reg(const char *name, regop f, int outs, int binary, int n, int all_pc,
                    int lo, int hi, int sp, int lo2, int hi2) {
    static const int pcs[3] = {0, 2, 3};
    for (int i = 0; i < n; i++) {
        f80 a = rnd_f80(lo, hi, sp);
        f80 b = binary ? (lo2 ? rnd_f80(lo2, hi2, sp) : near_exp(a)) : mk(0, 0);
        for (int rc = 0; rc < 4; rc++) {
            for (int p = all_pc ? 0 : 2; p < 3; p++) {
                f80 r0, r1;
                uint16_t cw = cw_of(rc, pcs[p]);
                uint16_t sw = f(cw, &a, &b, &r0, &r1);
                printf("%s %04x", name, cw);
                pf80(&a);
                if (binary) pf80(&b); else printf(" -");
                if (outs >= 1) pf80(&r0); else printf(" -");
                if (outs >= 2) pf80(&r1); else printf(" -");
                printf(" %04x\n", sw);
            }
        }
    }
}

static void constants(void) {
    for (int rc = 0; rc < 4; rc++) {
        uint16_t cw = cw_of(rc, 3), sw;
        f80 r[7];
        __asm__ volatile("fninit; fldcw %[cw]; fld1; fstpt %[r0]; fldl2t; fstpt %[r1];"
                         "fldl2e; fstpt %[r2]; fldpi; fstpt %[r3]; fldlg2; fstpt %[r4];"
                         "fldln2; fstpt %[r5]; fldz; fnstsw %[sw]; fstpt %[r6]; fninit"
                         : [r0] "=m"(r[0]), [r1] "=m"(r[1]), [r2] "=m"(r[2]),
                           [r3] "=m"(r[3]), [r4] "=m"(r[4]), [r5] "=m"(r[5]),
                           [r6] "=m"(r[6]), [sw] "=m"(sw)
                         : [cw] "m"(cw));
        static const char *names[7] = {"fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2",
                                       "fldln2", "fldz"};
        for (int i = 0; i < 7; i++) {
            printf("%s %04x - -", names[i], cw);
            pf80(&r[i]);
            printf(" - %04x\n", sw);
        }
    }
}

/* Memory-format conversions: loads print the raw integer input, stores print the raw output. */
#define LOADOP(name, T, insn)                                                     \
    static uint16_t name(uint16_t cw, T *m, f80 *r) {                             \
        uint16_t sw;                                                              \
        __asm__ volatile("fninit; fldcw %[cw]; " insn " %[m]; fnstsw %[sw]; fstpt %[r]; fninit" \
                         : [sw] "=m"(sw), [r] "=m"(*r) : [cw] "m"(cw), [m] "m"(*m)); \
        return sw;                                                                \
    }
#define STOREOP(name, T, insn)                                                    \
    static uint16_t name(uint16_t cw, f80 *a, T *m) {                             \
        uint16_t sw;                                                              \
        __asm__ volatile("fninit; fldcw %[cw]; fldt %[a]; " insn " %[m]; fnstsw %[sw]; fninit" \
                         : [sw] "=m"(sw), [m] "=m"(*m) : [cw] "m"(cw), [a] "m"(*a)); \
        return sw;                                                                \
    }

typedef struct __attribute__((packed)) { uint64_t lo; uint16_t hi; } bcd80;

LOADOP(ld32, uint32_t, "flds") LOADOP(ld64, uint64_t, "fldl") LOADOP(ild16, uint16_t, "filds")
LOADOP(ild32, uint32_t, "fildl") LOADOP(ild64, uint64_t, "fildll") LOADOP(bld, bcd80, "fbld")
STOREOP(st32, uint32_t, "fstps") STOREOP(st64, uint64_t, "fstpl")
STOREOP(ist16, uint16_t, "fistps") STOREOP(ist32, uint32_t, "fistpl")
STOREOP(ist64, uint64_t, "fistpll") STOREOP(itt16, uint16_t, "fisttps")
STOREOP(itt32, uint32_t, "fisttpl") STOREOP(itt64, uint64_t, "fisttpll")
STOREOP(bstp, bcd80, "fbstp")

static uint32_t rnd_f32(void) {
    switch (rndn(8)) {
    case 0: return (uint32_t)rnd() & 0x807fffffu;                  /* zero/denormal */
    case 1: return ((uint32_t)rnd() & 0x807fffffu) | 0x7f800000u;  /* inf/NaN */
    default: return (uint32_t)rnd();
    }
}

static uint64_t rnd_f64(void) {
    switch (rndn(8)) {
    case 0: return rnd() & 0x800fffffffffffffULL >> rndn(52);
    case 1: return (rnd() & 0x800fffffffffffffULL) | 0x7ff0000000000000ULL;
    default: return rnd();
    }
}

static uint64_t rnd_int(int bits) {
    uint64_t v = rnd() >> rndn(bits);
    if (rndn(10) == 0) v = 1ULL << (bits - 1);
    return rndn(2) ? v : -v;
}

static bcd80 rnd_bcd(void) {
    bcd80 b = {0, 0};
    int digits = 1 + rndn(18);
    for (int i = 0; i < digits; i++) b.lo |= (uint64_t)rndn(10) << (4 * i);
    if (digits > 16) b.hi = (uint16_t)((rndn(10) << 4 | rndn(10)) & (digits == 17 ? 0x0f : 0xff));
    if (rndn(2)) b.hi |= 0x8000;
    return b;
}

/* Values near the integer ranges, the BCD limit and half-integers, for FIST and FBSTP. */
static f80 rnd_int_operand(int bits) {
    int k = rndn(10);
    if (k < 2) return rnd_f80(0x3fff - 3, 0x3fff + 4, 30);
    if (k < 4) return rnd_f80(0x3fff + bits - 3, 0x3fff + bits, 10);
    f80 v = rnd_f80(0x3fff, 0x3fff + bits - 1, 5);
    if (k < 6 && (v.se & 0x7fff) > 0x3fff && (v.se & 0x7fff) < 0x3fff + 62) {
        int frac = 63 - ((v.se & 0x7fff) - 0x3fff);
        v.m &= ~((1ULL << frac) - 1);
        v.m |= 1ULL << (frac - 1);                                     /* exact .5 */
    }
    return v;
}

static void out_load(const char *name, uint16_t cw, const char *in, f80 *r, uint16_t sw) {
    printf("%s %04x %s -", name, cw, in);
    pf80(r);
    printf(" - %04x\n", sw);
}

static void out_store(const char *name, uint16_t cw, f80 *a, const char *out, uint16_t sw) {
    printf("%s %04x", name, cw);
    pf80(a);
    printf(" - %s - %04x\n", out, sw);
}

static void run_convert(int n) {
    char in[40];
    for (int i = 0; i < n; i++) {
        f80 r;
        uint32_t u32 = rnd_f32(); uint64_t u64 = rnd_f64();
        uint16_t i16 = (uint16_t)rnd_int(16); uint32_t i32 = (uint32_t)rnd_int(32);
        uint64_t i64 = rnd_int(64); bcd80 bc = rnd_bcd();
        uint16_t cw = cw_of(0, 3), sw;
        sw = ld32(cw, &u32, &r); snprintf(in, sizeof in, "%08x", u32);
        out_load("fld32", cw, in, &r, sw);
        sw = ld64(cw, &u64, &r); snprintf(in, sizeof in, "%016llx", (unsigned long long)u64);
        out_load("fld64", cw, in, &r, sw);
        sw = ild16(cw, &i16, &r); snprintf(in, sizeof in, "%04x", i16);
        out_load("fild16", cw, in, &r, sw);
        sw = ild32(cw, &i32, &r); snprintf(in, sizeof in, "%08x", i32);
        out_load("fild32", cw, in, &r, sw);
        sw = ild64(cw, &i64, &r); snprintf(in, sizeof in, "%016llx", (unsigned long long)i64);
        out_load("fild64", cw, in, &r, sw);
        sw = bld(cw, &bc, &r);
        snprintf(in, sizeof in, "%04x%016llx", bc.hi, (unsigned long long)bc.lo);
        out_load("fbld", cw, in, &r, sw);
    }
}

static void store_ints(uint16_t cw, f80 *ai, int truncate) {
    char out[40]; uint16_t o16, sw; uint32_t o32; uint64_t o64;
    sw = truncate ? itt16(cw, &ai[0], &o16) : ist16(cw, &ai[0], &o16);
    snprintf(out, sizeof out, "%04x", o16);
    out_store(truncate ? "fisttp16" : "fist16", cw, &ai[0], out, sw);
    sw = truncate ? itt32(cw, &ai[1], &o32) : ist32(cw, &ai[1], &o32);
    snprintf(out, sizeof out, "%08x", o32);
    out_store(truncate ? "fisttp32" : "fist32", cw, &ai[1], out, sw);
    sw = truncate ? itt64(cw, &ai[2], &o64) : ist64(cw, &ai[2], &o64);
    snprintf(out, sizeof out, "%016llx", (unsigned long long)o64);
    out_store(truncate ? "fisttp64" : "fist64", cw, &ai[2], out, sw);
}

static void run_store(int n) {
    char out[40];
    for (int i = 0; i < n; i++) {
        f80 a32 = rnd_f80(0x3fff - 140, 0x3fff + 130, 15);
        f80 a64 = rnd_f80(0x3fff - 1080, 0x3fff + 1030, 15);
        f80 ai[3] = {rnd_int_operand(16), rnd_int_operand(32), rnd_int_operand(64)};
        f80 ab = rnd_int_operand(60);
        for (int rc = 0; rc < 4; rc++) {
            uint16_t cw = cw_of(rc, 3), sw;
            uint32_t o32; uint64_t o64; bcd80 ob;
            sw = st32(cw, &a32, &o32); snprintf(out, sizeof out, "%08x", o32);
            out_store("fst32", cw, &a32, out, sw);
            sw = st64(cw, &a64, &o64);
            snprintf(out, sizeof out, "%016llx", (unsigned long long)o64);
            out_store("fst64", cw, &a64, out, sw);
            store_ints(cw, ai, 0);
            sw = bstp(cw, &ab, &ob);
            snprintf(out, sizeof out, "%04x%016llx", ob.hi, (unsigned long long)ob.lo);
            out_store("fbstp", cw, &ab, out, sw);
            if (rc == 0) store_ints(cw, ai, 1);
        }
    }
}

/* FXSAVE64 and FNSAVE images of a stack holding one value of every tag class. */
static void images(void) {
    static unsigned char fx[512] __attribute__((aligned(16)));
    unsigned char fs[108];
    f80 v[5] = {mk(0x0000, 0x00000000deadbeefULL), mk(0x3fff, 1ULL << 63), mk(0x8000, 0),
                mk(0x7fff, 1ULL << 63), mk(0xffff, 0xc000000000000001ULL)};
    uint16_t cw = 0x0b7f;
    memset(fx, 0, sizeof fx);
    memset(fs, 0, sizeof fs);
    __asm__ volatile("fninit; fldcw %[cw]; fldt %[a]; fldt %[b]; fldt %[c]; fldt %[d]; fldt %[e];"
                     "fxsave64 %[fx]; fnsave %[fs]; fninit"
                     : [fx] "=m"(fx), [fs] "=m"(fs)
                     : [cw] "m"(cw), [a] "m"(v[0]), [b] "m"(v[1]), [c] "m"(v[2]), [d] "m"(v[3]),
                       [e] "m"(v[4]));
    printf("fxsave64 %04x", cw);
    for (int i = 0; i < 5; i++) pf80(&v[i]);
    printf(" ");
    for (int i = 0; i < 160; i++) printf("%02x", fx[i]);
    printf("\nfnsave %04x", cw);
    for (int i = 0; i < 5; i++) pf80(&v[i]);
    printf(" ");
    for (int i = 0; i < 108; i++) printf("%02x", fs[i]);
    printf("\n");
}

int main(void) {
    images();
    const int B = 0x3fff;
    run_reg("fadd", op_fadd, 1, 1, 700, 1, B - 20, B + 20, 12, 0, 0);
    run_reg("fsub", op_fsub, 1, 1, 700, 1, B - 20, B + 20, 12, 0, 0);
    run_reg("fmul", op_fmul, 1, 1, 700, 1, B - 20, B + 20, 12, 0, 0);
    run_reg("fdiv", op_fdiv, 1, 1, 700, 1, B - 20, B + 20, 12, 0, 0);
    run_reg("fsqrt", op_fsqrt, 1, 0, 900, 1, B - 200, B + 200, 12, 0, 0);
    run_reg("fprem", op_fprem, 1, 1, 1200, 0, B - 20, B + 90, 10, B - 20, B + 20);
    run_reg("fprem1", op_fprem1, 1, 1, 1200, 0, B - 20, B + 90, 10, B - 20, B + 20);
    run_reg("fscale", op_fscale, 1, 1, 800, 0, B - 20, B + 20, 12, B - 2, B + 16);
    run_reg("frndint", op_frndint, 1, 0, 800, 0, B - 3, B + 66, 12, 0, 0);
    run_reg("fxtract", op_fxtract, 2, 0, 300, 0, B - 20, B + 20, 30, 0, 0);
    run_reg("fabs", op_fabs, 1, 0, 100, 0, B - 20, B + 20, 40, 0, 0);
    run_reg("fchs", op_fchs, 1, 0, 100, 0, B - 20, B + 20, 40, 0, 0);
    run_reg("fxam", op_fxam, 0, 0, 300, 0, B - 20, B + 20, 60, 0, 0);
    run_reg("ftst", op_ftst, 0, 0, 200, 0, B - 20, B + 20, 40, 0, 0);
    run_reg("fcom", op_fcom, 0, 1, 1000, 0, B - 20, B + 20, 15, 0, 0);
    run_reg("fucom", op_fucom, 0, 1, 1000, 0, B - 20, B + 20, 15, 0, 0);
    run_reg("fsin", op_fsin, 1, 0, 700, 0, B - 70, B + 70, 8, 0, 0);
    run_reg("fcos", op_fcos, 1, 0, 700, 0, B - 70, B + 70, 8, 0, 0);
    run_reg("fsincos", op_fsincos, 2, 0, 400, 0, B - 30, B + 66, 8, 0, 0);
    run_reg("fptan", op_fptan, 2, 0, 500, 0, B - 30, B + 66, 8, 0, 0);
    run_reg("f2xm1", op_f2xm1, 1, 0, 700, 0, B - 70, B - 1, 8, 0, 0);
    run_reg("fpatan", op_fpatan, 1, 1, 700, 0, B - 30, B + 30, 8, B - 30, B + 30);
    run_reg("fyl2x", op_fyl2x, 1, 1, 700, 0, B - 200, B + 200, 8, B - 20, B + 20);
    run_reg("fyl2xp1", op_fyl2xp1, 1, 1, 700, 0, B - 70, B - 3, 8, B - 20, B + 20);
    unmask_bits = 0x18;   /* OE and UE unmasked */
    run_reg("fmul_u", opu_fmul, 1, 1, 300, 1, 1, 0x7ffe, 5, 1, 0x7ffe);
    run_reg("fdiv_u", opu_fdiv, 1, 1, 300, 1, 1, 0x7ffe, 5, 1, 0x7ffe);
    run_reg("fscale_u", opu_fscale, 1, 1, 300, 0, 1, 0x7ffe, 5, B + 10, B + 15);
    unmask_bits = 0;
    constants();
    run_convert(600);
    run_store(700);
    return 0;
}
