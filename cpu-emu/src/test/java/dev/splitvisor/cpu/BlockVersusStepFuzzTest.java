package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random straight-line programs of the common integer forms, with forward Jcc and JMP between
 * them, run through the block cache (followed branches, folded jumps, fused compares, inline
 * forms) and by single-stepping: registers, flags, memory, RIP and the retired count must agree.
 * SETcc and ADC read the flags that fused compares leave behind.
 */
class BlockVersusStepFuzzTest {
    /** Registers the programs write: RAX, RCX, RDX, RBP, RSI, RDI (RBX holds DATA, RSP the stack). */
    private static final int[] REGS = {0, 1, 2, 5, 6, 7};

    @Test
    void randomProgramsRunTheSameInBlocksAndStepByStep() {
        SplittableRandom rnd = new SplittableRandom(20261204);
        for (int n = 0; n < 3000; n++) {
            byte[] code = program(rnd, 4 + rnd.nextInt(24));
            long[] regs = new long[16];
            for (int r = 0; r < 16; r++) {
                regs[r] = rnd.nextInt(3) == 0 ? rnd.nextInt(8) - 4 : rnd.nextLong();
            }
            CpuHarness run = prepared(code, regs, rnd.nextLong());
            CpuHarness step = prepared(code, regs, run.mem.read64(CpuHarness.DATA));
            int exitRun = run.cpu.run(10_000);
            int exitStep = Cpu.EXIT_BUDGET;
            while (exitStep == Cpu.EXIT_BUDGET) {
                exitStep = step.cpu.step();
            }
            String what = hex(code);
            assertEquals(exitStep, exitRun, what);
            assertArrayEquals(step.cpu.gpr, run.cpu.gpr, what);
            assertEquals(step.cpu.getRflags(), run.cpu.getRflags(), what);
            assertEquals(step.cpu.rip, run.cpu.rip, what);
            assertEquals(step.cpu.retired, run.cpu.retired, what);
            for (int k = 0; k < 128; k += 8) {
                assertEquals(step.mem.read64(CpuHarness.DATA + k),
                        run.mem.read64(CpuHarness.DATA + k), what);
            }
        }
    }

    private static CpuHarness prepared(byte[] code, long[] regs, long data) {
        CpuHarness h = new CpuHarness();
        System.arraycopy(regs, 0, h.cpu.gpr, 0, 16);
        h.cpu.gpr[Cpu.RBX] = CpuHarness.DATA;
        h.cpu.gpr[Cpu.RSP] = CpuHarness.STACK_TOP - 0x100;
        h.mem.write64(CpuHarness.DATA, data);
        h.mem.poke(CpuHarness.CODE, code, 0, code.length);
        h.cpu.rip = CpuHarness.CODE;
        return h;
    }

    /** {@code count} random instructions, then INT3; branches only go forward. */
    private static byte[] program(SplittableRandom rnd, int count) {
        List<byte[]> insns = new ArrayList<>();
        List<Integer> branches = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int kind = rnd.nextInt(20);
            if (kind < 3) {
                branches.add(insns.size());
                insns.add(kind == 0 ? new byte[] {(byte) 0xEB, 0}
                        : new byte[] {(byte) (0x70 + rnd.nextInt(16)), 0});
            } else {
                insns.add(instruction(rnd, kind));
            }
        }
        insns.add(new byte[] {(byte) 0xCC});
        for (int b : branches) {
            int target = b + 1 + rnd.nextInt(insns.size() - b - 1);
            int distance = 0;
            for (int k = b + 1; k < target; k++) {
                distance += insns.get(k).length;
            }
            insns.get(b)[1] = (byte) Math.min(distance, 127);
            if (distance > 127) {
                insns.get(b)[1] = 0;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] i : insns) {
            out.writeBytes(i);
        }
        return out.toByteArray();
    }

    private static byte[] instruction(SplittableRandom rnd, int kind) {
        int d = REGS[rnd.nextInt(REGS.length)];
        int s = REGS[rnd.nextInt(REGS.length)];
        int rr = 0xC0 | s << 3 | d;
        byte imm = (byte) (rnd.nextInt(5) == 0 ? rnd.nextInt(256) : rnd.nextInt(9) - 4);
        byte disp = (byte) (8 * rnd.nextInt(16));
        int[] alu = {0x01, 0x29, 0x39, 0x21, 0x09, 0x31, 0x85, 0x11};
        switch (kind) {
            case 3: return bytes(0x48, 0x89, rr);
            case 4: return bytes(0x89, rr);
            case 5: return bytes(0x48, alu[rnd.nextInt(alu.length)], rr);
            case 6: return bytes(alu[rnd.nextInt(alu.length)], rr);
            case 7: return bytes(0x83, 0xC0 | (new int[] {0, 5, 7, 4})[rnd.nextInt(4)] << 3 | d,
                    imm);
            case 8: return bytes(0x48, 0x83, 0xF8 | d, imm);
            case 9: return bytes(0x80, 0xF8 | rnd.nextInt(8), imm);
            case 10: return bytes(0x48, 0x8D, 0x43 | d << 3, disp);
            case 11: return bytes(0x48, 0x89, 0x43 | s << 3, disp);
            case 12: return bytes(0x48, 0x8B, 0x43 | d << 3, disp);
            case 13: return bytes(0x80, 0x7B, disp, imm);
            case 14: return bytes(0xFF, 0xC0 | rnd.nextInt(2) << 3 | d);
            case 15: return bytes(0x0F, 0xB6, 0xC0 | d << 3 | rnd.nextInt(8));
            case 16: return bytes(0x48, 0x63, 0xC0 | d << 3 | s);
            case 17: return bytes(0x0F, 0x90 + rnd.nextInt(16), 0xC0 | d);
            case 18: return bytes(0x0F, 0xAF, 0xC0 | d << 3 | s);
            default: return bytes(0x48, 0xC1, 0xE0 | d, rnd.nextInt(64));
        }
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = (byte) v[k];
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x));
        }
        return sb.toString().trim();
    }
}
