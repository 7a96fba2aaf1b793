/*
 * printf_float.c - libc's floating-point formatting and parsing.
 *
 * Formats doubles and long doubles with %f %e %g %a and friends, including the awkward values
 * (signed zero, denormals, the extremes, infinities, NaN, ties that must round to even), then
 * parses decimal and hexadecimal strings with strtod, strtof and strtold. glibc and musl format
 * with SSE2 integer code for doubles and x87 arithmetic for long doubles, so this is a broad test
 * of both units as driven by real-world code. Values pass through a volatile so that the
 * compiler cannot fold anything away.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile double vd;
static volatile long double vld;

static const double kDoubles[] = {
	0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.0 / 3.0, 2.0 / 3.0,
	123456789.125, 9007199254740993.0, 1e15 + 0.5, 1e21, 1e22, 1e23, 1e300, 1e-300,
	DBL_MAX, -DBL_MAX, DBL_MIN, DBL_MIN / 3.0, DBL_TRUE_MIN, -DBL_TRUE_MIN,
	0x1.fffffffffffffp-1,
	0x1.8p-1074, 6.02214076e23, -1.602176634e-19, 299792458.0, INFINITY, -INFINITY, NAN,
};

static const char *const kDoubleFormats[] = {
	"%f", "%.0f", "%.1f", "%.2f", "%.3f", "%e", "%.0e", "%.15e", "%g", "%.3g", "%.17g",
	"%a", "%.3a", "%A", "%12.4f", "%-14.3e|", "%+g", "% g", "%#g", "%#.0f", "%010.3f",
};

static const long double kLongDoubles[] = {
	0.0L, -0.0L, 1.0L, 0.1L, 1.0L / 3.0L, 2.5L, 3.14159265358979323846264338327950288L,
	2.71828182845904523536028747135266250L, 1e4000L, -1e-4000L, LDBL_MAX, LDBL_MIN,
	LDBL_MIN / 7.0L, __LDBL_DENORM_MIN__, 18446744073709551615.0L, 1e19L + 1.0L,
	0x1.fffffffffffffffep-1L, 0.5L + 0x1p-64L, (long double)INFINITY, (long double)NAN,
};

static const char *const kLongDoubleFormats[] = {
	"%Lf", "%.20Lf", "%Le", "%.25Le", "%Lg", "%.21Lg", "%La", "%.4La", "%+.0Lf",
};

static const char *const kNumbers[] = {
	"0", "-0", "0.1", "1e-400", "-1e-400", "2.2250738585072011e-308", "2.2250738585072014e-308",
	"4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
	"1.7976931348623157e308", "1.7976931348623159e308", "0x1.fffffffffffffp1023", "0x1p-1074",
	"0x1.8p-1075", "inf", "-Infinity", "nan", "  +12.5e3xyz", "1e", ".5", "5.", "0x", "-.e1",
	"123456789012345678901234567890", "9007199254740993", "9007199254740992.5000000000000001",
	"1e4932", "1.18973149535723176502e+4932", "3.36210314311209350626e-4932", "1e-4951",
	"0.333333333333333333333333333333333333",
};

static void print_doubles(void)
{
	int n = (int)(sizeof kDoubles / sizeof kDoubles[0]);
	int nf = (int)(sizeof kDoubleFormats / sizeof kDoubleFormats[0]);

	for (int i = 0; i < n; i++) {
		vd = kDoubles[i];
		printf("double[%d]:", i);
		for (int f = 0; f < nf; f++) {
			printf(" ");
			printf(kDoubleFormats[f], vd);
		}
		printf("\n");
	}
}

static void print_long_doubles(void)
{
	int n = (int)(sizeof kLongDoubles / sizeof kLongDoubles[0]);
	int nf = (int)(sizeof kLongDoubleFormats / sizeof kLongDoubleFormats[0]);

	for (int i = 0; i < n; i++) {
		vld = kLongDoubles[i];
		printf("ldouble[%d]:", i);
		for (int f = 0; f < nf; f++) {
			printf(" ");
			printf(kLongDoubleFormats[f], vld);
		}
		printf("\n");
	}
}

/* Width and precision from arguments, and rounding of ties at many precisions. */
static void print_star_and_ties(void)
{
	for (int p = 0; p <= 6; p++) {
		vd = 0.5 + 0.0625 * p;
		printf("star p=%d: [%*.*f] [%-*.*e] [%.*g]\n", p, 10, p, vd, 12, p, vd, p,
		       vd * 1e7);
	}
	for (int k = 0; k < 12; k++) {
		vd = (double)k + 0.5;
		vld = (long double)k + 0.5L;
		printf("tie %d: %.0f %.0Lf %.1f\n", k, vd, vld, vd / 10.0);
	}
}

static void parse_numbers(void)
{
	int n = (int)(sizeof kNumbers / sizeof kNumbers[0]);

	for (int i = 0; i < n; i++) {
		char *end;
		const char *s = kNumbers[i];

		errno = 0;
		double d = strtod(s, &end);
		int derr = errno, dused = (int)(end - s);
		errno = 0;
		float f = strtof(s, &end);
		int ferr = errno, fused = (int)(end - s);
		errno = 0;
		long double ld = strtold(s, &end);
		int lerr = errno, lused = (int)(end - s);

		printf("parse \"%s\": d=%a (%.17g) used=%d erange=%d | f=%a used=%d erange=%d"
		       " | ld=%La (%.21Lg) used=%d erange=%d\n", s, d, d, dused, derr == ERANGE,
		       (double)f, fused, ferr == ERANGE, ld, ld, lused, lerr == ERANGE);
	}
}

int main(void)
{
	print_doubles();
	print_long_doubles();
	print_star_and_ties();
	parse_numbers();
	return 0;
}
