/*
 * Golden-data generator for dev.splitvisor.cpu.sse: runs SSE floating-point instructions,
 * PCMPxSTRx and CRC32 on the host CPU and records inputs, results and MXCSR.
 * Built and run by gen.sh; the record layouts are described in SseGoldenTest.java.
 * Every run uses a fixed seed, so the output is reproducible on one CPU model.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint8_t u8;
typedef long long v2di __attribute__((vector_size(16)));

static u64 rng = 0x9E3779B97F4A7C15ull;
static u64 rnd(void) {
    rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
    return rng * 0x2545F4914F6CDD1Dull;
}
static u32 rndn(u32 n) { return (u32)((rnd() >> 11) % n); }

/* ---- interesting inputs ---- */
static u64 genfp(int dbl) {
    int fb = dbl ? 52 : 23, eb = dbl ? 11 : 8;
    int emax = (1 << eb) - 1, bias = emax >> 1;
    u64 fmask = (1ull << fb) - 1, sign = (u64)rndn(2) << (fb + eb);
    u64 frac = rnd() & fmask;
    if (rndn(4) == 0) frac &= ~((1ull << rndn(fb)) - 1);  /* short significands: ties */
    int e;
    switch (rndn(16)) {
    case 0: return sign;
    case 1: e = 0; if (rndn(3) == 0) frac >>= rndn(fb); if (!frac) frac = 1; break;
    case 2: e = 1 + rndn(3); break;
    case 3: return sign | ((u64)emax << fb);
    case 4: return sign | ((u64)emax << fb) | (1ull << (fb - 1)) | (frac & (fmask >> 1));
    case 5: frac &= fmask >> 1; if (!frac) frac = 1; return sign | ((u64)emax << fb) | frac;
    case 6: e = emax - 1 - rndn(4); break;
    case 7: e = bias + (rndn(2) ? 1 : -1) * (int)(bias / 2 + rndn(6)) ; break;
    case 8: { /* small integers and halves */
        double v = (double)((int)rndn(201) - 100) + (rndn(2) ? 0.5 : 0.0);
        if (dbl) { u64 r; memcpy(&r, &v, 8); return r; }
        float f = (float)v; u32 r; memcpy(&r, &f, 4); return r; }
    case 9: /* near the int32 and int64 conversion limits */
        e = bias + (rndn(2) ? 31 : 63) - (int)rndn(2);
        frac = rndn(2) ? (u64)rndn(4) << rndn(3) : fmask - rndn(4);
        break;
    case 10: e = bias - 2 + rndn(4); break;
    default: e = 1 + rndn(emax - 1); break;
    }
    return sign | ((u64)e << fb) | frac;
}
/* second operand, sometimes related to the first to provoke cancellation and ties */
static u64 genfp2(int dbl, u64 a) {
    u64 sbit = dbl ? 1ull << 63 : 1ull << 31;
    switch (rndn(10)) {
    case 0: return a;
    case 1: return a ^ sbit;
    case 2: return a + rndn(5) - 2;
    case 3: { /* same significand, smaller exponent: sticky and tie cases in add/sub */
        int fb = dbl ? 52 : 23, d = (int)rndn(fb + 4);
        u64 emask = dbl ? 0x7FFull : 0xFFull, e = (a >> fb) & emask;
        if (e > (u64)d + 1) return (a & ~(emask << fb)) | ((e - d) << fb);
        return a;
    }
    default: return genfp(dbl);
    }
}
/*
 * A pair whose product lies within an ulp of the smallest normal: a = (1 - k * 2^-p) * 2^-s
 * and b = 2^(emin + s) * (1 + j * 2^(1-p)). With k = 2j the product is just below 2^emin and
 * rounds up to it, which tells tininess before rounding from tininess after rounding.
 */
static void gentinypair(int dbl, u64 *a, u64 *b) {
    int fb = dbl ? 52 : 23, bias = dbl ? 1023 : 127;
    u64 k = 1 + rndn(4), j = rndn(4);
    if (rndn(2)) k = j ? 2 * j : 2;
    u64 s = rndn(20);
    u64 ea = (u64)bias - 1 - s, eb = 1 + s;
    *a = (ea << fb) | (((1ull << fb) - k) & ((1ull << fb) - 1));
    *b = (eb << fb) | j;
    if (rndn(2)) *a |= 1ull << (fb + (dbl ? 11 : 8));
    if (rndn(2)) { u64 t = *a; *a = *b; *b = t; }
}

/* A binary64 near the binary32 underflow threshold 2^-126, for CVTSD2SS. */
static u64 gennarrowtiny(void) {
    u64 e = 1023 - 127 - rndn(3);
    u64 fmask = (1ull << 52) - 1;
    u64 frac = rndn(2) ? fmask ^ (rnd() & ((1ull << (29 + rndn(3))) - 1)) : rnd() & fmask;
    return (u64)rndn(2) << 63 | e << 52 | (frac & fmask);
}

static u64 genint(int wide) {
    int bits = wide ? 64 : 32;
    u64 v;
    switch (rndn(6)) {
    case 0: v = (u64)(int64_t)((int)rndn(2001) - 1000); break;
    case 1: v = (1ull << rndn(bits - 1)) + rndn(9) - 4; if (rndn(2)) v = -v; break;
    case 2: v = (1ull << (bits - 1)) + rndn(5); if (rndn(2)) v = ~v + 1 + 2; break;
    case 3: { int s = rndn(bits); v = rnd() >> s << s; break; }
    default: v = rnd(); break;
    }
    if (!wide) v = (u64)(int64_t)(int32_t)(u32)v;
    return v;
}
static u32 genmxcsr(int allow_unmasked) {
    u32 m = 0x1F80 | (rndn(4) << 13) | (rndn(2) << 15) | (rndn(2) << 6);
    if (rndn(4) == 0) m |= rndn(64);
    if (allow_unmasked && rndn(allow_unmasked > 1 ? 2 : 8) == 0) m &= ~(rndn(64) << 7);
    return m;
}

/* ---- output ---- */
static FILE *out;
static void put(const void *p, int n) { fwrite(p, 1, n, out); }
static void put8(u32 v) { u8 b = v; put(&b, 1); }
static void put16(u32 v) { put8(v); put8(v >> 8); }
static void put32(u32 v) { put16(v); put16(v >> 16); }
static void put64(u64 v) { put32(v); put32(v >> 32); }

/* ---- fault capture ---- */
static sigjmp_buf jb;
static volatile u32 fault_mxcsr;
static void onfpe(int sig, siginfo_t *si, void *ctx) {
    (void)sig; (void)si;
    ucontext_t *uc = ctx;
    fault_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    siglongjmp(jb, 1);
}

/* Runs INSN with operands x (destination, first source) and y; r receives a GPR result. */
#define DEF 0x1F80
#define RUNX(INSN, IMM) __asm__ volatile( \
    "ldmxcsr %[mi]\n\t" INSN "\n\tstmxcsr %[mo]\n\tldmxcsr %[md]" \
    : [x] "+x"(x), [mo] "=m"(mo) : [y] "x"(y), [mi] "m"(mi), [md] "m"(md), [imm] "i"(IMM))
#define RUNG(INSN) __asm__ volatile( \
    "ldmxcsr %[mi]\n\t" INSN "\n\tstmxcsr %[mo]\n\tldmxcsr %[md]" \
    : [r] "=&r"(r), [mo] "=m"(mo) : [y] "x"(y), [mi] "m"(mi), [md] "m"(md))
#define RUNI(INSN) __asm__ volatile( \
    "ldmxcsr %[mi]\n\t" INSN "\n\tstmxcsr %[mo]\n\tldmxcsr %[md]" \
    : [x] "+x"(x), [mo] "=m"(mo) : [g] "r"(g), [mi] "m"(mi), [md] "m"(md))
#define RUNC(INSN) __asm__ volatile( \
    "ldmxcsr %[mi]\n\t" INSN "\n\tsetz %b[z]\n\tsetp %b[p]\n\tsetc %b[c]\n\t" \
    "stmxcsr %[mo]\n\tldmxcsr %[md]" \
    : [z] "=&q"(z), [p] "=&q"(p), [c] "=&q"(c), [mo] "=m"(mo) \
    : [x] "x"(x), [y] "x"(y), [mi] "m"(mi), [md] "m"(md))

#define C1(b) case (b): RUNX(INSN_IMM, (b)); break;
#define C4(b) C1(b) C1((b) + 1) C1((b) + 2) C1((b) + 3)
#define C16(b) C4(b) C4((b) + 4) C4((b) + 8) C4((b) + 12)
#define C64(b) C16(b) C16((b) + 16) C16((b) + 32) C16((b) + 48)
#define C256 C64(0) C64(64) C64(128) C64(192)

enum {
    ADDSS, SUBSS, MULSS, DIVSS, SQRTSS, MINSS, MAXSS, CMPSS, COMISS, UCOMISS,
    CVTSS2SD, CVTSS2SI, CVTSS2SI64, CVTTSS2SI, CVTTSS2SI64, CVTSI2SS, CVTSI2SS64, ROUNDSS,
    RCPSS, RSQRTSS,
    ADDSD, SUBSD, MULSD, DIVSD, SQRTSD, MINSD, MAXSD, CMPSD, COMISD, UCOMISD,
    CVTSD2SS, CVTSD2SI, CVTSD2SI64, CVTTSD2SI, CVTTSD2SI64, CVTSI2SD, CVTSI2SD64, ROUNDSD,
    ADDPS = 40, MULPS, DIVPS, DPPS, DPPD, HADDPS, ADDSUBPS, SQRTPD, MULPD, NKIND
};
#define WIDE(k) ((k) >= 40)

/* Executes one instruction; returns 1 if it faulted (mo then holds the MXCSR at the fault). */
static int exec(int k, u32 imm, u32 mi, v2di a, v2di b, v2di *res, u32 *mout) {
    volatile u32 md = DEF, mo = 0;
    v2di x = a, y = b;
    u64 r = 0;
    u64 g = (u64)a[0];
    u8 z = 0, p = 0, c = 0;
    if (sigsetjmp(jb, 1)) { *mout = fault_mxcsr; *res = (v2di){0, 0}; return 1; }
    switch (k) {
    case ADDSS: RUNX("addss %[y], %[x]", 0); break;
    case SUBSS: RUNX("subss %[y], %[x]", 0); break;
    case MULSS: RUNX("mulss %[y], %[x]", 0); break;
    case DIVSS: RUNX("divss %[y], %[x]", 0); break;
    case SQRTSS: RUNX("sqrtss %[y], %[x]", 0); break;
    case MINSS: RUNX("minss %[y], %[x]", 0); break;
    case MAXSS: RUNX("maxss %[y], %[x]", 0); break;
    case CMPSS: switch (imm & 255) {
#define INSN_IMM "cmpss %[imm], %[y], %[x]"
        C256 }
        break;
    case COMISS: RUNC("comiss %[y], %[x]"); r = z << 6 | p << 2 | c; break;
    case UCOMISS: RUNC("ucomiss %[y], %[x]"); r = z << 6 | p << 2 | c; break;
    case CVTSS2SD: RUNX("cvtss2sd %[y], %[x]", 0); break;
    case CVTSS2SI: RUNG("cvtss2si %[y], %k[r]"); r = (u32)r; break;
    case CVTSS2SI64: RUNG("cvtss2si %[y], %q[r]"); break;
    case CVTTSS2SI: RUNG("cvttss2si %[y], %k[r]"); r = (u32)r; break;
    case CVTTSS2SI64: RUNG("cvttss2si %[y], %q[r]"); break;
    case CVTSI2SS: RUNI("cvtsi2ssl %k[g], %[x]"); break;
    case CVTSI2SS64: RUNI("cvtsi2ssq %q[g], %[x]"); break;
    case ROUNDSS: switch (imm & 255) {
#undef INSN_IMM
#define INSN_IMM "roundss %[imm], %[y], %[x]"
        C256 }
        break;
    case RCPSS: RUNX("rcpss %[y], %[x]", 0); break;
    case RSQRTSS: RUNX("rsqrtss %[y], %[x]", 0); break;
    case ADDSD: RUNX("addsd %[y], %[x]", 0); break;
    case SUBSD: RUNX("subsd %[y], %[x]", 0); break;
    case MULSD: RUNX("mulsd %[y], %[x]", 0); break;
    case DIVSD: RUNX("divsd %[y], %[x]", 0); break;
    case SQRTSD: RUNX("sqrtsd %[y], %[x]", 0); break;
    case MINSD: RUNX("minsd %[y], %[x]", 0); break;
    case MAXSD: RUNX("maxsd %[y], %[x]", 0); break;
    case CMPSD: switch (imm & 255) {
#undef INSN_IMM
#define INSN_IMM "cmpsd %[imm], %[y], %[x]"
        C256 }
        break;
    case COMISD: RUNC("comisd %[y], %[x]"); r = z << 6 | p << 2 | c; break;
    case UCOMISD: RUNC("ucomisd %[y], %[x]"); r = z << 6 | p << 2 | c; break;
    case CVTSD2SS: RUNX("cvtsd2ss %[y], %[x]", 0); break;
    case CVTSD2SI: RUNG("cvtsd2si %[y], %k[r]"); r = (u32)r; break;
    case CVTSD2SI64: RUNG("cvtsd2si %[y], %q[r]"); break;
    case CVTTSD2SI: RUNG("cvttsd2si %[y], %k[r]"); r = (u32)r; break;
    case CVTTSD2SI64: RUNG("cvttsd2si %[y], %q[r]"); break;
    case CVTSI2SD: RUNI("cvtsi2sdl %k[g], %[x]"); break;
    case CVTSI2SD64: RUNI("cvtsi2sdq %q[g], %[x]"); break;
    case ROUNDSD: switch (imm & 255) {
#undef INSN_IMM
#define INSN_IMM "roundsd %[imm], %[y], %[x]"
        C256 }
        break;
    case ADDPS: RUNX("addps %[y], %[x]", 0); break;
    case MULPS: RUNX("mulps %[y], %[x]", 0); break;
    case DIVPS: RUNX("divps %[y], %[x]", 0); break;
    case DPPS: switch (imm & 255) {
#undef INSN_IMM
#define INSN_IMM "dpps %[imm], %[y], %[x]"
        C256 }
        break;
    case DPPD: switch (imm & 255) {
#undef INSN_IMM
#define INSN_IMM "dppd %[imm], %[y], %[x]"
        C256 }
        break;
    case HADDPS: RUNX("haddps %[y], %[x]", 0); break;
    case ADDSUBPS: RUNX("addsubps %[y], %[x]", 0); break;
    case SQRTPD: RUNX("sqrtpd %[y], %[x]", 0); break;
    case MULPD: RUNX("mulpd %[y], %[x]", 0); break;
    default: fprintf(stderr, "bad kind %d\n", k); exit(1);
    }
    *mout = mo;
    int gpr = k == CVTSS2SI || k == CVTSS2SI64 || k == CVTTSS2SI || k == CVTTSS2SI64
        || k == CVTSD2SI || k == CVTSD2SI64 || k == CVTTSD2SI || k == CVTTSD2SI64
        || k == COMISS || k == UCOMISS || k == COMISD || k == UCOMISD;
    if (gpr) *res = (v2di){(long long)r, 0};
    else *res = x;
    return 0;
}

static void put_fp_record(int k, u32 imm, u32 mi, v2di a, v2di b);

static void fp_vectors(int per_kind) {
    for (int k = 0; k < NKIND; k++) {
        if (k == 38 || k == 39) continue;
        /* the dot products have stages whose exceptions interact: give them more vectors */
        int dot = k == DPPS || k == DPPD;
        for (int i = 0; i < per_kind * (dot ? 3 : 1); i++) {
            int dsrc = (k >= ADDSD && k <= ROUNDSD) || k == DPPD || k == SQRTPD || k == MULPD;
            int intsrc = k == CVTSI2SS || k == CVTSI2SS64 || k == CVTSI2SD || k == CVTSI2SD64;
            u32 imm = rndn(256), mi = genmxcsr(dot ? 2 : 1);
            v2di a, b;
            if (WIDE(k) && !dsrc) {
                u64 l[8];
                for (int j = 0; j < 4; j++) { l[j] = genfp(0); l[4 + j] = genfp2(0, l[j]); }
                a = (v2di){(long long)(l[0] | l[1] << 32), (long long)(l[2] | l[3] << 32)};
                b = (v2di){(long long)(l[4] | l[5] << 32), (long long)(l[6] | l[7] << 32)};
            } else if (intsrc) {
                a = (v2di){(long long)genint(k == CVTSI2SS64 || k == CVTSI2SD64), 0};
                b = (v2di){(long long)genfp(k >= ADDSD), (long long)rnd()};
            } else {
                u64 a0 = genfp(dsrc), a1 = genfp(dsrc);
                a = (v2di){(long long)a0, (long long)(dsrc || WIDE(k) ? a1 : 0)};
                u64 b0 = genfp2(dsrc, a0), b1 = WIDE(k) ? genfp2(dsrc, a1) : 0;
                b = (v2di){(long long)b0, (long long)b1};
            }
            int mulk = k == MULSS || k == MULSD || k == MULPD || k == MULPS || dot;
            if (mulk && rndn(5) == 0) {
                u64 t0, t1, t2, t3;
                gentinypair(dsrc, &t0, &t1);
                gentinypair(dsrc, &t2, &t3);
                if (dsrc) {
                    a = (v2di){(long long)t0, (long long)t2};
                    b = (v2di){(long long)t1, (long long)t3};
                } else if (WIDE(k)) {
                    a[0] = (long long)(t0 | t2 << 32);
                    b[0] = (long long)(t1 | t3 << 32);
                } else {
                    a[0] = (long long)t0;
                    b[0] = (long long)t1;
                }
            }
            if (k == CVTSD2SS && rndn(4) == 0) b[0] = (long long)gennarrowtiny();
            /* integer sources travel in a[0]; only the low lane of the result is kept */
            put_fp_record(k, imm, mi, a, b);
        }
    }
}

static void put_fp_record(int k, u32 imm, u32 mi, v2di a, v2di b) {
    v2di r;
    u32 mo;
    int f = exec(k, imm, mi, a, b, &r, &mo);
    put8(k); put8(imm); put16(mi); put16(mo); put8(f);
    put64(a[0]);
    if (WIDE(k)) put64(a[1]);
    put64(b[0]);
    if (WIDE(k)) put64(b[1]);
    put64(r[0]);
    if (WIDE(k)) put64(r[1]);
}

/*
 * DPPS (MAX, MAX, -inf, 0) . (1, 1, 1, 0): the first additions overflow and the last one is
 * invalid, which shows whether an unmasked exception in one stage stops the next.
 */
static void dpps_stage_vectors(void) {
    const u64 max = 0x7F7FFFFF, one = 0x3F800000, minf = 0xFF800000;
    v2di a = {(long long)(max | max << 32), (long long)minf};
    v2di b = {(long long)(one | one << 32), (long long)one};
    static const u32 mx[] = {0x1F80, 0x1B80, 0x0F80, 0x1F00, 0x1A80};
    for (int i = 0; i < 5; i++) put_fp_record(DPPS, 0x7F, mx[i], a, b);
}

/* ---- PCMPxSTRx ---- */
static u8 strbyte(int alpha) {
    static const u8 al[] = {0, 'a', 'b', 'c', 'z', 0x7F, 0x80, 0xFF};
    if (rndn(8) < (u32)alpha) return al[rndn(8)];
    return (u8)rnd();
}
static void genstr(u8 *s, int alpha) {
    for (int i = 0; i < 16; i++) s[i] = strbyte(alpha);
    if (rndn(2)) s[rndn(16)] = 0;
    if (rndn(3) == 0) s[rndn(16)] = 0, s[rndn(16) | 1] = 0;
}
static int64_t genlen64(void) {
    switch (rndn(6)) {
    case 0: return (int64_t)rnd();
    case 1: return rndn(2) ? INT64_MIN + (int)rndn(2) : INT64_MAX - (int)rndn(2);
    case 2: return (int64_t)((rnd() << 32) | rndn(20)) ;
    default: return (int)rndn(41) - 20;
    }
}
static int32_t genlen(void) {
    switch (rndn(6)) {
    case 0: return (int32_t)rnd();
    case 1: return rndn(2) ? 0x7FFFFFFF - (int)rndn(3) : (int32_t)0x80000000 + (int)rndn(3);
    default: return (int)rndn(41) - 20;
    }
}
#define PC1(b) case (b): PCINSN(b); break;
#define PC4(b) PC1(b) PC1((b) + 1) PC1((b) + 2) PC1((b) + 3)
#define PC16(b) PC4(b) PC4((b) + 4) PC4((b) + 8) PC4((b) + 12)
#define PC64(b) PC16(b) PC16((b) + 16) PC16((b) + 32) PC16((b) + 48)
#define PC256 PC64(0) PC64(64) PC64(128) PC64(192)
#define PCFLAGS "\n\tsetc %b[cf]\n\tsetz %b[zf]\n\tsets %b[sf]\n\tseto %b[of]"
static void pcmp_vectors(int per_imm) {
    for (int kind = 0; kind < 6; kind++) {
        for (u32 imm = 0; imm < 256; imm++) {
            for (int i = 0; i < per_imm; i++) {
                u8 sa[16], sb[16];
                int alpha = rndn(9);
                genstr(sa, alpha); genstr(sb, alpha);
                if (rndn(4) == 0) memcpy(sb + rndn(8), sa + rndn(4), 4);
                v2di a, b, m = {0, 0};
                memcpy(&a, sa, 16); memcpy(&b, sb, 16);
                int32_t la = genlen(), lb = genlen();
                int64_t la64 = genlen64(), lb64 = genlen64();
                u32 ecx = 0;
                u8 cf = 0, zf = 0, sf = 0, of = 0;
                switch (kind) {
                case 0: switch (imm) {
#define PCINSN(I) __asm__ volatile("pcmpestri %[imm], %[b], %[a]" PCFLAGS \
    : "=c"(ecx), [cf] "=&q"(cf), [zf] "=&q"(zf), [sf] "=&q"(sf), [of] "=&q"(of) \
    : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb), [imm] "i"(I))
                    PC256 } break;
                case 1: switch (imm) {
#undef PCINSN
#define PCINSN(I) __asm__ volatile("pcmpestrm %[imm], %[b], %[a]" PCFLAGS \
    "\n\tmovdqu %%xmm0, %[m]" \
    : [m] "=m"(m), [cf] "=&q"(cf), [zf] "=&q"(zf), [sf] "=&q"(sf), [of] "=&q"(of) \
    : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb), [imm] "i"(I) : "xmm0")
                    PC256 } break;
                case 2: switch (imm) {
#undef PCINSN
#define PCINSN(I) __asm__ volatile("pcmpistri %[imm], %[b], %[a]" PCFLAGS \
    : "=c"(ecx), [cf] "=&q"(cf), [zf] "=&q"(zf), [sf] "=&q"(sf), [of] "=&q"(of) \
    : [a] "x"(a), [b] "x"(b), [imm] "i"(I))
                    PC256 } break;
                case 3: switch (imm) {
#undef PCINSN
#define PCINSN(I) __asm__ volatile("pcmpistrm %[imm], %[b], %[a]" PCFLAGS \
    "\n\tmovdqu %%xmm0, %[m]" \
    : [m] "=m"(m), [cf] "=&q"(cf), [zf] "=&q"(zf), [sf] "=&q"(sf), [of] "=&q"(of) \
    : [a] "x"(a), [b] "x"(b), [imm] "i"(I) : "xmm0")
                    PC256 } break;
                case 4: switch (imm) {
#undef PCINSN
#define PCINSN(I) __asm__ volatile("pcmpestriq %[imm], %[b], %[a]" PCFLAGS \
    : "=c"(ecx), [cf] "=&q"(cf), [zf] "=&q"(zf), [sf] "=&q"(sf), [of] "=&q"(of) \
    : [a] "x"(a), [b] "x"(b), "a"(la64), "d"(lb64), [imm] "i"(I))
                    PC256 } break;
                default: switch (imm) {
#undef PCINSN
#define PCINSN(I) __asm__ volatile("pcmpestrmq %[imm], %[b], %[a]" PCFLAGS \
    "\n\tmovdqu %%xmm0, %[m]" \
    : [m] "=m"(m), [cf] "=&q"(cf), [zf] "=&q"(zf), [sf] "=&q"(sf), [of] "=&q"(of) \
    : [a] "x"(a), [b] "x"(b), "a"(la64), "d"(lb64), [imm] "i"(I) : "xmm0")
                    PC256 } break;
                }
                put8(kind); put8(imm);
                put8(cf | zf << 1 | sf << 2 | of << 3);
                put64(a[0]); put64(a[1]); put64(b[0]); put64(b[1]);
                if (kind < 2) { put32(la); put32(lb); }
                if (kind >= 4) { put64(la64); put64(lb64); }
                if (kind & 1) { put64(m[0]); put64(m[1]); } else put32(ecx);
            }
        }
    }
}

/* ---- CRC32 ---- */
static void crc_vectors(int per_size) {
    for (int sz = 0; sz < 4; sz++) {
        for (int i = 0; i < per_size; i++) {
            u64 crc = rndn(4) ? rnd() & 0xFFFFFFFF : rndn(2) * 0xFFFFFFFFull, src = rnd(), r = crc;
            if (rndn(5) == 0) src = 0;
            switch (sz) {
            case 0: __asm__("crc32b %b1, %k0" : "+r"(r) : "q"(src)); break;
            case 1: __asm__("crc32w %w1, %k0" : "+r"(r) : "r"(src)); break;
            case 2: __asm__("crc32l %k1, %k0" : "+r"(r) : "r"(src)); break;
            default: __asm__("crc32q %1, %q0" : "+r"(r) : "r"(src)); break;
            }
            put8(sz); put32(crc); put64(src); put32(r);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: gen fp.bin pcmpstr.bin crc32.bin\n"); return 2; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onfpe;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    out = fopen(argv[1], "wb"); fp_vectors(2800); dpps_stage_vectors(); fclose(out);
    out = fopen(argv[2], "wb"); pcmp_vectors(20); fclose(out);
    out = fopen(argv[3], "wb"); crc_vectors(2500); fclose(out);
    return 0;
}
