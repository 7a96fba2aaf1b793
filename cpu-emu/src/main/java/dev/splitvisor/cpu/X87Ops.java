package dev.splitvisor.cpu;

/**
 * The x87 opcode map (D8-DF and FWAIT) in 64-bit mode: this file only decides which
 * instruction an encoding is, following the SDM volume 2 appendix A.4 tables, and hands it to
 * its family: {@link X87Arith} (arithmetic, compares, the D9 E0-FF group), {@link X87Transfer}
 * (loads, stores, exchanges, conditional moves) and {@link X87Control} (control word, status
 * word, environment, FSAVE/FRSTOR, FWAIT).
 *
 * <p>The undocumented aliases that the AMD Zen 4 executes are executed the same way: D9 D8+i
 * (FSTP), DC D0+i and D8+i (FCOM, FCOMP), DD C8+i and DF C8+i (FXCH), DE D0+i (FCOMP), DF
 * D0+i and D8+i (FSTP), and DB E0, E1, E4 (FNENI, FNDISI, FNSETPM: no operation). The other
 * holes raise #UD.
 *
 * <p>Hot path: one switch on the opcode, one on the ModRM fields.
 */
final class X87Ops {
    /** Binary operation selectors, as the ModRM.reg digit of D8 numbers them. */
    static final int ADD = 0, MUL = 1, COM = 2, COMP = 3, SUB = 4, SUBR = 5, DIV = 6, DIVR = 7;
    /** Memory operand formats. */
    static final int M32FP = 0, M64FP = 1, M16INT = 2, M32INT = 3, M64INT = 4;

    private X87Ops() {
    }

    static void execute(Cpu c, Insn i) {
        if (i.opcode == 0x9B) {
            X87Control.fwait(c);
            return;
        }
        int op = i.opcode & 7;
        int digit = (i.modrm >>> 3) & 7;
        if (i.isMemory()) {
            memoryForm(c, i, op, digit);
        } else {
            registerForm(c, i, op, digit, i.modrm & 7);
        }
    }

    private static void memoryForm(Cpu c, Insn i, int op, int digit) {
        switch (op) {
            case 0: X87Arith.memory(c, i, digit, M32FP); break;
            case 1: d9Memory(c, i, digit); break;
            case 2: X87Arith.memory(c, i, digit, M32INT); break;
            case 3: dbMemory(c, i, digit); break;
            case 4: X87Arith.memory(c, i, digit, M64FP); break;
            case 5: ddMemory(c, i, digit); break;
            case 6: X87Arith.memory(c, i, digit, M16INT); break;
            default: dfMemory(c, i, digit); break;
        }
    }

    private static void d9Memory(Cpu c, Insn i, int digit) {
        switch (digit) {
            case 0: X87Transfer.loadFloat(c, i, M32FP); break;
            case 2: X87Transfer.storeFloat(c, i, M32FP, false); break;
            case 3: X87Transfer.storeFloat(c, i, M32FP, true); break;
            case 4: X87Control.fldenv(c, i); break;
            case 5: X87Control.fldcw(c, i); break;
            case 6: X87Control.fnstenv(c, i); break;
            case 7: X87Control.fnstcw(c, i); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void dbMemory(Cpu c, Insn i, int digit) {
        switch (digit) {
            case 0: X87Transfer.loadInt(c, i, M32INT); break;
            case 1: X87Transfer.storeInt(c, i, M32INT, true, true); break;
            case 2: X87Transfer.storeInt(c, i, M32INT, false, false); break;
            case 3: X87Transfer.storeInt(c, i, M32INT, true, false); break;
            case 5: X87Transfer.loadExtended(c, i); break;
            case 7: X87Transfer.storeExtended(c, i); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void ddMemory(Cpu c, Insn i, int digit) {
        switch (digit) {
            case 0: X87Transfer.loadFloat(c, i, M64FP); break;
            case 1: X87Transfer.storeInt(c, i, M64INT, true, true); break;
            case 2: X87Transfer.storeFloat(c, i, M64FP, false); break;
            case 3: X87Transfer.storeFloat(c, i, M64FP, true); break;
            case 4: X87Control.frstor(c, i); break;
            case 6: X87Control.fnsave(c, i); break;
            case 7: X87Control.fnstswMemory(c, i); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void dfMemory(Cpu c, Insn i, int digit) {
        switch (digit) {
            case 0: X87Transfer.loadInt(c, i, M16INT); break;
            case 1: X87Transfer.storeInt(c, i, M16INT, true, true); break;
            case 2: X87Transfer.storeInt(c, i, M16INT, false, false); break;
            case 3: X87Transfer.storeInt(c, i, M16INT, true, false); break;
            case 4: X87Transfer.loadBcd(c, i); break;
            case 5: X87Transfer.loadInt(c, i, M64INT); break;
            case 6: X87Transfer.storeBcd(c, i); break;
            default: X87Transfer.storeInt(c, i, M64INT, true, false); break;
        }
    }

    private static void registerForm(Cpu c, Insn i, int op, int digit, int sti) {
        switch (op) {
            case 0: d8Register(c, i, digit, sti); break;
            case 1: d9Register(c, i, digit, sti); break;
            case 2: daRegister(c, i, digit, sti); break;
            case 3: dbRegister(c, i, digit, sti); break;
            case 4: dcRegister(c, i, digit, sti); break;
            case 5: ddRegister(c, i, digit, sti); break;
            case 6: deRegister(c, i, digit, sti); break;
            default: dfRegister(c, i, digit, sti); break;
        }
    }

    private static void d8Register(Cpu c, Insn i, int digit, int sti) {
        if (digit == COM || digit == COMP) {
            X87Arith.compare(c, i, sti, digit == COMP ? 1 : 0, false);
        } else {
            X87Arith.register(c, i, digit, sti, 0, 0);
        }
    }

    private static void d9Register(Cpu c, Insn i, int digit, int sti) {
        switch (digit) {
            case 0: X87Transfer.loadRegister(c, i, sti); break;
            case 1: X87Transfer.exchange(c, i, sti); break;
            case 2:
                if (sti != 0) {
                    throw Unimplemented.undefined(c, i);
                }
                X87Control.fnop(c, i);
                break;
            case 3: X87Transfer.storeRegisterUnchecked(c, i, sti); break;
            case 4: X87Arith.signGroup(c, i, sti); break;
            case 5: X87Transfer.loadConstant(c, i, sti); break;
            case 6: X87Arith.groupF0(c, i, sti); break;
            default: X87Arith.groupF8(c, i, sti); break;
        }
    }

    private static void daRegister(Cpu c, Insn i, int digit, int sti) {
        if (digit < 4) {
            X87Transfer.conditionalMove(c, i, digit, false, sti);
        } else if (digit == 5 && sti == 1) {
            X87Arith.compareTwice(c, i, true); // FUCOMPP
        } else {
            throw Unimplemented.undefined(c, i);
        }
    }

    private static void dbRegister(Cpu c, Insn i, int digit, int sti) {
        if (digit < 4) {
            X87Transfer.conditionalMove(c, i, digit, true, sti);
            return;
        }
        switch (digit) {
            case 4: X87Control.group(c, i, sti); break;
            case 5: X87Arith.compareFlags(c, i, sti, false, true); break;   // FUCOMI
            case 6: X87Arith.compareFlags(c, i, sti, false, false); break;  // FCOMI
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void dcRegister(Cpu c, Insn i, int digit, int sti) {
        if (digit == COM || digit == COMP) {
            X87Arith.compare(c, i, sti, digit == COMP ? 1 : 0, false);
        } else {
            X87Arith.register(c, i, digit, sti, sti, 0);
        }
    }

    private static void ddRegister(Cpu c, Insn i, int digit, int sti) {
        switch (digit) {
            case 0: X87Control.ffree(c, i, sti, false); break;
            case 1: X87Transfer.exchange(c, i, sti); break;
            case 2: X87Transfer.storeRegister(c, i, sti, false); break;
            case 3: X87Transfer.storeRegister(c, i, sti, true); break;
            case 4: X87Arith.compare(c, i, sti, 0, true); break;   // FUCOM
            case 5: X87Arith.compare(c, i, sti, 1, true); break;   // FUCOMP
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void deRegister(Cpu c, Insn i, int digit, int sti) {
        if (digit == COM) {
            X87Arith.compare(c, i, sti, 1, false);
        } else if (digit == COMP) {
            if (sti != 1) {
                throw Unimplemented.undefined(c, i);
            }
            X87Arith.compareTwice(c, i, false); // FCOMPP
        } else {
            X87Arith.register(c, i, digit, sti, sti, 1);
        }
    }

    private static void dfRegister(Cpu c, Insn i, int digit, int sti) {
        switch (digit) {
            case 0: X87Control.ffree(c, i, sti, true); break;  // FFREEP
            case 1: X87Transfer.exchange(c, i, sti); break;
            case 2:
            case 3: X87Transfer.storeRegister(c, i, sti, true); break;
            case 4:
                if (sti != 0) {
                    throw Unimplemented.undefined(c, i);
                }
                X87Control.fnstswAx(c);
                break;
            case 5: X87Arith.compareFlags(c, i, sti, true, true); break;   // FUCOMIP
            case 6: X87Arith.compareFlags(c, i, sti, true, false); break;  // FCOMIP
            default: throw Unimplemented.undefined(c, i);
        }
    }
}
