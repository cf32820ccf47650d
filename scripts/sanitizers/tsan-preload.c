// ThreadSanitizer preload, built and preloaded by `./dev.sh sanitize thread` only. It makes two
// kinds of synchronization that happen outside instrumented code visible to TSan; without it
// TSan crashes on librdkafka's threads, or reports races between accesses that a lock orders.
//
// 1. C11 threads. librdkafka uses thrd_create, thrd_join, mtx_*, cnd_* and call_once. glibc 2.34+
//    implements them by calling its internal pthread functions directly, past TSan's interceptors:
//    - a thread started by thrd_create has no TSan state, and the first intercepted call on it
//      (calloc on "rdk:mock") crashes the TSan runtime (SEGV at 0xc38);
//    - a join TSan never saw leaves the thread "live", and the next thread that reuses its
//      pthread_t fails TSan's CHECK in ThreadRegistry::CreateThread;
//    - locks and waits TSan never saw hide librdkafka's happens-before edges, so our callbacks
//      run on librdkafka threads would be reported as racing with the code that handed them data.
//    Each function below does what glibc's does, through the public pthread API instead, which
//    resolves to TSan's interceptors in the instrumented executable (and to libc's elsewhere).
//    glibc's mtx_t, cnd_t and once_flag have the layout of pthread_mutex_t, pthread_cond_t and
//    pthread_once_t, and glibc casts them the same way.
//
// 2. Swift's Synchronization.Mutex on Linux. Its uncontended lock and unlock are atomics inlined
//    into our (instrumented) code, but a contended lock is taken by the kernel (FUTEX_LOCK_PI in
//    _MutexHandle._lockSlow) and a contended unlock released by it (FUTEX_UNLOCK_PI in
//    _unlockSlow), inside the uninstrumented libswiftSynchronization. TSan then misses the edge
//    and reports two `withLock` bodies as a "Swift access race" (seen on RoundRobinCounter and
//    ProgressReporter under concurrent tests). The wrappers below call the real slow paths and
//    tell TSan about the acquire / release on the lock word (the same address the inlined atomics
//    use). x86-64 only: `self` (the lock word's address) arrives in r13, Swift's self register.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <threads.h>

_Static_assert(sizeof(mtx_t) == sizeof(pthread_mutex_t), "mtx_t is a pthread mutex in glibc");
_Static_assert(sizeof(cnd_t) == sizeof(pthread_cond_t), "cnd_t is a pthread condition in glibc");
_Static_assert(sizeof(once_flag) == sizeof(pthread_once_t), "once_flag is a pthread once in glibc");
_Static_assert(sizeof(thrd_t) == sizeof(pthread_t), "thrd_t is a pthread_t in glibc");

/// glibc's mapping of pthread error numbers to C11 results.
static int c11_result(int error) {
    switch (error) {
    case 0: return thrd_success;
    case ENOMEM: case EAGAIN: return thrd_nomem;
    case ETIMEDOUT: return thrd_timedout;
    case EBUSY: return thrd_busy;
    default: return thrd_error;
    }
}

typedef struct {
    thrd_start_t start;
    void *argument;
} c11_thread_start;

static void *run_c11_thread(void *raw) {
    c11_thread_start start = *(c11_thread_start *)raw;
    free(raw);
    // thrd_join reads the int result back from the pointer, as glibc's own C11 threads do.
    return (void *)(intptr_t)start.start(start.argument);
}

int thrd_create(thrd_t *thread, thrd_start_t start, void *argument) {
    c11_thread_start *boxed = malloc(sizeof *boxed);
    if (boxed == NULL) return thrd_nomem;
    boxed->start = start;
    boxed->argument = argument;
    int error = pthread_create((pthread_t *)thread, NULL, run_c11_thread, boxed);
    if (error != 0) free(boxed);
    return c11_result(error);
}

int thrd_join(thrd_t thread, int *result) {
    void *returned = NULL;
    int error = pthread_join((pthread_t)thread, &returned);
    if (error == 0 && result != NULL) *result = (int)(intptr_t)returned;
    return c11_result(error);
}

int mtx_init(mtx_t *mutex, int type) {
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    if (type & mtx_recursive) pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    int error = pthread_mutex_init((pthread_mutex_t *)mutex, &attributes);
    pthread_mutexattr_destroy(&attributes);
    return c11_result(error);
}

int mtx_lock(mtx_t *mutex) { return c11_result(pthread_mutex_lock((pthread_mutex_t *)mutex)); }
int mtx_unlock(mtx_t *mutex) { return c11_result(pthread_mutex_unlock((pthread_mutex_t *)mutex)); }
void mtx_destroy(mtx_t *mutex) { pthread_mutex_destroy((pthread_mutex_t *)mutex); }

int cnd_init(cnd_t *condition) { return c11_result(pthread_cond_init((pthread_cond_t *)condition, NULL)); }
int cnd_signal(cnd_t *condition) { return c11_result(pthread_cond_signal((pthread_cond_t *)condition)); }
int cnd_broadcast(cnd_t *condition) { return c11_result(pthread_cond_broadcast((pthread_cond_t *)condition)); }
int cnd_wait(cnd_t *condition, mtx_t *mutex) {
    return c11_result(pthread_cond_wait((pthread_cond_t *)condition, (pthread_mutex_t *)mutex));
}
int cnd_timedwait(cnd_t *restrict condition, mtx_t *restrict mutex, const struct timespec *restrict deadline) {
    return c11_result(pthread_cond_timedwait((pthread_cond_t *)condition, (pthread_mutex_t *)mutex, deadline));
}
void cnd_destroy(cnd_t *condition) { pthread_cond_destroy((pthread_cond_t *)condition); }

void call_once(once_flag *flag, void (*function)(void)) { pthread_once((pthread_once_t *)flag, function); }

// MARK: Synchronization.Mutex slow paths

#define LOCK_SLOW "$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"
#define UNLOCK_SLOW "$s15Synchronization12_MutexHandleV11_unlockSlowyyF"

// TSan's annotation entry points, exported by the instrumented executable; absent (null) in
// uninstrumented processes such as `swift test` itself or Python, which then just forward.
extern void __tsan_acquire(void *address) __attribute__((weak));
extern void __tsan_release(void *address) __attribute__((weak));

/// The next definition of `name` after this library: libswiftSynchronization's.
static void *real_function(const char *name) {
    void *function = dlsym(RTLD_NEXT, name);
    if (function == NULL) abort();  // only reachable from a caller that linked the library
    return function;
}

__attribute__((visibility("hidden"), used)) void *kbench_real_lock_slow(void) {
    static void *function;
    if (function == NULL) function = real_function(LOCK_SLOW);
    return function;
}

__attribute__((visibility("hidden"), used)) void *kbench_real_unlock_slow(void) {
    static void *function;
    if (function == NULL) function = real_function(UNLOCK_SLOW);
    return function;
}

__attribute__((visibility("hidden"), used)) void kbench_lock_acquired(void *word) {
    if (__tsan_acquire != NULL) __tsan_acquire(word);
}

__attribute__((visibility("hidden"), used)) void kbench_lock_releasing(void *word) {
    if (__tsan_release != NULL) __tsan_release(word);
}

#if defined(__x86_64__)
// _lockSlow(UInt32): the argument in rdi, self in r13. Stack kept 16-byte aligned at each call.
__asm__(
    ".text\n"
    ".globl \"" LOCK_SLOW "\"\n"
    ".type \"" LOCK_SLOW "\",@function\n"
    "\"" LOCK_SLOW "\":\n"
    "    pushq %rbp\n"
    "    movq %rsp, %rbp\n"
    "    pushq %r13\n"                     // -8(%rbp): self
    "    pushq %rdi\n"                     // -16(%rbp): the argument
    "    call kbench_real_lock_slow\n"
    "    movq -16(%rbp), %rdi\n"
    "    movq -8(%rbp), %r13\n"
    "    call *%rax\n"
    "    movq -8(%rbp), %rdi\n"
    "    call kbench_lock_acquired\n"
    "    movq -8(%rbp), %r13\n"
    "    movq %rbp, %rsp\n"
    "    popq %rbp\n"
    "    ret\n"
    ".size \"" LOCK_SLOW "\", .-\"" LOCK_SLOW "\"\n"
);

// _unlockSlow(): self in r13.
__asm__(
    ".text\n"
    ".globl \"" UNLOCK_SLOW "\"\n"
    ".type \"" UNLOCK_SLOW "\",@function\n"
    "\"" UNLOCK_SLOW "\":\n"
    "    pushq %rbp\n"
    "    movq %rsp, %rbp\n"
    "    pushq %r13\n"                     // -8(%rbp): self
    "    subq $8, %rsp\n"
    "    movq %r13, %rdi\n"
    "    call kbench_lock_releasing\n"
    "    call kbench_real_unlock_slow\n"
    "    movq -8(%rbp), %r13\n"
    "    call *%rax\n"
    "    movq -8(%rbp), %r13\n"
    "    movq %rbp, %rsp\n"
    "    popq %rbp\n"
    "    ret\n"
    ".size \"" UNLOCK_SLOW "\", .-\"" UNLOCK_SLOW "\"\n"
);
#endif
