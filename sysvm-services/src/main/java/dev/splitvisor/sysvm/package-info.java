/**
 * The system VM, one per tenant: serves the hypercalls of all the tenant's user VMs. This
 * package holds its file services: files, directories, links, pipes, devices, the console.
 *
 * <p><b>Sessions.</b> {@link dev.splitvisor.sysvm.SystemVm#attach(SessionSpec)} gives each user
 * VM a {@code Session}: its own namespace, console, handle table (4096 live handles by
 * default, 0-2 pre-opened on the console) and port. A handle is an index into the session's
 * own table, so another session's handle names nothing (EBADF). {@code SystemVm.serve}
 * dispatches by opcode to {@code PathServices} (names: open, mkdir, unlink, rename, link,
 * symlink), {@code AttributeServices} (stat, readlink, access, chmod, utimens, statfs) and
 * {@code HandleServices} (read, write, seek, getdents, pipe, ioctl, poll, flock...). Inside,
 * a failure is a {@code VfsError} carrying the Linux errno; the port turns it, and any
 * unexpected host fault (as EIO), into a negated errno, so nothing reaches the host. A host
 * fault is counted ({@code SystemVm.hostFaults()}) and logged once per place it comes from.
 * Detaching (the VM ended or was killed) closes every handle, so peers see EOF, EPIPE or a
 * hang-up; a detached session answers ECANCELED.
 *
 * <p><b>Quotas.</b> Two levels, each answering the errno Linux gives for it. A session's own
 * share ({@link dev.splitvisor.sysvm.SessionSpec}): live handles, the size of its table
 * (EMFILE, default 4096 with the console's three); sockets (EMFILE, default 256); bytes of its
 * tmpfs file systems together, /tmp (or the in-memory root) and /dev/shm, plus 256 bytes per
 * object (ENOSPC, default 64 MiB). The tenant's ({@link dev.splitvisor.sysvm.Quotas}, over all
 * its sessions): handles past each session's console (ENFILE, default 1,048,576), sockets
 * (ENFILE, default 16,384), tmpfs bytes (ENOSPC, default 1 GiB) and bytes of regular files in
 * its writable host-directory volumes (EDQUOT, not counted by default; {@code Volumes}
 * explains what is counted). A {@code Quota} is one counter inside an optional wider one; a
 * session at its own limit never stops another session, and closing, unlinking, truncating or
 * detaching gives the room back at once. Outstanding requests are bounded by the transport:
 * one at a time per session on a direct port, the ring's entries (16 by default) on a ring
 * port, whose {@code call} then waits and {@code tryCall} answers EAGAIN.
 *
 * <p><b>Namespace and isolation.</b> A {@code Namespace} is a root file system plus file
 * systems mounted at guest paths: a {@code Tmpfs} (in memory, size-limited: the in-memory
 * root, /tmp, /dev from {@code DeviceFiles}), a {@code HostDirectory} (a host directory or
 * single file, optionally read-only), a {@code TarImage} (a tar archive, plain or gzip, read
 * into a tree of {@code ImageNode}s by {@code TarReader} at mount time, read-only) or a
 * {@code LayeredImage} (read-only layers of either kind seen as one tree, OCI whiteouts
 * honoured, for a root given as several layers).
 * {@code PathResolver} walks guest paths one component at a time in the guest namespace:
 * mount points are matched by guest path, symbolic links are read as text and resolved again
 * here (absolute targets from the session's "/", at most 40), and
 * ".." follows the walked chain ({@code GuestPath}), so it leaves a mount to the directory the
 * mount sits in and stops at "/". A {@code HostNode} only ever hands the host a path made of
 * its mount's real root and names checked one by one, with NOFOLLOW_LINKS on every call; since
 * the host still resolves the directories above the last name, a node re-checks them (one
 * lstat each, and its mount's root by its real path) whenever any host name changed since it
 * last looked ({@code HostNode} explains).
 * {@code Namespace.LOCK}, shared by every tenant because host directories may be shared,
 * keeps walks (shared) and name changes (alone) apart.
 *
 * <p><b>Open files.</b> {@code OpenFile} is an open file description; its kinds are
 * {@code RegularFile} (offset over a {@code FileData}: a tmpfs node's array or a host
 * {@code FileChannel}), {@code DirectoryFile} (a snapshot listing for GETDENTS),
 * {@code PathFile} (O_PATH), {@code PipeEnd}, {@code ConsoleFile} and the devices.
 *
 * <p><b>Never waiting.</b> No request waits: an empty pipe, a full pipe, console input not yet
 * typed or a conflicting flock answer {@code Errno.WOULD_BLOCK} (EAGAIN for non-blocking
 * handles), and every change that may end such a wait moves the tenant's {@code Events} count,
 * which {@code awaitEvent} sleeps on. Console input is pumped by one daemon thread per
 * {@link dev.splitvisor.sysvm.Console}, started on first use.
 *
 * <p><b>Network.</b> Each tenant has one {@link dev.splitvisor.sysvm.Network}: its port tables
 * and AF_UNIX names, so loopback and AF_UNIX traffic between its user VMs stays in memory
 * ({@link dev.splitvisor.sysvm.LoopbackConnection}). Host traffic goes through Netty on a
 * shared event loop ({@link dev.splitvisor.sysvm.NettyLoop}): egress only to what the
 * tenant's {@link dev.splitvisor.sysvm.NetworkPolicy} allows, inbound only on published ports.
 * Sockets and epoll instances are open files of the session like any other handle.
 *
 * <p><b>Rings.</b> {@link dev.splitvisor.sysvm.SystemVm#attachRing} (or {@code attach} of a
 * system VM built with a {@code RingConfig}) gives the VM a region of shared rings instead of a
 * direct port; {@link dev.splitvisor.sysvm.RingServer} serves all the tenant's regions with a
 * few host threads, round-robin, a bounded batch per turn, decoding each entry and calling the
 * same {@code serve}.
 *
 * <p><b>Threads.</b> Sessions of one tenant are called from different host threads at once; a
 * session serves its own requests one at a time (they share one 64 KiB staging buffer). Pipes,
 * tmpfs nodes, the flock table and the console buffer guard themselves with their monitors.
 */
package dev.splitvisor.sysvm;
