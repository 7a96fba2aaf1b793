package dev.splitvisor.cpu;

import java.nio.charset.StandardCharsets;

/**
 * CPUID: a real-looking Intel CPU that reports exactly the features this emulator implements
 * (glibc and musl choose code paths from it): x87, CMOV, CX8, CX16, MMX, FXSR, SSE to SSE4.2,
 * POPCNT, MOVBE, LZCNT, BMI1, BMI2, ADX, RDRAND, RDSEED, RDTSCP, LAHF in 64-bit mode, SYSCALL,
 * NX and long mode, which covers the x86-64 baseline ISA level that glibc's loader demands
 * (CMOV, CX8, FPU, FXSR, MMX, SSE, SSE2, SYSCALL). It does not report AVX, XSAVE, AES or
 * PCLMULQDQ, which are not implemented. The hypervisor bit is set and leaf 0x40000000 names
 * Splitvisor.
 */
public final class Cpuid {
    // Leaf 1 EDX: FPU, TSC, CX8, CMOV, CLFSH, MMX, FXSR, SSE, SSE2.
    static final int LEAF1_EDX = 1 | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 23)
            | (1 << 24) | (1 << 25) | (1 << 26);
    // Leaf 1 ECX: SSE3, SSSE3, CX16, SSE4.1, SSE4.2, MOVBE, POPCNT, RDRAND, hypervisor.
    static final int LEAF1_ECX = 1 | (1 << 9) | (1 << 13) | (1 << 19) | (1 << 20) | (1 << 22)
            | (1 << 23) | (1 << 30) | (1 << 31);
    // Leaf 7 EBX: BMI1, BMI2, ERMS, RDSEED, ADX.
    static final int LEAF7_EBX = (1 << 3) | (1 << 8) | (1 << 9) | (1 << 18) | (1 << 19);
    // Leaf 0x80000001 ECX: LAHF/SAHF, LZCNT, PREFETCHW. EDX: SYSCALL, NX, RDTSCP, LM.
    static final int EXT1_ECX = 1 | (1 << 5) | (1 << 8);
    static final int EXT1_EDX = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29);
    /** Family 6, model 0x55 (a Cascade-Lake-like core), stepping 7. */
    static final int SIGNATURE = 0x00050657;

    private static final int[] VENDOR = registers("GenuineIntel");
    private static final int[] BRAND = registers(padded("Splitvisor x86-64 virtual CPU", 48));
    private static final int[] HYPERVISOR = registers("SplitvisorVM");

    private Cpuid() {
    }

    /** AT_HWCAP for the auxiliary vector: the leaf-1 EDX feature bits, as Linux passes them. */
    public static long hwcap() {
        return LEAF1_EDX & 0xFFFFFFFFL;
    }

    static void execute(Cpu c) {
        int leaf = (int) c.gpr[Cpu.RAX];
        int sub = (int) c.gpr[Cpu.RCX];
        int[] r = query(leaf, sub);
        c.gpr[Cpu.RAX] = r[0] & 0xFFFFFFFFL;
        c.gpr[Cpu.RBX] = r[1] & 0xFFFFFFFFL;
        c.gpr[Cpu.RCX] = r[2] & 0xFFFFFFFFL;
        c.gpr[Cpu.RDX] = r[3] & 0xFFFFFFFFL;
    }

    /** EAX, EBX, ECX, EDX for a leaf and sub-leaf. */
    static int[] query(int leaf, int sub) {
        switch (leaf) {
            case 0: return new int[] {7, VENDOR[0], VENDOR[2], VENDOR[1]};
            case 1: return new int[] {SIGNATURE, 0x00010800, LEAF1_ECX, LEAF1_EDX};
            case 2: return new int[] {0x00FEFF01, 0, 0, 0}; // descriptors: see leaf 4
            case 4: return cacheLevel(sub);
            case 7: return sub == 0 ? new int[] {0, LEAF7_EBX, 0, 0} : new int[4];
            case 0x40000000: return new int[] {0x40000000, HYPERVISOR[0], HYPERVISOR[1],
                HYPERVISOR[2]};
            case 0x80000000: return new int[] {0x80000008, 0, 0, 0};
            case 0x80000001: return new int[] {0, 0, EXT1_ECX, EXT1_EDX};
            case 0x80000002: case 0x80000003: case 0x80000004: {
                int base = (leaf - 0x80000002) * 4;
                return new int[] {BRAND[base], BRAND[base + 1], BRAND[base + 2], BRAND[base + 3]};
            }
            case 0x80000006: return new int[] {0, 0, (1024 << 16) | (8 << 12) | 64, 0};
            case 0x80000007: return new int[] {0, 0, 0, 1 << 8}; // invariant TSC
            case 0x80000008: return new int[] {0x3027, 0, 0, 0}; // 39-bit physical, 48 linear
            default: return new int[4];
        }
    }

    /** Deterministic cache parameters: 32 KiB L1d and L1i, 1 MiB L2, 16 MiB L3. */
    private static int[] cacheLevel(int sub) {
        switch (sub) {
            case 0: return cache(1, 1, 8, 64);     // L1 data
            case 1: return cache(2, 1, 8, 64);     // L1 instruction
            case 2: return cache(3, 2, 16, 1024);  // unified L2
            case 3: return cache(3, 3, 16, 16384); // unified L3
            default: return new int[4];
        }
    }

    private static int[] cache(int type, int level, int ways, int sets) {
        int eax = type | (level << 5) | (1 << 8);
        int ebx = ((ways - 1) << 22) | 63; // one partition, 64-byte lines
        return new int[] {eax, ebx, sets - 1, 0};
    }

    private static String padded(String s, int n) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < n) {
            sb.append('\0');
        }
        return sb.toString();
    }

    private static int[] registers(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        int[] r = new int[b.length / 4];
        for (int k = 0; k < r.length; k++) {
            r[k] = (b[4 * k] & 0xFF) | (b[4 * k + 1] & 0xFF) << 8 | (b[4 * k + 2] & 0xFF) << 16
                    | (b[4 * k + 3] & 0xFF) << 24;
        }
        return r;
    }
}
