package dev.splitvisor.sysvm;

/**
 * The Linux x86-64 errno values of the network service that {@code hypercall.Errno} does not
 * list. Kept here so the hypercall ABI module stays as it is; the numbers are Linux's.
 */
final class NetErrno {
    static final int EDESTADDRREQ = 89, EMSGSIZE = 90, EPROTOTYPE = 91, ENOPROTOOPT = 92,
            EPROTONOSUPPORT = 93, ESOCKTNOSUPPORT = 94, EADDRINUSE = 98, EADDRNOTAVAIL = 99,
            ENETUNREACH = 101, ECONNABORTED = 103, ECONNRESET = 104, EISCONN = 106,
            ENOTCONN = 107, ETIMEDOUT = 110, ECONNREFUSED = 111, EALREADY = 114,
            EINPROGRESS = 115;

    private NetErrno() {
    }
}
