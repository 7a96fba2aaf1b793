package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A socket address in the tenant's network namespace: an IPv4 or IPv6 address and port, or an
 * AF_UNIX name (a path, an abstract name, or none). Immutable. It reads and writes the Linux
 * {@code sockaddr_in}, {@code sockaddr_in6} and {@code sockaddr_un} layouts: the family is a
 * little-endian u16, ports are big-endian, as the guest's C library expects.
 */
final class SockAddr {
    static final int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    /** Bytes of sockaddr_in, sockaddr_in6 and sockaddr_un. */
    static final int IN_LEN = 16, IN6_LEN = 28, UN_LEN = 110;
    /** Bytes of the address buffers that ACCEPT, RECVFROM and GET*NAME fill. */
    static final int BUFFER = 128;

    private static final byte[] V4_ANY = new byte[4];
    private static final byte[] V4_LOOPBACK = {127, 0, 0, 1};
    private static final byte[] V6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    final int family;
    /** 4 or 16 address bytes (network order), or null for AF_UNIX. */
    private final byte[] ip;
    final int port;
    /** The AF_UNIX name: a path, "\0abstract", or "" when unnamed; null for IP. */
    final String unixName;

    private SockAddr(int family, byte[] ip, int port, String unixName) {
        this.family = family;
        this.ip = ip;
        this.port = port;
        this.unixName = unixName;
    }

    static SockAddr inet(byte[] ip, int port) {
        return new SockAddr(ip.length == 4 ? AF_INET : AF_INET6, ip.clone(), port, null);
    }

    static SockAddr unix(String name) {
        return new SockAddr(AF_UNIX, null, 0, name);
    }

    /** The wildcard address of {@code family} with {@code port}. */
    static SockAddr any(int family, int port) {
        return inet(family == AF_INET ? V4_ANY : new byte[16], port);
    }

    /** The loopback address of {@code family} with {@code port}. */
    static SockAddr loopback(int family, int port) {
        return inet(family == AF_INET ? V4_LOOPBACK : V6_LOOPBACK, port);
    }

    /** This address with another port. */
    SockAddr withPort(int newPort) {
        return new SockAddr(family, ip, newPort, unixName);
    }

    /**
     * Reads the struct sockaddr the guest passed (its whole length is the grant's): the
     * address, or throws EINVAL for a short one, EFAULT for unreadable memory and
     * EAFNOSUPPORT for a family this service does not know.
     */
    static SockAddr read(Grant g) {
        if (g == null) {
            throw new VfsError(Errno.EFAULT);
        }
        int len = Math.min(g.length(), BUFFER);
        if (len < 2) {
            throw new VfsError(Errno.EINVAL);
        }
        byte[] b = new byte[len];
        if (g.copyOut(0, b, 0, len) < 0) {
            throw new VfsError(Errno.EFAULT);
        }
        int family = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        switch (family) {
            case AF_INET: return parseIn(b, len, 4, 4, IN_LEN);
            case AF_INET6: return parseIn(b, len, 8, 16, 24);
            case AF_UNIX: return parseUnix(b, len);
            case AF_UNSPEC: return new SockAddr(AF_UNSPEC, null, 0, null);
            default: throw new VfsError(Errno.EAFNOSUPPORT);
        }
    }

    private static SockAddr parseIn(byte[] b, int len, int ipAt, int ipLen, int minLen) {
        if (len < minLen) {
            throw new VfsError(Errno.EINVAL);
        }
        int port = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        return inet(Arrays.copyOfRange(b, ipAt, ipAt + ipLen), port);
    }

    private static SockAddr parseUnix(byte[] b, int len) {
        if (len == 2) {
            return unix("");
        }
        if (b[2] == 0) {
            // An abstract name is every byte the length covers, NULs included.
            return unix("\0" + new String(b, 3, len - 3, StandardCharsets.ISO_8859_1));
        }
        int end = 2;
        while (end < len && b[end] != 0) {
            end++;
        }
        return unix(new String(b, 2, end - 2, StandardCharsets.ISO_8859_1));
    }

    /** The Linux layout of this address; its length is the address length. */
    byte[] encode() {
        byte[] b;
        if (family == AF_UNIX) {
            byte[] name = unixName.getBytes(StandardCharsets.ISO_8859_1);
            boolean path = !unixName.isEmpty() && unixName.charAt(0) != 0;
            b = new byte[2 + name.length + (path ? 1 : 0)];
            System.arraycopy(name, 0, b, 2, name.length);
        } else if (family == AF_INET) {
            b = new byte[IN_LEN];
            System.arraycopy(ip, 0, b, 4, 4);
        } else {
            b = new byte[IN6_LEN];
            System.arraycopy(ip, 0, b, 8, 16);
        }
        b[0] = (byte) family;
        b[1] = (byte) (family >>> 8);
        if (family != AF_UNIX) {
            b[2] = (byte) (port >>> 8);
            b[3] = (byte) port;
        }
        return b;
    }

    /** Writes the address and, when {@code lengthAtEnd}, its length in the last 4 bytes. */
    long writeTo(Grant g, boolean lengthAtEnd) {
        if (g == null) {
            return 0;
        }
        byte[] b = encode();
        int n = Math.min(b.length, g.length());
        int put = g.copyIn(0, b, 0, n);
        if (put < 0) {
            return put;
        }
        if (lengthAtEnd) {
            if (g.length() < BUFFER) {
                return -Errno.EINVAL;
            }
            byte[] len = {(byte) b.length, (byte) (b.length >>> 8), 0, 0};
            put = g.copyIn(BUFFER - 4, len, 0, 4);
            if (put < 0) {
                return put;
            }
        }
        return b.length;
    }

    boolean isUnix() {
        return family == AF_UNIX;
    }

    /** 127.0.0.0/8, ::1, or an IPv4-mapped 127.x address. */
    boolean isLoopback() {
        byte[] v4 = ipv4();
        if (v4 != null) {
            return v4[0] == 127;
        }
        return ip != null && Arrays.equals(ip, V6_LOOPBACK);
    }

    /** 0.0.0.0, :: or ::ffff:0.0.0.0. */
    boolean isAny() {
        byte[] v4 = ipv4();
        if (v4 != null) {
            return Arrays.equals(v4, V4_ANY);
        }
        return ip != null && Arrays.equals(ip, new byte[16]);
    }

    /** The IPv4 address, also out of an IPv4-mapped IPv6 one; null otherwise. */
    private byte[] ipv4() {
        if (ip == null) {
            return null;
        }
        if (ip.length == 4) {
            return ip;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return null;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF ? Arrays.copyOfRange(ip, 12, 16)
                : null;
    }

    /**
     * This address as a socket of {@code target} family sees it: IPv4 becomes IPv4-mapped
     * IPv6, and IPv6 loopback or mapped addresses become IPv4.
     */
    SockAddr inFamily(int target) {
        if (family == target || family == AF_UNIX || target == AF_UNIX) {
            return this;
        }
        if (target == AF_INET6) {
            byte[] mapped = new byte[16];
            mapped[10] = mapped[11] = (byte) 0xFF;
            System.arraycopy(ip, 0, mapped, 12, 4);
            return inet(mapped, port);
        }
        byte[] v4 = ipv4();
        return inet(v4 != null ? v4 : V4_LOOPBACK, port);
    }

    /** The host socket address this names, without any name lookup. */
    InetSocketAddress toInet() {
        try {
            byte[] v4 = ipv4();
            return new InetSocketAddress(InetAddress.getByAddress(v4 != null ? v4 : ip), port);
        } catch (UnknownHostException e) {
            throw new VfsError(Errno.EINVAL); // unreachable: the byte count is always 4 or 16
        }
    }

    /** The address of a host socket address, in {@code family}'s layout (v4-mapped in v6). */
    static SockAddr fromInet(InetSocketAddress a, int family) {
        byte[] raw = a.getAddress().getAddress();
        if (family == AF_INET6 && raw.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = mapped[11] = (byte) 0xFF;
            System.arraycopy(raw, 0, mapped, 12, 4);
            raw = mapped;
        } else if (family == AF_INET && raw.length == 16) {
            // A v6 peer cannot be shown to a v4 socket; only the host's loopback gets here.
            raw = V4_LOOPBACK;
        }
        return inet(raw, a.getPort());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SockAddr)) {
            return false;
        }
        SockAddr s = (SockAddr) o;
        return family == s.family && port == s.port && Arrays.equals(ip, s.ip)
                && java.util.Objects.equals(unixName, s.unixName);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ip) * 31 + port + (unixName == null ? 0 : unixName.hashCode());
    }

    @Override
    public String toString() {
        if (family == AF_UNIX) {
            return "unix:" + unixName.replace('\0', '@');
        }
        InetSocketAddress a = toInet();
        return a.getAddress().getHostAddress() + ":" + port;
    }
}
