/*
 * floatmath.c - IEEE 754 arithmetic, rounding modes, exception flags, conversions and libm.
 *
 * Every operand passes through a volatile so the compiler emits the real SSE2 or x87 instruction
 * at run time (the file is also built with -frounding-math). Each rounding-sensitive operation
 * is repeated under all four modes set with fesetround, which changes both MXCSR.RC and the x87
 * control word. Exception flags are cleared, one operation is done, and fetestexcept is printed.
 * Out-of-range float-to-integer conversions go through the SSE intrinsics, whose result (the
 * "integer indefinite" value) is defined by the architecture rather than left undefined by C.
 * The libm functions at the end are libm's own code and are printed with %.17g.
 */
#include <emmintrin.h>
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

static volatile double vd, vd2, vd3;
static volatile float vf, vf2;
static volatile long double vld, vld2;
static volatile int64_t vi64;
static volatile uint64_t vu64;

static const int kModes[4] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };
static const char *const kModeNames[4] = { "nearest", "down", "up", "zero" };

static void print_flags(const char *what)
{
	int f = fetestexcept(FE_ALL_EXCEPT);

	printf("flags %-22s:%s%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "",
	       f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_OVERFLOW ? " overflow" : "",
	       f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "",
	       f == 0 ? " none" : "");
}

static void rounding_functions(void)
{
	static const double kIn[] = {
		0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 0.49999999999999994, -0.0,
		1e300, 4503599627370495.5, -4503599627370497.0, 0x1p-1074, INFINITY, NAN,
	};

	for (int m = 0; m < 4; m++) {
		fesetround(kModes[m]);
		for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
			vd = kIn[i];
			printf("%-7s x=%a floor=%a ceil=%a trunc=%a round=%a rint=%a nearbyint=%a"
			       " lrint=%ld llround=%lld\n", kModeNames[m], vd, floor(vd), ceil(vd),
			       trunc(vd), round(vd), rint(vd), nearbyint(vd),
			       isfinite(vd) && fabs(vd) < 1e18 ? lrint(vd) : 0L,
			       isfinite(vd) && fabs(vd) < 1e18 ? llround(vd) : 0LL);
		}
	}
	fesetround(FE_TONEAREST);
}

/* Basic operations whose last bit depends on the rounding mode. */
static void rounded_arithmetic(void)
{
	for (int m = 0; m < 4; m++) {
		fesetround(kModes[m]);
		vd = 1.0;
		vd2 = 3.0;
		vd3 = 0x1p-60;
		vf = 1.0f;
		vf2 = 3.0f;
		vld = 1.0L;
		vld2 = 3.0L;
		vi64 = INT64_MAX;
		vu64 = UINT64_MAX - 1234;
		printf("%-7s d: div=%a add=%a sub=%a mul=%a sqrt2=%a fma=%a\n", kModeNames[m],
		       vd / vd2, vd + vd3, vd - vd3, (vd / vd2) * vd2, sqrt(vd2 - vd),
		       fma(vd / vd2, vd2, -vd));
		printf("%-7s f: div=%a sqrt=%a fmaf=%a tofloat=%a\n", kModeNames[m],
		       (double)(vf / vf2), (double)sqrtf(vf2), (double)fmaf(vf / vf2, vf2, -vf),
		       (double)(float)(vd / vd2));
		printf("%-7s ld: div=%La sqrt=%La mul=%La sum=%La\n", kModeNames[m], vld / vld2,
		       sqrtl(vld2), (vld / vld2) * vld2, vld + 0x1p-70L);
		printf("%-7s cvt: i64->d=%a u64->d=%a i64->f=%a u64->f=%a i64->ld=%La\n",
		       kModeNames[m], (double)vi64, (double)vu64, (double)(float)vi64,
		       (double)(float)vu64, (long double)vi64);
	}
	fesetround(FE_TONEAREST);
}

static void exception_flags(void)
{
	struct { const char *name; int op; } ops[] = {
		{ "1/3", 0 }, { "1/0", 1 }, { "0/0", 2 }, { "1e308*10", 3 }, { "1e-308/1e10", 4 },
		{ "sqrt(-1)", 5 }, { "2+2", 6 }, { "inf-inf", 7 }, { "cvttsd2si(1e20)", 8 },
		{ "float(1e40)", 9 }, { "ld 1/3", 10 }, { "ld 1e4932*10", 11 }, { "snan+1", 12 },
		{ "min_normal/2", 13 }, { "(int)2.5", 14 },
	};

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		feclearexcept(FE_ALL_EXCEPT);
		vd = 1.0;
		vd2 = 0.0;
		switch (ops[i].op) {
		case 0: vd3 = vd / 3.0; break;
		case 1: vd3 = vd / vd2; break;
		case 2: vd3 = vd2 / vd2; break;
		case 3: vd3 = 1e308 * (vd * 10.0); break;
		case 4: vd3 = 1e-308 / (vd * 1e10); break;
		case 5: vd3 = sqrt(vd2 - vd); break;
		case 6: vd3 = vd + vd + vd + vd; break;
		case 7: vd3 = (vd / vd2) - (vd / vd2); break;
		case 8: vi64 = _mm_cvttsd_si64(_mm_set_sd(vd * 1e20)); break;
		case 9: vf = (float)(vd * 1e40); break;
		case 10: vld = 1.0L / (vd + 2.0); break;
		case 11: vld = 1e4932L * (vd * 10.0); break;
		case 12: vd3 = __builtin_nans("") + vd; break;
		case 13: vd3 = 0x1p-1022 * (vd * 0.5); break;
		case 14: vi64 = (int)(vd * 2.5); break;
		}
		if (ops[i].op == 7)
			feclearexcept(FE_DIVBYZERO); /* keep only the flags of the subtraction */
		print_flags(ops[i].name);
	}
	feclearexcept(FE_ALL_EXCEPT);
}

static void conversions(void)
{
	static const double kIn[] = {
		0.0, -0.0, 1.5, -1.5, 2147483647.5, 2147483648.0, -2147483648.5, -2147483649.0,
		9.2233720368547758e18, -9.2233720368547758e18, 1.8446744073709552e19, 1e30, -1e30,
		INFINITY, -INFINITY, NAN, 4294967295.0, 0x1.fffffffffffffp62,
	};

	for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
		vd = kIn[i];
		__m128d x = _mm_set_sd(vd);
		__m128 xf = _mm_set_ss((float)vd);

		printf("cvt %a: cvttsd2si32=%08x cvtsd2si32=%08x cvttsd2si64=%016" PRIx64
		       " cvtsd2si64=%016" PRIx64 " cvttss2si32=%08x cvtsd2ss=%a\n", vd,
		       (uint32_t)_mm_cvttsd_si32(x), (uint32_t)_mm_cvtsd_si32(x),
		       (uint64_t)_mm_cvttsd_si64(x), (uint64_t)_mm_cvtsd_si64(x),
		       (uint32_t)_mm_cvttss_si32(xf), (double)_mm_cvtss_f32(_mm_cvtsd_ss(xf, x)));
	}
	static const uint64_t kInts[] = {
		0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
		0x20000000000001ull, 0x20000000000003ull, 0x1000001ull, 0xfffffffffffff7ffull,
	};
	for (size_t i = 0; i < sizeof kInts / sizeof kInts[0]; i++) {
		vu64 = kInts[i];
		printf("int %016" PRIx64 ": u->d=%a s->d=%a u->f=%a s->f=%a u->ld=%La\n", vu64,
		       (double)vu64, (double)(int64_t)vu64, (double)(float)vu64,
		       (double)(float)(int64_t)vu64, (long double)vu64);
	}
	/* In-range conversions back from double, including the unsigned path above 2^63. */
	vd = 1.8446744073709550e19;
	printf("d->u64=%" PRIu64 " d->i64=%" PRId64 " f->u32=%u\n", (uint64_t)vd,
	       (int64_t)(vd / -4.0), (uint32_t)(float)(vd / 8e9));
}

static void long_double_arithmetic(void)
{
	long double acc = 1.0L;

	vld = 1.0L;
	for (int i = 1; i <= 30; i++)
		acc = acc * (vld * i) + 1.0L / (vld * i);
	printf("ld series=%La (%.21Lg)\n", acc, acc);
	vld = 0x1.0000000000000002p0L;
	printf("ld x*x=%La x-1=%La x/3=%La\n", vld * vld, vld - 1.0L, vld / 3.0L);
	vld = 0x1p-16382L;
	printf("ld denorm=%La /3=%La *0.5=%La\n", vld / 1024.0L, vld / 3.0L, vld * 0.5L);
	vld2 = 1e4000L;
	printf("ld big*big=%La big/tiny=%La\n", vld2 * vld2, vld2 / vld);
}

static void libm(void)
{
	static const double kIn[] = { 0.5, 1.0, 2.0, 3.0, 10.0, 100.0, 1e-5, 0.7853981633974483 };

	for (size_t i = 0; i < sizeof kIn / sizeof kIn[0]; i++) {
		vd = kIn[i];
		printf("libm x=%.17g sin=%.17g cos=%.17g tan=%.17g exp=%.17g log=%.17g pow=%.17g"
		       " atan2=%.17g\n", vd, sin(vd), cos(vd), tan(vd), exp(vd), log(vd),
		       pow(vd, 1.0 / 3.0 + vd), atan2(vd, 1.0 - vd));
		printf("libm x=%.17g sqrt=%.17g cbrt=%.17g hypot=%.17g expm1=%.17g log1p=%.17g"
		       " sinh=%.17g atan=%.17g sinf=%.9g expf=%.9g\n", vd, sqrt(vd), cbrt(vd),
		       hypot(vd, 3.0), expm1(vd), log1p(vd), sinh(vd), atan(vd),
		       (double)sinf((float)vd), (double)expf((float)vd));
	}
}

int main(void)
{
	rounding_functions();
	rounded_arithmetic();
	exception_flags();
	conversions();
	long_double_arithmetic();
	libm();
	return 0;
}
