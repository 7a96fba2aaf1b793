/*
 * x87.c - the x87 floating-point unit, instruction by instruction, through inline assembly.
 *
 * Two kinds of result lines:
 *   exact   - operations whose result the architecture defines to the last bit (fsqrt, fscale,
 *             fxtract, fprem, fprem1, frndint, fbld, fbstp, fadd, fmul, fdiv, the constant
 *             loads, integer stores). They print %La and the raw 80-bit pattern "sexp:mantissa".
 *   approx  - transcendental instructions (fsin, fcos, fsincos, fptan, fpatan, f2xm1, fyl2x,
 *             fyl2xp1), which Intel, AMD and an emulator may compute 1 ulp apart. They print the
 *             64-bit significand rounded to 60 bits, so a 1-ulp difference does not show, unless
 *             the low 4 bits of the exact-bits result are 7 or 8, where a 1-ulp step crosses the
 *             rounding boundary. Such a result is marked "!" so that inputs can be chosen that
 *             avoid it; the committed expected output contains no "!".
 * Status-word condition codes are printed where they carry the result (fprem quotient bits, C2
 * for an out-of-range argument, fxam classes); exception flags only after exact operations.
 * Each asm statement is volatile so control-word changes and operations stay in program order.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef long double f80;

#define CW_DEFAULT 0x037f /* all exceptions masked, 64-bit precision, round to nearest */
#define CW_RC_SHIFT 10
#define CW_PC_SHIFT 8

static const char *const kRoundingNames[4] = { "nearest", "down", "up", "zero" };

static void set_cw(uint16_t cw)
{
	__asm__ volatile("fldcw %0" : : "m"(cw));
}

static uint16_t read_sw(void)
{
	uint16_t sw;

	__asm__ volatile("fnstsw %0" : "=m"(sw));
	return sw;
}

static void clear_exceptions(void)
{
	__asm__ volatile("fnclex");
}

static void print_exact(const char *name, f80 v)
{
	uint64_t mant;
	uint16_t sexp;

	memcpy(&mant, &v, sizeof mant);
	memcpy(&sexp, (const char *)&v + 8, sizeof sexp);
	printf("exact  %-28s %04x:%016llx %La\n", name, sexp, (unsigned long long)mant, v);
}

/* Prints the significand rounded to nearest at 60 bits, with the binary exponent. */
static void print_approx(const char *name, f80 v)
{
	uint64_t mant, m60;
	uint16_t sexp;
	int exp;

	memcpy(&mant, &v, sizeof mant);
	memcpy(&sexp, (const char *)&v + 8, sizeof sexp);
	exp = (sexp & 0x7fff) - 16383;
	m60 = (mant >> 4) + ((mant >> 3) & 1);
	if (m60 >> 60) { /* rounding carried out of the top bit */
		m60 >>= 1;
		exp++;
	}
	printf("approx %-28s %c0x%015llxp%+d%s\n", name, sexp & 0x8000 ? '-' : '+',
	       (unsigned long long)m60, exp,
	       (mant & 0xf) == 7 || (mant & 0xf) == 8 ? " !" : "");
}

/* Condition codes C3..C0: for instructions that define all four (fprem, fxam). */
static void print_cc(const char *name, uint16_t sw)
{
	printf("status %-28s C3=%d C2=%d C1=%d C0=%d\n", name, sw >> 14 & 1, sw >> 10 & 1,
	       sw >> 9 & 1, sw >> 8 & 1);
}

/* Exception flags and C1 (set when the result was rounded up), after arithmetic and stores. */
static void print_flags(const char *name, uint16_t sw)
{
	printf("flags  %-28s C1=%d IE=%d DE=%d ZE=%d OE=%d UE=%d PE=%d\n", name, sw >> 9 & 1,
	       sw & 1, sw >> 1 & 1, sw >> 2 & 1, sw >> 3 & 1, sw >> 4 & 1, sw >> 5 & 1);
}

/* fsincos and fptan push a second value only when the argument is in range (|x| < 2^63). */
static void trig_pushing_two(f80 x)
{
	f80 s, c, t, one;
	char name[64];

	__asm__ volatile("fsincos" : "=t"(c), "=u"(s) : "0"(x));
	snprintf(name, sizeof name, "fsincos(%Lg).sin", x);
	print_approx(name, s);
	snprintf(name, sizeof name, "fsincos(%Lg).cos", x);
	print_approx(name, c);
	__asm__ volatile("fptan" : "=t"(one), "=u"(t) : "0"(x));
	snprintf(name, sizeof name, "fptan(%Lg)", x);
	print_approx(name, t);
	print_exact("fptan pushed", one);
}

static void trig(void)
{
	static const f80 kIn[] = { 0.5L, 1.0L, 2.0L, 2.8L, -0.65L, 1e-5L, 100.0L, 1e18L, 0x1p63L,
				   -0x1.8p70L };
	char name[64];

	for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
		f80 s = kIn[i], c = kIn[i];
		uint16_t sw_sin, sw_cos;

		__asm__ volatile("fsin\n\tfnstsw %%ax" : "+t"(s), "=a"(sw_sin));
		__asm__ volatile("fcos\n\tfnstsw %%ax" : "+t"(c), "=a"(sw_cos));
		snprintf(name, sizeof name, "fsin(%Lg)", kIn[i]);
		if (sw_sin & 0x400) {
			/* out of range: C2 set, operand left unchanged */
			print_exact(name, s);
			snprintf(name, sizeof name, "fcos(%Lg)", kIn[i]);
			print_exact(name, c);
			printf("status %-28s C2(fsin)=1 C2(fcos)=%d\n", name, sw_cos >> 10 & 1);
			continue;
		}
		print_approx(name, s);
		snprintf(name, sizeof name, "fcos(%Lg)", kIn[i]);
		print_approx(name, c);
		printf("status %-28s C2(fsin)=0 C2(fcos)=%d\n", name, sw_cos >> 10 & 1);
		trig_pushing_two(kIn[i]);
	}
}

static void logs_and_exps(void)
{
	static const f80 kPatan[][2] = {
		{ 1.0L, 1.0L }, { 1.0L, -3.0L }, { -2.0L, 0.5L }, { 1e-300L, 1.0L }, { 5.0L, 0.0L },
	};
	static const f80 kExp[] = { 0.5L, -0.45L, 0.25L, 2e-3L, -0.9L, 0.7L };
	static const f80 kLog[][2] = {
		{ 10.0L, 1.0L }, { 0.3L, -2.0L }, { 0x1p70L, 1.0L }, { 3.0L, 0.5L },
		{ 1e4000L, 1.0L },
	};
	static const f80 kLogp1[] = { 0.1L, -0.2L, 1e-10L, 0.25L };
	char name[64];

	for (size_t i = 0; i < sizeof kPatan / sizeof kPatan[0]; i++) {
		f80 r;

		__asm__ volatile("fpatan" : "=t"(r) : "0"(kPatan[i][1]), "u"(kPatan[i][0])
				 : "st(1)");
		snprintf(name, sizeof name, "fpatan(%Lg,%Lg)", kPatan[i][0], kPatan[i][1]);
		print_approx(name, r);
	}
	for (size_t i = 0; i < sizeof kExp / sizeof kExp[0]; i++) {
		f80 r = kExp[i];

		__asm__ volatile("f2xm1" : "+t"(r));
		snprintf(name, sizeof name, "f2xm1(%Lg)", kExp[i]);
		print_approx(name, r);
	}
	for (size_t i = 0; i < sizeof kLog / sizeof kLog[0]; i++) {
		f80 r;

		__asm__ volatile("fyl2x" : "=t"(r) : "0"(kLog[i][0]), "u"(kLog[i][1]) : "st(1)");
		snprintf(name, sizeof name, "fyl2x(%Lg,%Lg)", kLog[i][0], kLog[i][1]);
		print_approx(name, r);
	}
	for (size_t i = 0; i < sizeof kLogp1 / sizeof kLogp1[0]; i++) {
		f80 r;

		__asm__ volatile("fyl2xp1" : "=t"(r) : "0"(kLogp1[i]), "u"(1.0L) : "st(1)");
		snprintf(name, sizeof name, "fyl2xp1(%Lg)", kLogp1[i]);
		print_approx(name, r);
	}
}

static void sqrt_scale_xtract(void)
{
	static const f80 kIn[] = { 2.0L, 0.1L, 1e-4940L, 1e4000L, -0.0L, 0x1.8p-16385L };
	char name[64];

	for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
		f80 r = kIn[i], sig, exp, sc;

		clear_exceptions();
		__asm__ volatile("fsqrt" : "+t"(r));
		snprintf(name, sizeof name, "fsqrt(%Lg)", kIn[i]);
		print_exact(name, r);
		print_flags(name, read_sw());
		__asm__ volatile("fxtract" : "=t"(sig), "=u"(exp) : "0"(kIn[i]));
		snprintf(name, sizeof name, "fxtract(%Lg).sig", kIn[i]);
		print_exact(name, sig);
		snprintf(name, sizeof name, "fxtract(%Lg).exp", kIn[i]);
		print_exact(name, exp);
		__asm__ volatile("fscale" : "=t"(sc) : "0"(kIn[i]), "u"(-3.75L));
		snprintf(name, sizeof name, "fscale(%Lg,-3.75)", kIn[i]);
		print_exact(name, sc);
		__asm__ volatile("fscale" : "=t"(sc) : "0"(kIn[i]), "u"(20000.0L));
		snprintf(name, sizeof name, "fscale(%Lg,20000)", kIn[i]);
		print_exact(name, sc);
	}
}

static void remainders(void)
{
	static const f80 kIn[][2] = {
		{ 10.0L, 3.0L }, { -10.0L, 3.0L }, { 11.5L, -2.0L }, { 7.0L, 2.0L },
		{ 1e300L, 3.0L },
		{ 5.0L, 0x1p-60L }, { 0.0L, 1.0L }, { 1e25L, 7.0L },
	};
	char name[64];

	for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
		f80 r, r1, part;
		uint16_t sw, sw1, swp;

		__asm__ volatile("1: fprem\n\tfnstsw %%ax\n\ttestw $0x400, %%ax\n\tjnz 1b"
				 : "=t"(r), "=a"(sw) : "0"(kIn[i][0]), "u"(kIn[i][1]) : "cc");
		__asm__ volatile("1: fprem1\n\tfnstsw %%ax\n\ttestw $0x400, %%ax\n\tjnz 1b"
				 : "=t"(r1), "=a"(sw1) : "0"(kIn[i][0]), "u"(kIn[i][1]) : "cc");
		__asm__ volatile("fprem\n\tfnstsw %%ax" : "=t"(part), "=a"(swp)
				 : "0"(kIn[i][0]), "u"(kIn[i][1]));
		snprintf(name, sizeof name, "fprem(%Lg,%Lg)", kIn[i][0], kIn[i][1]);
		print_exact(name, r);
		print_cc(name, sw);
		snprintf(name, sizeof name, "fprem1(%Lg,%Lg)", kIn[i][0], kIn[i][1]);
		print_exact(name, r1);
		print_cc(name, sw1);
		snprintf(name, sizeof name, "fprem once(%Lg,%Lg)", kIn[i][0], kIn[i][1]);
		print_exact(name, part);
		printf("status %-28s C2=%d\n", name, swp >> 10 & 1);
	}
}

static void rounding_control(void)
{
	static const f80 kIn[] = { 2.5L, -2.5L, 3.5L, -0.5L, 0.49999999999999999995L, 1e20L };
	char name[64];

	for (unsigned rc = 0; rc < 4; rc++) {
		set_cw((uint16_t)(CW_DEFAULT | rc << CW_RC_SHIFT));
		for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
			f80 r = kIn[i];
			int32_t i32;
			int16_t i16;

			__asm__ volatile("frndint" : "+t"(r));
			snprintf(name, sizeof name, "frndint(%Lg) %s", kIn[i], kRoundingNames[rc]);
			print_exact(name, r);
			clear_exceptions();
			__asm__ volatile("fistl %0" : "=m"(i32) : "t"(kIn[i]));
			__asm__ volatile("fists %0" : "=m"(i16) : "t"(kIn[i]));
			printf("fist   %-28s i32=%08x i16=%04x\n", name, (uint32_t)i32,
			       (uint16_t)i16);
			print_flags(name, read_sw());
		}
		f80 pi, l2e, lg2, ln2, l2t;
		__asm__ volatile("fldpi" : "=t"(pi));
		__asm__ volatile("fldl2e" : "=t"(l2e));
		__asm__ volatile("fldlg2" : "=t"(lg2));
		__asm__ volatile("fldln2" : "=t"(ln2));
		__asm__ volatile("fldl2t" : "=t"(l2t));
		printf("const  %-8s pi=%La l2e=%La lg2=%La ln2=%La l2t=%La\n", kRoundingNames[rc],
		       pi, l2e, lg2, ln2, l2t);
	}
	set_cw(CW_DEFAULT);
}

/* fadd, fmul and fdiv under the three precision-control settings and four rounding modes. */
static void precision_control(void)
{
	static const unsigned kPc[3] = { 0, 2, 3 };
	static const char *const kPcNames[3] = { "pc24", "pc53", "pc64" };
	f80 one = 1.0L, three = 3.0L, tiny = 0x1p-70L;
	char name[64];

	for (int p = 0; p < 3; p++) {
		for (unsigned rc = 0; rc < 4; rc++) {
			f80 q, s, m;

			set_cw((uint16_t)(0x007f | kPc[p] << CW_PC_SHIFT | rc << CW_RC_SHIFT));
			clear_exceptions();
			__asm__ volatile("fdiv %%st(1), %%st" : "=t"(q) : "0"(one), "u"(three));
			__asm__ volatile("fadd %%st(1), %%st" : "=t"(s) : "0"(one), "u"(tiny));
			__asm__ volatile("fmul %%st(1), %%st" : "=t"(m) : "0"(q), "u"(three));
			uint16_t sw = read_sw();
			set_cw(CW_DEFAULT);
			const char *pc = kPcNames[p], *mode = kRoundingNames[rc];

			snprintf(name, sizeof name, "1/3 %s %s", pc, mode);
			print_exact(name, q);
			snprintf(name, sizeof name, "1+2^-70 %s %s", pc, mode);
			print_exact(name, s);
			snprintf(name, sizeof name, "(1/3)*3 %s %s", pc, mode);
			print_exact(name, m);
			print_flags(name, sw);
		}
	}
}

static void bcd(void)
{
	static const f80 kIn[] = { 0.0L, -1.0L, 123456789012345678.0L, 999999999999999999.0L,
				   -42.5L, 1e18L };
	static const unsigned char kPacked[10] = { 0x21, 0x43, 0x65, 0x87, 0x09, 0x21, 0x43, 0x65,
						   0x87, 0x80 };
	char name[64];

	for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
		unsigned char out[10];

		clear_exceptions();
		__asm__ volatile("fbstp %0" : "=m"(out) : "t"(kIn[i]) : "st");
		snprintf(name, sizeof name, "fbstp(%.19Lg)", kIn[i]);
		printf("bcd    %-28s", name);
		for (int b = 9; b >= 0; b--)
			printf(" %02x", out[b]);
		printf("\n");
		print_flags(name, read_sw());
	}
	f80 v;
	__asm__ volatile("fbld %1" : "=t"(v) : "m"(kPacked));
	print_exact("fbld(-876543210987654321)", v);
}

static void classify_and_compare(void)
{
	f80 in[] = { 0.0L, -1.5L, 1.0L / 0.0L, __builtin_nanl(""), 0x1p-16400L, 1e4000L };
	char name[64];

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		uint16_t sw;
		unsigned char below, equal, unordered;

		__asm__ volatile("fxam\n\tfnstsw %%ax" : "=a"(sw) : "t"(in[i]));
		snprintf(name, sizeof name, "fxam(%Lg)", in[i]);
		print_cc(name, sw);
		__asm__ volatile("fucomi %%st(1), %%st\n\tsetb %0\n\tsete %1\n\tsetp %2"
				 : "=q"(below), "=q"(equal), "=q"(unordered)
				 : "t"(in[i]), "u"(1.0L) : "cc");
		printf("fucomi %-28s CF=%d ZF=%d PF=%d\n", name, below, equal, unordered);
	}
}

int main(void)
{
	set_cw(CW_DEFAULT);
	trig();
	logs_and_exps();
	sqrt_scale_xtract();
	remainders();
	rounding_control();
	precision_control();
	bcd();
	classify_and_compare();
	return 0;
}
