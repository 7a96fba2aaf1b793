/*
 * Splitvisor hypercall ABI, version 1: the shared region a guest kernel and its system VM
 * exchange requests through. docs/hypercall.md is the specification; this header repeats its
 * numbers for C. The opcode block is generated from Opcode.java by hypercall/gen-opcodes.sh,
 * and HeaderMatchesJavaTest checks every number here against the Java side.
 *
 * All fields are little-endian. Indices are free-running u32 counters: an entry's place is
 * (index & mask). The producer of a ring fills entries with plain stores, then publishes its
 * index with a release store; the consumer loads the index with acquire before reading them.
 */
#ifndef SPLITVISOR_HYPERCALL_H
#define SPLITVISOR_HYPERCALL_H

#include <stdint.h>

#define SVHC_VERSION 1
#define SVHC_MAGIC 0x43485653u /* "SVHC" */
#define SVHC_DOORBELL_PORT 0x5EE0 /* OUT, 32 bits: new submissions to serve */

/* Region header: byte offsets from the start of the region. */
#define SVHC_MAGIC_OFFSET 0
#define SVHC_VERSION_OFFSET 4
#define SVHC_SQ_ENTRIES_OFFSET 8
#define SVHC_SQ_MASK_OFFSET 12
#define SVHC_CQ_ENTRIES_OFFSET 16
#define SVHC_CQ_MASK_OFFSET 20
#define SVHC_SQ_ARRAY_OFFSET 24
#define SVHC_CQ_ARRAY_OFFSET 28
#define SVHC_DATA_OFFSET 32
#define SVHC_SLOT_BYTES_OFFSET 36
#define SVHC_REGION_BYTES_OFFSET 40
#define SVHC_STATE_OFFSET 48
#define SVHC_STATE_OPEN 0
#define SVHC_STATE_CLOSED 1

/* The four indices, each alone in a 128-byte block. */
#define SVHC_INDEX_STRIDE 128
#define SVHC_SQ_TAIL_OFFSET 128 /* written by the guest */
#define SVHC_SQ_HEAD_OFFSET 256 /* written by the system VM */
#define SVHC_CQ_TAIL_OFFSET 384 /* written by the system VM */
#define SVHC_CQ_HEAD_OFFSET 512 /* written by the guest */
#define SVHC_HEADER_BYTES 640

/* Submission entry. */
#define SVHC_SQE_BYTES 128
#define SVHC_SQE_OPCODE 0
#define SVHC_SQE_FLAGS 2
#define SVHC_SQE_HANDLE 4
#define SVHC_SQE_HANDLE2 8
#define SVHC_SQE_RESERVED 12
#define SVHC_SQE_USER_DATA 16
#define SVHC_SQE_ARG0 24
#define SVHC_SQE_ARG1 32
#define SVHC_SQE_GRANT 40
#define SVHC_SQE_GRANT2 56
#define SVHC_SQE_PATH 72
#define SVHC_SQE_PATH2 88

/* Buffer reference inside an entry. */
#define SVHC_REF_ADDR 0
#define SVHC_REF_LEN 8
#define SVHC_REF_FLAGS 12
#define SVHC_REF_BYTES 16
#define SVHC_REF_PRESENT 0x1
#define SVHC_REF_WRITABLE 0x2
#define SVHC_REF_REGION 0x4 /* addr is an offset into the region's data area */
#define SVHC_REF_ASID_SHIFT 16 /* bits 16-31: address-space id of a guest reference */
#define SVHC_REF_KNOWN_FLAGS 0xFFFF0007u

/* Completion entry. */
#define SVHC_CQE_BYTES 16
#define SVHC_CQE_USER_DATA 0
#define SVHC_CQE_RESULT 8

/* Limits. */
#define SVHC_PATH_MAX 4096
#define SVHC_MAX_GRANT 0x7FFFF000
#define SVHC_USER_LIMIT 0x800000000000ull

/* Errors a completion can carry besides the services' own: negated Linux errno values. */
#define SVHC_ECANCELED 125 /* the VM detached before the entry was served */

struct svhc_ref {
    uint64_t addr;
    uint32_t len;
    uint32_t flags;
};

struct svhc_sqe {
    uint16_t opcode;
    uint16_t flags; /* 0 in version 1 */
    int32_t handle;
    int32_t handle2;
    uint32_t reserved; /* 0 */
    uint64_t user_data;
    uint64_t arg0;
    uint64_t arg1;
    struct svhc_ref grant;
    struct svhc_ref grant2;
    struct svhc_ref path; /* UTF-8, no NUL */
    struct svhc_ref path2;
    uint8_t pad[24];
};

struct svhc_cqe {
    uint64_t user_data;
    int64_t result; /* >= 0, or a negated Linux errno */
};

struct svhc_header {
    uint32_t magic;
    uint32_t version;
    uint32_t sq_entries;
    uint32_t sq_mask;
    uint32_t cq_entries;
    uint32_t cq_mask;
    uint32_t sq_array;
    uint32_t cq_array;
    uint32_t data;
    uint32_t slot_bytes;
    uint64_t region_bytes;
    uint32_t state;
    uint8_t pad0[128 - 52];
    uint32_t sq_tail;
    uint8_t pad1[124];
    uint32_t sq_head;
    uint8_t pad2[124];
    uint32_t cq_tail;
    uint8_t pad3[124];
    uint32_t cq_head;
    uint8_t pad4[124];
};

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#include <stddef.h>
_Static_assert(sizeof(struct svhc_sqe) == SVHC_SQE_BYTES, "sqe size");
_Static_assert(offsetof(struct svhc_sqe, user_data) == SVHC_SQE_USER_DATA, "user_data");
_Static_assert(offsetof(struct svhc_sqe, arg1) == SVHC_SQE_ARG1, "arg1");
_Static_assert(offsetof(struct svhc_sqe, grant) == SVHC_SQE_GRANT, "grant");
_Static_assert(offsetof(struct svhc_sqe, grant2) == SVHC_SQE_GRANT2, "grant2");
_Static_assert(offsetof(struct svhc_sqe, path) == SVHC_SQE_PATH, "path");
_Static_assert(offsetof(struct svhc_sqe, path2) == SVHC_SQE_PATH2, "path2");
_Static_assert(sizeof(struct svhc_ref) == SVHC_REF_BYTES, "ref size");
_Static_assert(sizeof(struct svhc_cqe) == SVHC_CQE_BYTES, "cqe size");
_Static_assert(offsetof(struct svhc_header, state) == SVHC_STATE_OFFSET, "state");
_Static_assert(offsetof(struct svhc_header, sq_tail) == SVHC_SQ_TAIL_OFFSET, "sq_tail");
_Static_assert(offsetof(struct svhc_header, sq_head) == SVHC_SQ_HEAD_OFFSET, "sq_head");
_Static_assert(offsetof(struct svhc_header, cq_tail) == SVHC_CQ_TAIL_OFFSET, "cq_tail");
_Static_assert(offsetof(struct svhc_header, cq_head) == SVHC_CQ_HEAD_OFFSET, "cq_head");
_Static_assert(sizeof(struct svhc_header) == SVHC_HEADER_BYTES, "header size");
#endif

/* Opcodes: see Opcode.java (and docs/hypercall.md) for each one's arguments. */
/* BEGIN GENERATED OPCODES */
#define SVHC_OP_NOP 0
#define SVHC_OP_CONSOLE_WRITE 1
#define SVHC_OP_CONSOLE_READ 2
#define SVHC_OP_OPEN 3
#define SVHC_OP_CLOSE 4
#define SVHC_OP_READ 5
#define SVHC_OP_WRITE 6
#define SVHC_OP_SEEK 7
#define SVHC_OP_FSTAT 8
#define SVHC_OP_STAT 9
#define SVHC_OP_GETDENTS 10
#define SVHC_OP_MKDIR 11
#define SVHC_OP_UNLINK 12
#define SVHC_OP_RENAME 13
#define SVHC_OP_LINK 14
#define SVHC_OP_SYMLINK 15
#define SVHC_OP_READLINK 16
#define SVHC_OP_ACCESS 17
#define SVHC_OP_CHMOD 18
#define SVHC_OP_TRUNCATE 19
#define SVHC_OP_FSYNC 20
#define SVHC_OP_UTIMENS 21
#define SVHC_OP_PIPE 22
#define SVHC_OP_GETFL 23
#define SVHC_OP_SETFL 24
#define SVHC_OP_IOCTL 25
#define SVHC_OP_POLL 26
#define SVHC_OP_GETPATH 27
#define SVHC_OP_STATFS 28
#define SVHC_OP_FLOCK 29
#define SVHC_OP_EVENTFD 30
#define SVHC_OP_SOCKET 31
#define SVHC_OP_SOCKETPAIR 32
#define SVHC_OP_BIND 33
#define SVHC_OP_CONNECT 34
#define SVHC_OP_LISTEN 35
#define SVHC_OP_ACCEPT 36
#define SVHC_OP_SENDTO 37
#define SVHC_OP_RECVFROM 38
#define SVHC_OP_SHUTDOWN 39
#define SVHC_OP_GETSOCKOPT 40
#define SVHC_OP_SETSOCKOPT 41
#define SVHC_OP_GETSOCKNAME 42
#define SVHC_OP_GETPEERNAME 43
#define SVHC_OP_EPOLL_CREATE 44
#define SVHC_OP_EPOLL_CTL 45
#define SVHC_OP_EPOLL_WAIT 46
#define SVHC_OP_COUNT 47
/* END GENERATED OPCODES */

#endif /* SPLITVISOR_HYPERCALL_H */
