/*
 * threads.c - POSIX threads: mutexes, condition variables, barriers, thread-local storage,
 * pthread_once, join values, detached threads with a semaphore, key destructors, rwlocks.
 *
 * These are the paths through which libc drives clone(CLONE_THREAD|CLONE_SETTLS...), futex
 * wait and wake, set_tid_address / CLONE_CHILD_CLEARTID (join waits on the kernel clearing
 * the thread id) and the FS base of each thread. Thread interleaving differs from run to run,
 * so every result is stored per thread index and printed by main only after the joins:
 * totals, and one line per thread in index order. Each check is built so that a lost wakeup
 * hangs or a lost update changes a total.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define WORKERS 4
#define INCREMENTS 5000
#define QUEUE_CAP 8
#define ITEMS_PER_PRODUCER 500

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *increment_worker(void *arg)
{
	intptr_t index = (intptr_t)arg;

	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
	}
	return (void *)(index * 10 + 1);
}

static void check_mutex_and_join(void)
{
	pthread_t t[WORKERS];
	void *ret[WORKERS];

	for (intptr_t i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, increment_worker, (void *)i);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], &ret[i]);
	printf("mutex: counter %ld (expected %d)\n", counter, WORKERS * INCREMENTS);
	for (int i = 0; i < WORKERS; i++)
		printf("join %d returned %ld\n", i, (long)(intptr_t)ret[i]);
}

/* A bounded queue with two condition variables; producers and consumers share it. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	int items[QUEUE_CAP];
	int head, count, producers_left;
} queue = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
	    { 0 }, 0, 0, 2 };

static long consumed_sum[2], consumed_count[2];

static void *producer(void *arg)
{
	int base = (int)(intptr_t)arg * 100000;

	for (int i = 1; i <= ITEMS_PER_PRODUCER; i++) {
		pthread_mutex_lock(&queue.lock);
		while (queue.count == QUEUE_CAP)
			pthread_cond_wait(&queue.not_full, &queue.lock);
		queue.items[(queue.head + queue.count++) % QUEUE_CAP] = base + i;
		pthread_cond_signal(&queue.not_empty);
		pthread_mutex_unlock(&queue.lock);
	}
	pthread_mutex_lock(&queue.lock);
	queue.producers_left--;
	pthread_cond_broadcast(&queue.not_empty);
	pthread_mutex_unlock(&queue.lock);
	return NULL;
}

static void *consumer(void *arg)
{
	int index = (int)(intptr_t)arg;

	pthread_mutex_lock(&queue.lock);
	for (;;) {
		while (queue.count == 0 && queue.producers_left > 0)
			pthread_cond_wait(&queue.not_empty, &queue.lock);
		if (queue.count == 0)
			break;
		consumed_sum[index] += queue.items[queue.head];
		consumed_count[index]++;
		queue.head = (queue.head + 1) % QUEUE_CAP;
		queue.count--;
		pthread_cond_signal(&queue.not_full);
	}
	pthread_mutex_unlock(&queue.lock);
	return NULL;
}

static void check_producer_consumer(void)
{
	pthread_t p[2], c[2];

	for (intptr_t i = 0; i < 2; i++) {
		pthread_create(&c[i], NULL, consumer, (void *)i);
		pthread_create(&p[i], NULL, producer, (void *)(i + 1));
	}
	for (int i = 0; i < 2; i++) {
		pthread_join(p[i], NULL);
		pthread_join(c[i], NULL);
	}
	long n = consumed_count[0] + consumed_count[1];
	long sum = consumed_sum[0] + consumed_sum[1];
	long expect = 0;

	for (int k = 1; k <= 2; k++)
		expect += (long)k * 100000 * ITEMS_PER_PRODUCER +
			  (long)ITEMS_PER_PRODUCER * (ITEMS_PER_PRODUCER + 1) / 2;
	printf("queue: consumed %ld items, sum %ld, matches %s, left in queue %d\n", n, sum,
	       sum == expect ? "yes" : "no", queue.count);
}

/* Thread-local storage: both spellings, with non-zero initial values from the TLS image. */
static __thread int tls_plain = 100;
static _Thread_local long tls_c11 = -5;
static _Thread_local char tls_text[16] = "initial";

static pthread_barrier_t barrier;
static int phase_one[WORKERS];
static int saw_all[WORKERS];
static long tls_result[WORKERS][3];
static char tls_text_result[WORKERS][16];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static int serial_threads;

static void once_init(void)
{
	once_runs++;
}

static void *barrier_worker(void *arg)
{
	int index = (int)(intptr_t)arg;
	int seen = 0;

	tls_result[index][0] = tls_plain;
	tls_plain += index;
	tls_c11 *= index + 1;
	snprintf(tls_text, sizeof(tls_text), "thread-%d", index);
	pthread_once(&once, once_init);
	phase_one[index] = index + 1;
	if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
		__atomic_fetch_add(&serial_threads, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < WORKERS; i++)
		seen += phase_one[i] == i + 1;
	saw_all[index] = seen == WORKERS;
	/* A second round reuses the barrier, which must reset itself. */
	pthread_barrier_wait(&barrier);
	tls_result[index][1] = tls_plain;
	tls_result[index][2] = tls_c11;
	memcpy(tls_text_result[index], tls_text, sizeof(tls_text));
	return NULL;
}

static void check_barrier_tls_once(void)
{
	pthread_t t[WORKERS];

	pthread_barrier_init(&barrier, NULL, WORKERS);
	for (intptr_t i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, barrier_worker, (void *)i);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);
	printf("barrier: serial threads %d, once ran %d time(s)\n", serial_threads, once_runs);
	for (int i = 0; i < WORKERS; i++)
		printf("thread %d: saw all phase-one writes %s, tls initial %ld, after %ld, "
		       "c11 %ld, text %s\n",
		       i, saw_all[i] ? "yes" : "no", tls_result[i][0], tls_result[i][1],
		       tls_result[i][2], tls_text_result[i]);
	printf("main thread tls untouched: %d %ld %s\n", tls_plain, tls_c11, tls_text);
}

static sem_t detached_done;
static int detached_value;

static void *detached_worker(void *arg)
{
	detached_value = (int)(intptr_t)arg * 3;
	sem_post(&detached_done);
	return NULL;
}

static void check_detached_semaphore(void)
{
	pthread_t t;
	pthread_attr_t attr;
	int state = -1;

	sem_init(&detached_done, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_getdetachstate(&attr, &state);
	pthread_create(&t, &attr, detached_worker, (void *)(intptr_t)14);
	pthread_attr_destroy(&attr);
	sem_wait(&detached_done);
	printf("detached: attribute detached %s, value %d, trywait on empty %d\n",
	       state == PTHREAD_CREATE_DETACHED ? "yes" : "no", detached_value,
	       sem_trywait(&detached_done));
	sem_destroy(&detached_done);
}

static pthread_key_t key;
static int destructor_calls;
static long destructor_sum;

static void key_destructor(void *value)
{
	__atomic_fetch_add(&destructor_calls, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&destructor_sum, (long)(intptr_t)value, __ATOMIC_SEQ_CST);
}

static void *key_worker(void *arg)
{
	intptr_t index = (intptr_t)arg;

	/* Thread 0 leaves its value NULL: destructors must not run for NULL values. */
	if (index != 0)
		pthread_setspecific(key, (void *)(index * 7));
	return pthread_getspecific(key);
}

static void check_key_destructors(void)
{
	pthread_t t[WORKERS];
	void *ret;
	long returned = 0;

	pthread_key_create(&key, key_destructor);
	for (intptr_t i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, key_worker, (void *)i);
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(t[i], &ret);
		returned += (long)(intptr_t)ret;
	}
	printf("keys: getspecific total %ld, destructor calls %d, sum %ld, main value null %s\n",
	       returned, destructor_calls, destructor_sum,
	       pthread_getspecific(key) == NULL ? "yes" : "no");
	pthread_key_delete(key);
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static long shared_pair[2];
static int torn_reads;

static void *rw_worker(void *arg)
{
	int index = (int)(intptr_t)arg;

	for (int i = 0; i < 300; i++) {
		if (index == 0 || i % 10 == 0) {
			pthread_rwlock_wrlock(&rwlock);
			shared_pair[0]++;
			shared_pair[1]--;
		} else {
			pthread_rwlock_rdlock(&rwlock);
			if (shared_pair[0] + shared_pair[1] != 0)
				__atomic_fetch_add(&torn_reads, 1, __ATOMIC_SEQ_CST);
		}
		pthread_rwlock_unlock(&rwlock);
	}
	return NULL;
}

static void check_rwlock(void)
{
	pthread_t t[WORKERS];

	for (intptr_t i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, rw_worker, (void *)i);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	printf("rwlock: writes %ld, pair sum %ld, torn reads %d, tryrdlock %d\n", shared_pair[0],
	       shared_pair[0] + shared_pair[1], torn_reads, pthread_rwlock_tryrdlock(&rwlock));
	pthread_rwlock_unlock(&rwlock);
}

int main(void)
{
	check_mutex_and_join();
	check_producer_consumer();
	check_barrier_tls_once();
	check_detached_semaphore();
	check_key_destructors();
	check_rwlock();
	printf("self equal: %s\n", pthread_equal(pthread_self(), pthread_self()) ? "yes" : "no");
	return 0;
}
