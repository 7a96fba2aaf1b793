/*
 * stdio_scanf.c - buffered standard input and output: scanf, fgets and getline over stdin,
 * printf conversions, sscanf and strtod edge cases, and when stdio buffers reach the file.
 *
 * stdin is input/stdio_scanf.in. It is read by a mix of fgets, scanf and getline, so the guest
 * kernel sees reads whose sizes libc chooses and a final line without a newline. Every value is
 * printed back with fixed conversions (widths, precisions, flags, long double). The buffering
 * checks interleave stdio output with raw write(2) calls on a dup of stdout: the order in which
 * the pieces land in the file shows exactly when libc flushed, which a guest kernel that lost
 * or reordered a write would change. Nothing printed depends on the host.
 */
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static void read_header(void)
{
	char line[128];

	if (fgets(line, sizeof(line), stdin) == NULL) {
		printf("fgets: no header\n");
		return;
	}
	printf("fgets: %zu bytes, ends with newline: %s\n", strlen(line),
	       line[strlen(line) - 1] == '\n' ? "yes" : "no");
	printf("header=[%.*s]\n", (int)strcspn(line, "\n"), line);
}

static void read_numbers(void)
{
	int a = 0, b = 0, c = 0, d = 0;
	float f = 0;
	double g = 0;
	long double h = 0;
	char w1[16] = "", w2[16] = "";
	int n = scanf("%d %d %i %i %f %lf %Lf %15s %15s", &a, &b, &c, &d, &f, &g, &h, w1, w2);

	printf("scanf #1 converted %d\n", n);
	printf("ints: [%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%#o] [%#X]\n", a, b, b, a, a, a,
	       c, d, c);
	printf("float %%f=%f %%.2e=%.2e %%g=%g %%10.3f=[%10.3f] %%-10.1f=[%-10.1f]\n", f, f, f, f,
	       f);
	printf("double %%f=%f %%e=%e %%G=%G %%a=%a %%+.0f=%+.0f\n", g, g, g, g, g);
	printf("long double %%.20Lf=%.20Lf %%Le=%Le %%.25Lg=%.25Lg\n", h, h, h);
	printf("long double == 1.0L: %s\n", h == 1.0L ? "yes" : "no");
	printf("words: [%s] [%8s] [%-8s] [%.3s] [%*s] [%-*.*s]\n", w1, w1, w2, w2, 7, w1, 6, 2,
	       w2);
}

static void read_chars_and_big(void)
{
	char c1 = 0, c2 = 0, hexword[8] = "";
	long long big = 0;
	long double pi = 0;
	int n = scanf(" %c %c", &c1, &c2);

	printf("scanf #2 converted %d: [%c] [%3c] [%-3c] code %d\n", n, c1, c2, c1, c2);
	n = scanf("%lld %Lf %7s", &big, &pi, hexword);
	printf("scanf #3 converted %d: %lld %llx %.18Lf %s=%ld\n", n, big, big, pi, hexword,
	       strtol(hexword, NULL, 16));
}

static void read_words_and_lines(void)
{
	char word[32];
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int count = 0;

	for (int i = 0; i < 3 && scanf("%31s", word) == 1; i++)
		printf("word %d: %s (%zu)\n", i, word, strlen(word));
	int c = getchar();
	printf("after words getchar: %s\n", c == '\n' ? "newline" : "other");
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		int nl = len > 0 && line[len - 1] == '\n';

		printf("getline %d: len %zd, newline %s, [%.*s]\n", count++, len, nl ? "yes" : "no",
		       (int)(len - nl), line);
	}
	printf("getline end: feof %s, ferror %s\n", feof(stdin) ? "yes" : "no",
	       ferror(stdin) ? "yes" : "no");
	printf("scanf at EOF returns EOF: %s\n", scanf("%31s", word) == EOF ? "yes" : "no");
	free(line);
}

static void check_sscanf(void)
{
	int a = -1, b = -1, n = -1, pos = -1;
	unsigned x = 0;
	char s[16] = "", t[16] = "";

	printf("sscanf(\"abc\", %%d) = %d\n", sscanf("abc", "%d", &a));
	printf("sscanf(\"\", %%d) = %d\n", sscanf("", "%d", &a));
	n = sscanf("12345", "%3d%d", &a, &b);
	printf("sscanf %%3d%%d on 12345 = %d: %d %d\n", n, a, b);
	n = sscanf("  key=value;rest", " %15[a-z]=%15[^;]%n", s, t, &pos);
	printf("sscanf scansets = %d: [%s] [%s] consumed %d\n", n, s, t, pos);
	n = sscanf("10 20 30", "%*d %d", &a);
	printf("sscanf %%*d %%d = %d: %d\n", n, a);
	n = sscanf("ffZ", "%x", &x);
	printf("sscanf %%x on ffZ = %d: %u\n", n, x);
	n = sscanf("100%", "%d%%", &a);
	printf("sscanf %%d%%%% = %d: %d\n", n, a);
	memset(s, 0, sizeof(s));
	n = sscanf("abcdefgh", "%5c", s);
	printf("sscanf %%5c = %d: [%s]\n", n, s);
	n = sscanf("-0x10", "%i", &a);
	printf("sscanf %%i on -0x10 = %d: %d\n", n, a);
	n = sscanf("0777", "%i", &a);
	printf("sscanf %%i on 0777 = %d: %d\n", n, a);
	double d = 0;
	n = sscanf("1e5x", "%lf", &d);
	printf("sscanf %%lf on 1e5x = %d: %g\n", n, d);
}

static void strtod_case(const char *text)
{
	char *end;

	errno = 0;
	double v = strtod(text, &end);
	int erange = errno == ERANGE;

	printf("strtod(\"%s\") = %a (%.17g), consumed %d, ERANGE %s\n", text, v, v,
	       (int)(end - text), erange ? "yes" : "no");
}

static void check_strtod(void)
{
	static const char *const kInputs[] = {
		"0",	   "-0.0",	    "  +1.5e3xyz",	 "0x1.8p1",	 "-0X.1P-4",
		"inf",	   "-INFINITY",	    "nan",		 "1e400",	 "-1e400",
		"1e-400",  "4.9e-324",	    "2.2250738585072014e-308", "1.7976931348623157e308",
		"1e",	   ".5e+",	    "0x",		 "abc",		 "0.1",
		"123456789012345678901234567890", "9007199254740993",
	};

	for (size_t i = 0; i < sizeof(kInputs) / sizeof(kInputs[0]); i++)
		strtod_case(kInputs[i]);
	printf("strtof(\"3.4e39\") = %g, strtold(\"1e4932\") finite: %s\n",
	       (double)strtof("3.4e39", NULL), strtold("1e4932", NULL) <= LDBL_MAX ? "yes" : "no");
}

/* Writes a marker with write(2), bypassing every stdio buffer. */
static void raw(int fd, const char *text)
{
	if (write(fd, text, strlen(text)) < 0)
		printf("raw write failed\n");
}

/*
 * Each stream below writes to its own dup of stdout, so the file offset is shared and the
 * order of the pieces in the output is the order in which they reached the kernel.
 */
static void check_buffering(void)
{
	static char small_buf[16];
	int fd = dup(1);
	FILE *f;

	fflush(stdout);
	f = fdopen(fd, "w");
	if (f == NULL) {
		printf("fdopen failed\n");
		return;
	}
	setvbuf(f, NULL, _IONBF, 0);
	fprintf(f, "unbuffered-1 ");
	raw(fd, "raw-1\n");
	fclose(f);

	f = fdopen(dup(1), "w");
	setvbuf(f, NULL, _IOLBF, 0);
	fprintf(f, "line-buffered partial ");
	raw(1, "raw-2\n");
	fprintf(f, "completed\n");
	raw(1, "raw-3\n");
	fprintf(f, "held until fflush ");
	fflush(f);
	raw(1, "raw-4\n");
	fclose(f);

	f = fdopen(dup(1), "w");
	setvbuf(f, NULL, _IOFBF, 4096);
	fprintf(f, "fully buffered line 1\nfully buffered line 2\n");
	raw(1, "raw-5 (before the fully buffered lines)\n");
	fclose(f);

	f = fdopen(dup(1), "w");
	setvbuf(f, small_buf, _IOFBF, sizeof(small_buf));
	fprintf(f, "a 16-byte buffer spills long text early; ");
	raw(1, "<raw-6>");
	fprintf(f, "tail\n");
	fclose(f);
	raw(1, "\n");
}

int main(void)
{
	read_header();
	read_numbers();
	read_chars_and_big();
	read_words_and_lines();
	check_sscanf();
	check_strtod();
	check_buffering();
	printf("done\n");
	return 0;
}
