package dev.splitvisor.cpu;

import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises #UD for byte sequences that are not instructions, and for instructions this CPU does
 * not implement, logging each distinct opcode once with the bytes that were met.
 */
public final class Unimplemented {
    private static final Logger LOG = LoggerFactory.getLogger("cpu");
    private static final ConcurrentHashMap<Integer, Boolean> SEEN = new ConcurrentHashMap<>();

    private Unimplemented() {
    }

    /** Logs once per opcode and returns the #UD (or #GP for an over-long instruction) to throw. */
    public static GuestFault undefined(Cpu cpu, Insn i) {
        if (i.len > Decoder.MAX_LENGTH) {
            return new GuestFault(GuestFault.GP, 0, 0);
        }
        int key = (i.opcode << 4) | (i.simdPrefix() << 1) | (i.undefined ? 1 : 0);
        if (SEEN.putIfAbsent(key, Boolean.TRUE) == null && LOG.isWarnEnabled()) {
            LOG.warn("#UD at rip 0x{}: {} opcode {}, bytes {}", Long.toHexString(cpu.rip),
                    i.undefined ? "undefined" : "unimplemented", opcodeName(i), bytes(cpu, i));
        }
        return GuestFault.of(GuestFault.UD);
    }

    private static String opcodeName(Insn i) {
        String map = i.opcode < 0x100 ? "" : i.opcode < 0x200 ? "0F " : i.opcode < 0x300
                ? "0F38 " : "0F3A ";
        return map + String.format("%02X", i.opcode & 0xFF)
                + (i.modrm >= 0 ? "/" + ((i.modrm >>> 3) & 7) : "");
    }

    private static String bytes(Cpu cpu, Insn i) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(Math.max(i.len, 1), Decoder.MAX_LENGTH);
        for (int k = 0; k < n; k++) {
            try {
                sb.append(String.format("%02x ", cpu.mem.read8(cpu.rip + k)));
            } catch (RuntimeException unreadable) {
                sb.append("?? ");
            }
        }
        return sb.toString().trim();
    }
}
