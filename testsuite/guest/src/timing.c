/*
 * timing.c - clocks and sleeps: clock_gettime on the realtime, monotonic and CPU-time clocks,
 * clock_getres, nanosleep and clock_nanosleep (relative and absolute), gettimeofday against
 * time(), times(), getrusage, and local time conversion of a fixed instant.
 *
 * Time values differ on every run, so only properties are printed (monotonic, elapsed at
 * least as long as requested, two clocks agreeing within a bound), never the values. An
 * emulator that is 50 times slower than the host must still pass: every check has a lower
 * bound only, never an upper one. The one absolute time printed is a fixed epoch value
 * converted with TZ unset, which both libcs read as UTC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static long long ns_of(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long now_ns(clockid_t clock)
{
	struct timespec t;

	if (clock_gettime(clock, &t) != 0)
		return -1;
	return ns_of(t);
}

static void check_clock(const char *name, clockid_t clock)
{
	struct timespec res = { 0, 0 };
	long long prev = now_ns(clock), bad = 0;
	int rc = clock_getres(clock, &res);

	for (int i = 0; i < 1000; i++) {
		long long t = now_ns(clock);

		bad += t < prev;
		prev = t;
	}
	printf("%s: readable %s, never went backwards %s, resolution in (0, 1 ms] %s\n", name,
	       yes_no(prev >= 0), yes_no(bad == 0),
	       yes_no(rc == 0 && ns_of(res) > 0 && ns_of(res) <= 1000000));
}

static void check_cpu_clock(void)
{
	long long start = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	volatile unsigned long sink = 0;
	long long thread_cpu = now_ns(CLOCK_THREAD_CPUTIME_ID);

	for (unsigned long i = 0; i < 2000000; i++)
		sink += i ^ (sink >> 3);
	long long end = now_ns(CLOCK_PROCESS_CPUTIME_ID);

	printf("process CPU clock advanced over busy work: %s, thread CPU clock readable %s\n",
	       yes_no(end > start), yes_no(thread_cpu >= 0));
}

static void check_sleeps(void)
{
	struct timespec req = { 0, 20000000 }, rem = { 1, 1 };
	long long t0 = now_ns(CLOCK_MONOTONIC);
	int rc = nanosleep(&req, &rem);
	long long slept = now_ns(CLOCK_MONOTONIC) - t0;

	printf("nanosleep 20 ms: returned %d, elapsed >= 20 ms %s\n", rc,
	       yes_no(slept >= 20000000));
	req = (struct timespec){ 0, 1000000000 };
	errno = 0;
	rc = nanosleep(&req, NULL);
	printf("nanosleep with tv_nsec = 1e9: %d errno EINVAL %s\n", rc, yes_no(errno == EINVAL));

	req = (struct timespec){ 0, 10000000 };
	t0 = now_ns(CLOCK_MONOTONIC);
	rc = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	slept = now_ns(CLOCK_MONOTONIC) - t0;
	printf("clock_nanosleep relative 10 ms: returned %d, elapsed >= 10 ms %s\n", rc,
	       yes_no(slept >= 10000000));

	struct timespec target;

	clock_gettime(CLOCK_MONOTONIC, &target);
	target.tv_nsec += 15000000;
	if (target.tv_nsec >= 1000000000) {
		target.tv_sec++;
		target.tv_nsec -= 1000000000;
	}
	rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, NULL);
	printf("clock_nanosleep TIMER_ABSTIME +15 ms: returned %d, woke at or after target %s\n",
	       rc, yes_no(now_ns(CLOCK_MONOTONIC) >= ns_of(target)));
	/* 100 s back, or the clock's zero when the host booted less than 100 s ago: a
	   negative tv_sec would be EINVAL, not a past instant. */
	target.tv_sec = target.tv_sec > 100 ? target.tv_sec - 100 : 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, NULL);
	printf("clock_nanosleep to a past instant returns at once: %d\n", rc);
}

static void check_wall_clocks(void)
{
	struct timeval tv;
	int rc = gettimeofday(&tv, NULL);
	time_t t = time(NULL);
	long long rt = now_ns(CLOCK_REALTIME) / 1000000000LL;
	long long diff = (long long)tv.tv_sec - (long long)t;

	printf("gettimeofday: %d, agrees with time() within 2 s %s, usec in range %s\n", rc,
	       yes_no(diff >= -2 && diff <= 2), yes_no(tv.tv_usec >= 0 && tv.tv_usec < 1000000));
	printf("CLOCK_REALTIME agrees with time() within 2 s: %s, after 2020 %s\n",
	       yes_no(rt - t >= -2 && rt - t <= 2), yes_no(t > 1577836800));
}

static void check_process_times(void)
{
	struct tms tms;
	struct rusage ru;
	clock_t c = times(&tms);
	int rc = getrusage(RUSAGE_SELF, &ru);

	printf("times: returned a value %s, user+system ticks non-negative %s\n",
	       yes_no(c != (clock_t)-1), yes_no(tms.tms_utime >= 0 && tms.tms_stime >= 0));
	printf("getrusage(RUSAGE_SELF): %d, times non-negative %s\n", rc,
	       yes_no(ru.ru_utime.tv_sec >= 0 && ru.ru_stime.tv_sec >= 0 &&
		      ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000));
	printf("getrusage(RUSAGE_CHILDREN): %d\n", getrusage(RUSAGE_CHILDREN, &ru));
	printf("clock() non-negative: %s\n", yes_no(clock() >= 0));
}

static void check_calendar(void)
{
	time_t instant = 1234567890; /* 2009-02-13 23:31:30 UTC */
	struct tm local, utc;
	char buf[128];

	unsetenv("TZ");
	tzset();
	localtime_r(&instant, &local);
	gmtime_r(&instant, &utc);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j %u %Z", &local);
	printf("localtime with TZ unset: %s\n", buf);
	strftime(buf, sizeof(buf), "%A %d %B %Y, %I:%M %p, week %U, %%", &utc);
	printf("gmtime: %s, yday %d, wday %d, isdst %d\n", buf, utc.tm_yday, utc.tm_wday,
	       utc.tm_isdst);
	printf("timegm round trip of gmtime: %s\n", yes_no(timegm(&utc) == instant));
	struct tm leap = { .tm_year = 124, .tm_mon = 1, .tm_mday = 29, .tm_hour = 12 };

	printf("timegm 2024-02-29 12:00: %lld\n", (long long)timegm(&leap));
}

int main(void)
{
	check_clock("CLOCK_REALTIME", CLOCK_REALTIME);
	check_clock("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
	check_clock("CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
	check_cpu_clock();
	check_sleeps();
	check_wall_clocks();
	check_process_times();
	check_calendar();
	return 0;
}
