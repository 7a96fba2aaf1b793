#!/usr/bin/env python3
"""Writes templates.txt, the instruction forms the native oracle runs, one per line.

Each form is given here in Intel assembly syntax; this script assembles all of them with GNU as
and records the bytes, so the committed templates.txt needs no assembler to be read. Line
format (tab-separated): name, instruction bytes in hex, the arithmetic flags the manuals define
for the form (letters from OSZAPC; a flag the instruction leaves unaffected is defined, it must
keep its value), then options and input constraints separated by spaces (see README.md).

Usage: templates.py OUT.txt
"""
import os
import subprocess
import sys
import tempfile

ALL = "OSZAPC"
T = []  # (name, asm, flags, opts)


def t(name, asm, flags=ALL, opts=""):
    T.append((name, asm, flags, opts))


REGS = {
    8: ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh", "sil", "dil", "r8b", "r9b", "r10b",
        "r11b", "r12b", "r13b", "r14b", "r15b"],
    16: ["ax", "cx", "dx", "bx", "si", "di", "r8w", "r9w", "r10w", "r11w", "r14w", "r15w"],
    32: ["eax", "ecx", "edx", "ebx", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r14d"],
    64: ["rax", "rcx", "rdx", "rbx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r15"],
}
PTR = {8: "byte ptr", 16: "word ptr", 32: "dword ptr", 64: "qword ptr"}
P = "rbx=ptr"          # RBX points at the data buffer
PI = "rbx=ptr rsi%8"   # and RSI is a small index


def reg(w, k):
    return REGS[w][k % len(REGS[w])]


def alu():
    for op in ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"]:
        fl = "OSZPC" if op in ("and", "or", "xor", "test") else ALL
        rev = op != "test"
        for w in (8, 16, 32, 64):
            t(f"{op}_r{w}_r{w}", f"{op} {reg(w, 0)}, {reg(w, 1)}", fl)
            t(f"{op}_r{w}_r{w}_b", f"{op} {reg(w, 9)}, {reg(w, 7) if w != 8 else 'r11b'}", fl)
            if w == 8:
                t(f"{op}_r8h_r8h", f"{op} ah, bh", fl)
            t(f"{op}_m{w}_r{w}", f"{op} {PTR[w]} [rbx+8], {reg(w, 2)}", fl, P)
            if rev:
                t(f"{op}_r{w}_m{w}", f"{op} {reg(w, 1)}, {PTR[w]} [rbx+rsi*4-16]", fl, PI)
            t(f"{op}_r{w}_imm", f"{op} {reg(w, 3)}, 0x{0x5a if w == 8 else 0x7a3c:x}", fl)
            t(f"{op}_acc{w}_imm", f"{op} {reg(w, 0)}, -0x{0x6 if w == 8 else 0x1235:x}", fl)
            t(f"{op}_m{w}_imm", f"{op} {PTR[w]} [rbx-0x40], 0x7f", fl, P)
            if w > 8 and op != "test":
                t(f"{op}_r{w}_imm8", f"{op} {reg(w, 5)}, -3", fl)
                t(f"{op}_r{w}_imm8_80", f"{op} {reg(w, 6)}, -0x80", fl)
        if op not in ("cmp", "test"):
            t(f"lock_{op}_m64_r64", f"lock {op} qword ptr [rbx], rcx", fl, P)
            t(f"lock_{op}_m8_imm", f"lock {op} byte ptr [rbx+3], 0x81", fl, P)
    for op in ["inc", "dec", "neg", "not"]:
        fl = ALL
        for w in (8, 16, 32, 64):
            t(f"{op}_r{w}", f"{op} {reg(w, 4)}", fl)
            t(f"{op}_m{w}", f"{op} {PTR[w]} [rbx+rsi*8]", fl, PI)
        t(f"{op}_r8h", f"{op} dh", fl)
    t("cmc", "cmc")
    t("clc", "clc")
    t("stc", "stc")
    t("cld", "cld", ALL, "df=rand")
    t("std_cld", "std; cld", ALL, "df=rand")


SHIFT_OPS = ["rol", "ror", "rcl", "rcr", "shl", "shr", "sar"]


def shift_flags(op, cls):
    """Defined flags of a shift or rotate by a masked count of class cls."""
    if cls == "0":
        return ALL
    if op in ("rol", "ror", "rcl", "rcr"):
        return ALL if cls == "1" else "SZAPC"
    if cls == "1":
        return "OSZPC"
    if cls == "big" and op != "sar":
        return "SZP"
    return "SZPC"


def masked(cls, w):
    """The count class left after the CPU masks the count: 5 bits below 64-bit operands, 6 at
    64 bits. So "cl&0xe0" (hi0) is a count of 0 only below 64 bits; at 64 bits bit 5 survives
    and the count is 0 or 32, whose OF and AF the manuals leave undefined (Intel and AMD set
    them differently), as they do for 1 or 33 (hi1, and the immediate 0x21)."""
    if cls in ("hi0", "hi1"):
        return cls[2] if w < 64 else "mid"
    return cls


def shifts():
    for op in SHIFT_OPS:
        for w in (8, 16, 32, 64):
            r = reg(w, 2) if w != 8 else "dl"
            t(f"{op}_r{w}_1", f"{op} {r}, 1", shift_flags(op, "1"))
            t(f"{op}_m{w}_1", f"{op} {PTR[w]} [rbx], 1", shift_flags(op, "1"), P)
            classes = [("0", "cl=0"), ("1", "cl=1"), ("mid", f"cl%{w - 2}+2"),
                       ("hi0", "cl&0xe0"), ("hi1", "cl&0xe0 cl|1")]
            if w < 32:
                classes.append(("big", f"cl%{32 - w}+{w}"))
            for cls, con in classes:
                t(f"{op}_r{w}_cl_{cls}", f"{op} {r}, cl", shift_flags(op, masked(cls, w)), con)
            t(f"{op}_m{w}_cl_mid", f"{op} {PTR[w]} [rbx+8], cl", shift_flags(op, "mid"),
              f"{P} cl%{w - 2}+2")
            imms = [(0, "0"), (1, "1"), (3, "mid"), (w - 1, "mid"), (0x21, masked("hi1", w))]
            if w < 32:
                imms.append((w + 3, "big"))
            for imm, cls in imms:
                t(f"{op}_r{w}_imm{imm}", f"{op} {r}, {imm}", shift_flags(op, cls))
    for op in ("shld", "shrd"):
        for w in (16, 32, 64):
            d, s = reg(w, 0), reg(w, 3)
            counts = [("0", "cl=0"), ("1", "cl=1"), ("mid", f"cl%{w - 2}+2"),
                      ("hi1", "cl&0xe0 cl|1")]
            for cls, con in counts:
                fl = {"0": ALL, "1": "OSZPC"}.get(masked(cls, w), "SZPC")
                t(f"{op}_r{w}_cl_{cls}", f"{op} {d}, {s}, cl", fl, con)
            t(f"{op}_m{w}_cl_mid", f"{op} {PTR[w]} [rbx], {s}, cl", "SZPC",
              f"{P} cl%{w - 2}+2")
            for imm in (0, 1, 5, w - 1):
                fl = {0: ALL, 1: "OSZPC"}.get(imm, "SZPC")
                t(f"{op}_r{w}_imm{imm}", f"{op} {d}, {s}, {imm}", fl)
            t(f"{op}_m{w}_imm7", f"{op} {PTR[w]} [rbx+16], {s}, 7", "SZPC", P)
        t(f"{op}_r16_cl_16", f"{op} ax, bx, cl", "SZPC", "cl=16")


def muldiv():
    hi = {8: "ah", 16: "dx", 32: "edx", 64: "rdx"}
    lo = {8: "al", 16: "ax", 32: "eax", 64: "rax"}
    div = {8: "cl", 16: "cx", 32: "ecx", 64: "rcx"}
    for w in (8, 16, 32, 64):
        for op in ("mul", "imul"):
            t(f"{op}_r{w}", f"{op} {div[w]}", "OC")
            t(f"{op}_m{w}", f"{op} {PTR[w]} [rbx]", "OC", P)
        for op in ("div", "idiv"):
            fix = f"{hi[w]}<{div[w]}" if op == "div" else f"{hi[w]}=sx:{lo[w]}"
            mfix = (f"{hi[w]}<m{w}@8" if op == "div" else f"{hi[w]}=sx:{lo[w]}")
            t(f"{op}_r{w}", f"{op} {div[w]}", "", f"{div[w]}!=0 {fix}")
            t(f"{op}_m{w}", f"{op} {PTR[w]} [rbx+8]", "", f"{P} m{w}@8!=0 {mfix}")
            t(f"{op}_r{w}_any", f"{op} {div[w]}", "", "n=150")
            t(f"{op}_r{w}_de_zero", f"{op} {div[w]}", "", f"{div[w]}=0 n=40")
            t(f"{op}_m{w}_de_zero", f"{op} {PTR[w]} [rbx+8]", "", f"{P} m{w}@8=0 n=40")
        if w > 8:
            t(f"imul_r{w}_r{w}", f"imul {reg(w, 1)}, {reg(w, 5)}", "OC")
            t(f"imul_r{w}_m{w}", f"imul {reg(w, 1)}, {PTR[w]} [rbx]", "OC", P)
            t(f"imul_r{w}_r{w}_imm8", f"imul {reg(w, 2)}, {reg(w, 6)}, -7", "OC")
            t(f"imul_r{w}_m{w}_imm", f"imul {reg(w, 2)}, {PTR[w]} [rbx], 0x1234", "OC", P)
    t("idiv_r64_min", "idiv rcx", "", "rax=0x8000000000000000 rdx=-1 rcx=-1 n=20")
    t("idiv_r32_min", "idiv ecx", "", "eax=0x80000000 edx=-1 ecx=-1 n=20")


def bits():
    for w in (16, 32, 64):
        a, b = reg(w, 0), reg(w, 1)
        for op in ("bt", "bts", "btr", "btc"):
            t(f"{op}_r{w}_r{w}", f"{op} {a}, {b}", "ZC")
            t(f"{op}_m{w}_r{w}", f"{op} {PTR[w]} [rbx], {b}", "ZC", f"{P} {b}%4096+-2048")
            t(f"{op}_r{w}_imm", f"{op} {a}, {w - 3}", "ZC")
            t(f"{op}_m{w}_imm", f"{op} {PTR[w]} [rbx+4], 0x45", "ZC", P)
            if op != "bt":
                t(f"lock_{op}_m{w}_r{w}", f"lock {op} {PTR[w]} [rbx], {b}", "ZC",
                  f"{P} {b}%1024+-512")
        for op, fl in (("bsf", "Z"), ("bsr", "Z"), ("tzcnt", "ZC"), ("lzcnt", "ZC"),
                       ("popcnt", ALL)):
            t(f"{op}_r{w}_r{w}", f"{op} {a}, {b}", fl)
            t(f"{op}_r{w}_m{w}", f"{op} {a}, {PTR[w]} [rbx]", fl, P)
            t(f"{op}_r{w}_zero", f"{op} {a}, {b}", fl, f"{b}=0 n=40")
    t("bswap_r32", "bswap ecx")
    t("bswap_r64", "bswap r9")
    t("bswap_r64_b", "bswap rax")
    for w in (16, 32, 64):
        t(f"movbe_r{w}_m{w}", f"movbe {reg(w, 2)}, {PTR[w]} [rbx]", ALL, P)
        t(f"movbe_m{w}_r{w}", f"movbe {PTR[w]} [rbx+8], {reg(w, 2)}", ALL, P)
    for w in (8, 16, 32, 64):
        src = {8: "cl", 16: "cx", 32: "ecx", 64: "rcx"}[w]
        dst = "rax" if w == 64 else "eax"
        t(f"crc32_r{w}", f"crc32 {dst}, {src}")
        t(f"crc32_m{w}", f"crc32 {dst}, {PTR[w]} [rbx]", ALL, P)
    t("crc32_r64_r8", "crc32 rax, cl")


CC = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"]


def conditions():
    for cc in CC:
        t(f"set{cc}_r8", f"set{cc} cl")
        t(f"set{cc}_m8", f"set{cc} byte ptr [rbx]", ALL, P)
        t(f"cmov{cc}_r32", f"cmov{cc} eax, ecx")
        t(f"cmov{cc}_r64", f"cmov{cc} r9, rdx")
        t(f"j{cc}_rel8", f"j{cc} 1f; mov al, 1; 1:")
        t(f"j{cc}_rel32", f"{{disp32}} j{cc} 1f; mov al, 1; 1:")
    t("setl_r8h", "setl ah")
    t("setg_r8_rex", "setg sil")
    t("cmovb_r16", "cmovb ax, cx")
    t("cmovle_r64_m64", "cmovle rax, qword ptr [rbx]", ALL, P)
    t("cmovne_r32_m32", "cmovne eax, dword ptr [rbx]", ALL, P)
    t("jmp_rel8", "jmp 1f; mov al, 1; 1:")
    t("jmp_rel32", "{disp32} jmp 1f; mov al, 1; 1:")
    t("jrcxz", "jrcxz 1f; mov al, 1; 1:", ALL, "rcx%2")
    t("jecxz", "jecxz 1f; mov al, 1; 1:", ALL, "ecx%2")
    t("loop", "1: inc al; loop 1b", "C", "rcx%5+1")
    t("loope", "1: inc al; loope 1b; cmc", "C", "rcx%5+1 al%3+-1")
    t("loopne", "1: dec dl; loopne 1b", "C", "rcx%5+1 dl%5")
    t("call_rel32", "call 1f; 1:")
    t("call_ret", "call 1f; jmp 2f; 1: ret; 2:")
    t("call_r64_ret", "lea rax, [rip+1f]; call rax; jmp 2f; 1: ret; 2:")
    t("ret_imm16", "call 1f; jmp 2f; 1: ret 16; 2:")
    t("jmp_r64", "lea rcx, [rip+1f]; jmp rcx; mov al, 1; 1:")
    t("jmp_m64", "lea rcx, [rip+1f]; mov [rbx], rcx; jmp qword ptr [rbx]; mov al, 1; 1:",
      ALL, P)


def moves():
    for w in (8, 16, 32, 64):
        t(f"mov_r{w}_r{w}", f"mov {reg(w, 0)}, {reg(w, 7)}")
        t(f"mov_r{w}_m{w}", f"mov {reg(w, 2)}, {PTR[w]} [rbx+rsi*2+3]", ALL, PI)
        t(f"mov_m{w}_r{w}", f"mov {PTR[w]} [rbx-8], {reg(w, 2)}", ALL, P)
        t(f"mov_m{w}_imm", f"mov {PTR[w]} [rbx+1], -2", ALL, P)
        t(f"mov_r{w}_imm", f"mov {reg(w, 3)}, 0x{0x81 if w == 8 else 0x8123:x}")
        t(f"xchg_r{w}_r{w}", f"xchg {reg(w, 1)}, {reg(w, 9)}")
        t(f"xchg_m{w}_r{w}", f"xchg {PTR[w]} [rbx], {reg(w, 1)}", ALL, P)
        t(f"xadd_r{w}_r{w}", f"xadd {reg(w, 1)}, {reg(w, 2)}")
        t(f"xadd_m{w}_r{w}", f"lock xadd {PTR[w]} [rbx], {reg(w, 2)}", ALL, P)
        a = {8: "al", 16: "ax", 32: "eax", 64: "rax"}[w]
        t(f"cmpxchg_r{w}_r{w}", f"cmpxchg {reg(w, 3)}, {reg(w, 2)}")
        t(f"cmpxchg_r{w}_r{w}_eq", f"cmpxchg {reg(w, 3)}, {reg(w, 2)}", ALL,
          f"{a}={reg(w, 3)}")
        t(f"cmpxchg_m{w}_r{w}", f"lock cmpxchg {PTR[w]} [rbx], {reg(w, 2)}", ALL, P)
        t(f"cmpxchg_m{w}_r{w}_eq", f"lock cmpxchg {PTR[w]} [rbx], {reg(w, 2)}", ALL,
          f"{P} {a}=m{w}@0")
    t("mov_r8h_r8h", "mov ah, ch")
    t("mov_r8h_m8", "mov bh, byte ptr [rsi]", ALL, "rsi=ptr")
    t("mov_r64_imm64", "movabs r11, 0x123456789abcdef0")
    t("mov_r64_simm32", "mov rcx, -0x7654321")
    t("mov_r32_imm32", "mov r9d, 0x87654321")
    t("movabs_al_moffs", "movabs al, [0x20001008]")
    t("movabs_rax_moffs", "movabs rax, [0x20001010]")
    t("movabs_moffs_eax", "movabs [0x20001020], eax")
    t("mov_r64_abs32", "mov rdx, qword ptr [0x20001000]")
    t("mov_r64_riprel", "mov rdx, qword ptr [rip+0x10000ff9]")
    t("xchg_eax_eax", "xchg eax, eax")
    t("xchg_eax_r32", "xchg eax, r10d")
    t("xchg_rax_r64", "xchg rax, rbp")
    t("xchg_ax_r16", "xchg ax, di")
    t("nop", "nop")
    t("nop_m", "nop dword ptr [rax+rax*1+0x10]")
    t("pause", "pause")
    for src in ("byte", "word"):
        for d in ("cx", "ecx", "rcx"):
            if src == "word" and d == "cx":
                continue
            s = "dl" if src == "byte" else "dx"
            for op in ("movzx", "movsx"):
                t(f"{op}_{d}_{src}", f"{op} {d}, {s}")
                t(f"{op}_{d}_m{src}", f"{op} {d}, {src} ptr [rbx]", ALL, P)
    t("movzx_r32_r8h", "movzx eax, bh")
    t("movsxd_r64_r32", "movsxd rax, ecx")
    t("movsxd_r64_m32", "movsxd r10, dword ptr [rbx+4]", ALL, P)
    for i in ("cbw", "cwde", "cdqe", "cwd", "cdq", "cqo", "lahf"):
        t(i, i)
    t("sahf", "sahf", "SZAPC")
    t("xlat", "xlatb", ALL, "rbx=ptr-0x80")
    t("cmpxchg8b", "lock cmpxchg8b qword ptr [rbx]", ALL, P)
    t("cmpxchg8b_eq", "lock cmpxchg8b qword ptr [rbx]", ALL, f"{P} eax=m32@0 edx=m32@4")
    t("cmpxchg16b", "lock cmpxchg16b xmmword ptr [rbx]", ALL, P)
    t("cmpxchg16b_eq", "lock cmpxchg16b xmmword ptr [rbx]", ALL, f"{P} rax=m64@0 rdx=m64@8")
    t("cmpxchg16b_misaligned", "cmpxchg16b xmmword ptr [rbx+8]", ALL, f"{P} n=20")


def lea():
    forms = ["rax, [rbx+rcx*4+0x12]", "eax, [rbx+rcx*8-0x80]", "ax, [rsi+rdi*2+0x1234]",
             "rax, [rip+0x100]", "rdx, [0x12345678]", "eax, [ebx+ecx*2+5]", "r12, [r13+r14]",
             "rax, [rbp]", "rax, [r13]", "rax, [rsp+8]", "r8, [r12+8]", "rcx, [rcx*8]",
             "r15d, [r8+r9*1-1]", "rax, [rdx+0x7fffffff]", "ax, [eax+edx]"]
    for k, f in enumerate(forms):
        t(f"lea_{k}", f"lea {f}")


def stack():
    t("push_r64", "push rcx")
    t("push_r64_rex", "push r13")
    t("push_r16", "push dx")
    t("push_m64", "push qword ptr [rbx]", ALL, P)
    t("push_imm8", "push -5")
    t("push_imm32", "push 0x12345678")
    t("push_rsp", "push rsp")
    t("pop_r64", "pop rcx")
    t("pop_r64_rex", "pop r14")
    t("pop_r16", "pop si")
    t("pop_m64", "pop qword ptr [rbx]", ALL, P)
    t("pop_rsp", "pop rsp")
    t("pushf", "pushfq")
    t("popf", "popfq", ALL, "m64@256&0x207ed5")
    t("pushf_popf", "pushfq; xor dword ptr [rsp], 0x8d5; popfq")
    t("enter_8_0", "enter 8, 0")
    t("enter_16_1", "enter 16, 1", ALL, "rbp=ptr")
    t("enter_0_3", "enter 0, 3", ALL, "rbp=ptr")
    t("leave", "leave", ALL, "rbp=ptr")
    t("push_pop_pair", "push rax; push rbx; pop rcx; pop rdx")


def strings():
    sfx = {8: "b", 16: "w", 32: "d", 64: "q"}
    base = "rsi=ptr-0x80 rdi=ptr+0x80 df=rand"
    for w in (8, 16, 32, 64):
        s = sfx[w]
        t(f"movs{s}", f"movs{s}", ALL, base)
        t(f"rep_movs{s}", f"rep movs{s}", ALL, f"{base} rcx%17")
        t(f"stos{s}", f"stos{s}", ALL, base)
        t(f"rep_stos{s}", f"rep stos{s}", ALL, f"{base} rcx%17")
        t(f"lods{s}", f"lods{s}", ALL, base)
        t(f"rep_lods{s}", f"rep lods{s}", ALL, f"{base} rcx%17")
        t(f"cmps{s}", f"cmps{s}", ALL, base)
        t(f"repe_cmps{s}", f"repe cmps{s}", ALL, f"{base} rcx%17")
        t(f"repe_cmps{s}_same", f"repe cmps{s}", ALL, "rsi=ptr rdi=ptr df=rand rcx%17")
        t(f"repne_cmps{s}", f"repne cmps{s}", ALL, f"{base} rcx%17")
        t(f"scas{s}", f"scas{s}", ALL, base)
        t(f"repne_scas{s}", f"repne scas{s}", ALL, f"{base} rcx%17 al%4")
        t(f"repe_scas{s}", f"repe scas{s}", ALL, f"{base} rcx%17")
    t("rep_movsb_67", "rep movsb [edi], [esi]", ALL, "rsi=ptr-0x80 rdi=ptr+0x80 rcx%9")


def bmi():
    for w in (32, 64):
        a, b, c = reg(w, 0), reg(w, 1), reg(w, 2)
        t(f"andn_r{w}", f"andn {a}, {b}, {c}", "OSZC")
        t(f"andn_m{w}", f"andn {a}, {b}, {PTR[w]} [rbx]", "OSZC", P)
        t(f"bextr_r{w}", f"bextr {a}, {b}, {c}", "OZC")
        t(f"bextr_r{w}_small", f"bextr {a}, {b}, {c}", "OZC", f"{c}&0x3f3f")
        t(f"bextr_m{w}", f"bextr {a}, {PTR[w]} [rbx], {c}", "OZC", f"{P} {c}&0x3f3f")
        for op in ("blsi", "blsmsk", "blsr"):
            t(f"{op}_r{w}", f"{op} {a}, {b}", "OSZC")
            t(f"{op}_m{w}", f"{op} {a}, {PTR[w]} [rbx]", "OSZC", P)
        t(f"bzhi_r{w}", f"bzhi {a}, {b}, {c}", "OSZC")
        t(f"bzhi_r{w}_small", f"bzhi {a}, {b}, {c}", "OSZC", f"{c}%{w + 8}")
        for op in ("pdep", "pext", "mulx"):
            t(f"{op}_r{w}", f"{op} {a}, {b}, {c}")
            t(f"{op}_m{w}", f"{op} {a}, {b}, {PTR[w]} [rbx]", ALL, P)
        t(f"mulx_r{w}_same", f"mulx {a}, {a}, {c}")
        t(f"rorx_r{w}", f"rorx {a}, {b}, {w - 5}")
        t(f"rorx_m{w}", f"rorx {a}, {PTR[w]} [rbx], 3", ALL, P)
        for op in ("sarx", "shlx", "shrx"):
            t(f"{op}_r{w}", f"{op} {a}, {b}, {c}")
            t(f"{op}_m{w}", f"{op} {a}, {PTR[w]} [rbx], {c}", ALL, P)
        t(f"adcx_r{w}", f"adcx {a}, {b}")
        t(f"adcx_m{w}", f"adcx {a}, {PTR[w]} [rbx]", ALL, P)
        t(f"adox_r{w}", f"adox {a}, {b}")
        t(f"adox_m{w}", f"adox {a}, {PTR[w]} [rbx]", ALL, P)


def faults():
    t("pf_load_unmapped", "mov rax, qword ptr [rbx]", ALL, "rbx=0x30000000 n=20")
    t("pf_store_page_cross", "mov qword ptr [rbx], rcx", ALL, "rbx=0x20001ffc n=20")
    t("pf_xadd_page_cross", "xadd dword ptr [rbx], ecx", ALL, "rbx=0x20001ffe n=20")
    t("gp_noncanonical", "mov rax, qword ptr [rbx]", ALL, "rbx=0x8000000000000000 n=20")
    t("ud_ud2", "ud2", ALL, "n=20")
    t("ud_lock_reg", ".byte 0xf0, 0x01, 0xc8", ALL, "n=20")
    t("pf_then_no_state", "add rax, rcx; mov rdx, qword ptr [rbx]", ALL, "rbx=0x30000000 n=20")


# ------------------------------------------------------------------ SSE

F = "fpu mxcsr=rand"
FM = F + " rbx=ptr"
SSE_FP = ["add", "sub", "mul", "div", "max", "min"]


def sse_fp():
    for sz in ("ps", "ss", "pd", "sd"):
        for op in SSE_FP + ["sqrt"]:
            t(f"{op}{sz}", f"{op}{sz} xmm1, xmm2", ALL, F)
            t(f"{op}{sz}_m", f"{op}{sz} xmm3, [rbx]", ALL, FM)
        for imm in range(8):
            t(f"cmp{sz}_{imm}", f"cmp{sz} xmm4, xmm5, {imm}", ALL, F)
        t(f"cmp{sz}_m_1", f"cmp{sz} xmm4, [rbx], 1", ALL, FM)
        if sz[0] == "p":
            for op in ("and", "andn", "or", "xor", "unpckl", "unpckh"):
                t(f"{op}{sz}", f"{op}{sz} xmm6, xmm7", ALL, F)
            t(f"shuf{sz}", f"shuf{sz} xmm1, xmm9, 0x1b", ALL, F)
            t(f"shuf{sz}_m", f"shuf{sz} xmm1, [rbx], 0xe4", ALL, FM)
            t(f"movmsk{sz}", f"movmsk{sz} eax, xmm3", ALL, F)
            t(f"mova{sz}_load", f"mova{sz} xmm2, [rbx]", ALL, FM)
            t(f"mova{sz}_store", f"mova{sz} [rbx+16], xmm2", ALL, FM)
            t(f"mova{sz}_misaligned", f"mova{sz} xmm2, [rbx+8]", ALL, FM + " n=20")
            t(f"movu{sz}_load", f"movu{sz} xmm10, [rbx+3]", ALL, FM)
            t(f"movu{sz}_store", f"movu{sz} [rbx+5], xmm10", ALL, FM)
            t(f"mova{sz}_rr", f"mova{sz} xmm11, xmm12", ALL, F)
            t(f"addsub{sz}", f"addsub{sz} xmm1, xmm2", ALL, F)
            t(f"hadd{sz}", f"hadd{sz} xmm1, xmm2", ALL, F)
            t(f"hsub{sz}", f"hsub{sz} xmm1, xmm2", ALL, F)
            for imm in (0, 1, 2, 3, 4, 8, 9, 10, 11, 12):
                t(f"round{sz}_{imm}", f"round{sz} xmm1, xmm2, {imm}", ALL, F)
            t(f"blend{sz}", f"blend{sz} xmm1, xmm2, 0x5", ALL, F)
            t(f"blendv{sz}", f"blendv{sz} xmm1, xmm2, xmm0", ALL, F)
        else:
            t(f"mov{sz}_rr", f"mov{sz} xmm1, xmm2", ALL, F)
            t(f"mov{sz}_load", f"mov{sz} xmm1, [rbx]", ALL, FM)
            t(f"mov{sz}_store", f"mov{sz} [rbx+4], xmm1", ALL, FM)
            t(f"comi{sz}", f"comi{sz} xmm1, xmm2", ALL, F)
            t(f"ucomi{sz}", f"ucomi{sz} xmm1, xmm2", ALL, F)
            t(f"comi{sz}_m", f"comi{sz} xmm1, [rbx]", ALL, FM)
            for imm in (0, 1, 3, 4, 9, 12):
                t(f"round{sz}_{imm}", f"round{sz} xmm1, xmm2, {imm}", ALL, F)
            for d in ("eax", "rax"):
                t(f"cvt{sz}2si_{d}", f"cvt{sz}2si {d}, xmm3", ALL, F)
                t(f"cvtt{sz}2si_{d}", f"cvtt{sz}2si {d}, xmm3", ALL, F)
                t(f"cvtsi2{sz}_{d}", f"cvtsi2{sz} xmm3, {d}", ALL, F)
            t(f"cvtsi2{sz}_m32", f"cvtsi2{sz} xmm3, dword ptr [rbx]", ALL, FM)
    # The manuals bound these approximations (relative error <= 1.5 * 2^-12) but leave the
    # bits to the implementation: "approx" compares within twice that bound.
    for op in ("rcpps", "rcpss", "rsqrtps", "rsqrtss"):
        t(op, f"{op} xmm1, xmm2", ALL, F + " approx")
    for i in ("cvtsd2ss", "cvtss2sd", "cvtps2pd", "cvtpd2ps", "cvtdq2ps", "cvtps2dq",
              "cvttps2dq", "cvtdq2pd", "cvtpd2dq", "cvttpd2dq", "movsldup", "movshdup",
              "movddup", "movlhps", "movhlps"):
        t(i, f"{i} xmm5, xmm6", ALL, F)
    t("cvtps2pd_m", "cvtps2pd xmm5, qword ptr [rbx]", ALL, FM)
    for i in ("movlps", "movhps", "movlpd", "movhpd"):
        t(f"{i}_load", f"{i} xmm5, qword ptr [rbx]", ALL, FM)
        t(f"{i}_store", f"{i} qword ptr [rbx+8], xmm5", ALL, FM)
    t("lddqu", "lddqu xmm7, [rbx+1]", ALL, FM)
    t("ldmxcsr", "ldmxcsr dword ptr [rbx]", ALL, f"{FM} m32@0&0xffff")
    t("ldmxcsr_gp", "ldmxcsr dword ptr [rbx]", ALL, f"{FM} m32@0|0x10000 n=20")
    t("stmxcsr", "stmxcsr dword ptr [rbx]", ALL, FM)
    t("dpps_ff", "dpps xmm1, xmm2, 0xff", ALL, F + " vendor")
    t("dpps_31", "dpps xmm1, xmm2, 0x31", ALL, F + " vendor")
    t("dppd_33", "dppd xmm1, xmm2, 0x33", ALL, F + " vendor")
    t("dppd_31", "dppd xmm1, xmm2, 0x31", ALL, F + " vendor")
    t("extractps", "extractps eax, xmm2, 2", ALL, F)
    t("insertps", "insertps xmm1, xmm2, 0x9a", ALL, F)
    t("insertps_m", "insertps xmm1, dword ptr [rbx], 0x31", ALL, FM)
    xm = "fpu mxcsr=unmasked n=150"
    for i in ("addps", "divss", "mulsd", "sqrtpd", "cvtsd2ss", "cvtps2dq", "minps", "cmpsd"):
        arg = ", 1" if i.startswith("cmp") else ""
        t(f"{i}_xm", f"{i} xmm1, xmm2{arg}", ALL, xm)
    t("cvttsd2si_xm", "cvttsd2si rax, xmm2", ALL, xm)
    t("comiss_xm", "comiss xmm1, xmm2", ALL, xm)


SSE_INT = ["paddb", "paddw", "paddd", "paddq", "paddsb", "paddsw", "paddusb", "paddusw",
           "psubb", "psubw", "psubd", "psubq", "psubsb", "psubsw", "psubusb", "psubusw",
           "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "psadbw", "pavgb", "pavgw",
           "pminub", "pmaxub", "pminsw", "pmaxsw", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb",
           "pcmpgtw", "pcmpgtd", "pand", "pandn", "por", "pxor", "psllw", "pslld", "psllq",
           "psrlw", "psrld", "psrlq", "psraw", "psrad", "packsswb", "packssdw", "packuswb",
           "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq", "punpckhbw", "punpckhwd",
           "punpckhdq", "punpckhqdq",
           "pshufb", "phaddw", "phaddd", "phaddsw", "phsubw", "phsubd", "phsubsw", "pmaddubsw",
           "pmulhrsw", "psignb", "psignw", "psignd", "pabsb", "pabsw", "pabsd",
           "pmuldq", "pmulld", "pminsb", "pminsd", "pminuw", "pminud", "pmaxsb", "pmaxsd",
           "pmaxuw", "pmaxud", "pcmpeqq", "packusdw", "pcmpgtq", "phminposuw",
           "pmovsxbw", "pmovsxbd", "pmovsxbq", "pmovsxwd", "pmovsxwq", "pmovsxdq",
           "pmovzxbw", "pmovzxbd", "pmovzxbq", "pmovzxwd", "pmovzxwq", "pmovzxdq"]
SI = "fpu"
PMOV_MEM = {"bd": "dword", "bq": "word", "wq": "dword"}
SIM = "fpu rbx=ptr"


def sse_int():
    for op in SSE_INT:
        t(op, f"{op} xmm1, xmm2", ALL, SI)
        mem = PMOV_MEM.get(op[-2:], "qword") + " ptr [rbx]" if op.startswith("pmov") else "[rbx]"
        t(f"{op}_m", f"{op} xmm9, {mem}", ALL, SIM)
    for op in ("psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"):
        t(f"{op}_small", f"{op} xmm1, xmm2", ALL, "fpu xmm2&0x7f")
        for imm in (0, 1, 7, 15, 31, 33, 64):
            t(f"{op}_imm{imm}", f"{op} xmm3, {imm}", ALL, SI)
    for imm in (0, 3, 8, 15, 16):
        t(f"pslldq_{imm}", f"pslldq xmm4, {imm}", ALL, SI)
        t(f"psrldq_{imm}", f"psrldq xmm4, {imm}", ALL, SI)
    for imm in (0, 1, 7, 16, 31):
        t(f"palignr_{imm}", f"palignr xmm1, xmm2, {imm}", ALL, SI)
    for op in ("pshufd", "pshufhw", "pshuflw"):
        t(op, f"{op} xmm1, xmm2, 0x6c", ALL, SI)
        t(f"{op}_m", f"{op} xmm1, [rbx], 0x1b", ALL, SIM)
    t("pblendw", "pblendw xmm1, xmm2, 0xa5", ALL, SI)
    t("pblendvb", "pblendvb xmm1, xmm2, xmm0", ALL, SI)
    t("mpsadbw_0", "mpsadbw xmm1, xmm2, 0", ALL, SI)
    t("mpsadbw_5", "mpsadbw xmm1, xmm2, 5", ALL, SI)
    t("ptest", "ptest xmm1, xmm2", ALL, SI)
    t("ptest_m", "ptest xmm1, [rbx]", ALL, SIM)
    t("ptest_self", "ptest xmm3, xmm3", ALL, SI)
    t("pmovmskb", "pmovmskb ecx, xmm5", ALL, SI)
    t("pextrw", "pextrw ecx, xmm5, 3", ALL, SI)
    t("pextrw_m", "pextrw word ptr [rbx], xmm5, 6", ALL, SIM)
    t("pinsrw", "pinsrw xmm5, ecx, 5", ALL, SI)
    t("pinsrw_m", "pinsrw xmm5, word ptr [rbx], 2", ALL, SIM)
    t("pextrb", "pextrb ecx, xmm5, 13", ALL, SI)
    t("pextrd", "pextrd ecx, xmm5, 2", ALL, SI)
    t("pextrq", "pextrq rcx, xmm5, 1", ALL, SI)
    t("pextrq_m", "pextrq qword ptr [rbx], xmm5, 1", ALL, SIM)
    t("pinsrb", "pinsrb xmm5, ecx, 9", ALL, SI)
    t("pinsrd", "pinsrd xmm5, ecx, 3", ALL, SI)
    t("pinsrq", "pinsrq xmm5, rcx, 1", ALL, SI)
    t("movd_x_r32", "movd xmm6, ecx", ALL, SI)
    t("movq_x_r64", "movq xmm6, rcx", ALL, SI)
    t("movd_r32_x", "movd ecx, xmm6", ALL, SI)
    t("movq_r64_x", "movq rcx, xmm6", ALL, SI)
    t("movd_x_m32", "movd xmm6, dword ptr [rbx]", ALL, SIM)
    t("movq_x_m64", "movq xmm6, qword ptr [rbx]", ALL, SIM)
    t("movq_m64_x", "movq qword ptr [rbx+8], xmm6", ALL, SIM)
    t("movq_x_x", "movq xmm6, xmm7", ALL, SI)
    t("movdqa_load", "movdqa xmm8, [rbx]", ALL, SIM)
    t("movdqa_store", "movdqa [rbx+32], xmm8", ALL, SIM)
    t("movdqu_load", "movdqu xmm8, [rbx+7]", ALL, SIM)
    t("movdqu_store", "movdqu [rbx+9], xmm15", ALL, SIM)
    t("movntdq", "movntdq [rbx+16], xmm3", ALL, SIM)
    t("movntdqa", "movntdqa xmm3, [rbx]", ALL, SIM)
    t("movnti", "movnti qword ptr [rbx+8], rcx", ALL, P)
    t("movdqa_misaligned", "movdqa xmm8, [rbx+4]", ALL, SIM + " n=20")
    t("paddd_m_misaligned", "paddd xmm8, [rbx+4]", ALL, SIM + " n=20")
    # SSE4.2 string compares: explicit lengths in EAX/EDX, random and short.
    for imm in (0x00, 0x01, 0x04, 0x08, 0x0c, 0x18, 0x1a, 0x3a, 0x40, 0x44, 0x4c, 0x6c, 0x72):
        for f in ("pcmpestri", "pcmpestrm", "pcmpistri", "pcmpistrm"):
            con = "fpu eax%40+-20 edx%40+-20" if "estr" in f else "fpu"
            t(f"{f}_{imm:02x}", f"{f} xmm1, xmm2, 0x{imm:x}", ALL, con)
    t("pcmpistri_m", "pcmpistri xmm1, [rbx], 0x0c", ALL, "fpu rbx=ptr")


# ------------------------------------------------------------------ x87

X = "fpu fcw=rand"
XM = X + " rbx=ptr"
ARITH_FSW = "fsw=0xbaff"   # C0, C2, C3 undefined after arithmetic


def x87():
    for op in ("fadd", "fsub", "fsubr", "fmul", "fdiv", "fdivr"):
        t(f"{op}_st0_st1", f"{op} st(0), st(1)", ALL, f"{X} {ARITH_FSW}")
        t(f"{op}_st2_st0", f"{op} st(2), st(0)", ALL, f"{X} {ARITH_FSW}")
        t(f"{op}p", f"{op}p st(1), st(0)", ALL, f"{X} {ARITH_FSW}")
        t(f"{op}_m32", f"{op} dword ptr [rbx]", ALL, f"{XM} {ARITH_FSW} m32@0=xmm1")
        t(f"{op}_m64", f"{op} qword ptr [rbx]", ALL, f"{XM} {ARITH_FSW} m64@0=xmm1")
        t(f"fi{op[1:]}_m16", f"fi{op[1:]} word ptr [rbx]", ALL, f"{XM} {ARITH_FSW}")
        t(f"fi{op[1:]}_m32", f"fi{op[1:]} dword ptr [rbx]", ALL, f"{XM} {ARITH_FSW}")
    for op in ("fcom", "fcomp", "fucom", "fucomp"):
        t(f"{op}_st1", f"{op} st(1)", ALL, X)
        t(f"{op}_st3", f"{op} st(3)", ALL, X)
    t("fcom_m32", "fcom dword ptr [rbx]", ALL, f"{XM} m32@0=xmm1")
    t("fcomp_m64", "fcomp qword ptr [rbx]", ALL, f"{XM} m64@0=xmm1")
    t("fcompp", "fcompp", ALL, X)
    t("fucompp", "fucompp", ALL, X)
    t("ficom_m16", "ficom word ptr [rbx]", ALL, XM)
    t("ficomp_m32", "ficomp dword ptr [rbx]", ALL, XM)
    for op in ("fcomi", "fcomip", "fucomi", "fucomip"):
        t(f"{op}_st1", f"{op} st, st(1)", ALL, X)
    for op in ("ftst", "fxam", "fchs", "fabs", "fxch", "fld1", "fldz", "fldpi", "fldl2e",
               "fldl2t", "fldlg2", "fldln2", "fdecstp", "fincstp", "fnop", "fwait", "fnclex",
               "fninit"):
        t(op, op, ALL, X)
    t("fxam_empty", "fxam", ALL, f"{X} st=0")
    t("fld1_full", "fld1", ALL, f"{X} st=8")
    t("fadd_empty", "fadd st(0), st(1)", ALL, f"{X} st=1 {ARITH_FSW}")
    t("fxch_st3", "fxch st(3)", ALL, X)
    t("ffree_st1", "ffree st(1)", ALL, X)
    for op in ("fsqrt", "frndint", "fscale", "fxtract", "fprem", "fprem1"):
        fsw = "" if op.startswith("fprem") else ARITH_FSW
        t(op, op, ALL, f"{X} {fsw}")
    for op in ("fsin", "fcos", "fsincos", "fptan", "fpatan", "f2xm1", "fyl2x", "fyl2xp1"):
        t(op, op, ALL, f"{X} ulp fsw=0xbcff")
    t("fld_st2", "fld st(2)", ALL, X)
    t("fst_st3", "fst st(3)", ALL, X)
    t("fstp_st1", "fstp st(1)", ALL, X)
    t("fld_m32", "fld dword ptr [rbx]", ALL, f"{XM} m32@0=xmm1")
    t("fld_m32_raw", "fld dword ptr [rbx]", ALL, XM)
    t("fld_m64", "fld qword ptr [rbx]", ALL, f"{XM} m64@0=xmm1")
    t("fld_m80", "fld tbyte ptr [rbx]", ALL,
      f"{XM} m64@0|0x8000000000000000 m16@8%64+16350")
    t("fld_m80_raw", "fld tbyte ptr [rbx]", ALL, XM)
    t("fild_m16", "fild word ptr [rbx]", ALL, XM)
    t("fild_m32", "fild dword ptr [rbx]", ALL, XM)
    t("fild_m64", "fild qword ptr [rbx]", ALL, XM)
    t("fbld", "fbld tbyte ptr [rbx]", ALL, f"{XM} m64@0&0x0999999999999999 m16@8&0x8009")
    for op, sz in (("fst", "dword"), ("fst", "qword"), ("fstp", "dword"), ("fstp", "qword"),
                   ("fstp", "tbyte"), ("fist", "word"), ("fist", "dword"), ("fistp", "word"),
                   ("fistp", "dword"), ("fistp", "qword"), ("fisttp", "word"),
                   ("fisttp", "dword"), ("fisttp", "qword"), ("fbstp", "tbyte")):
        t(f"{op}_{sz}", f"{op} {sz} ptr [rbx]", ALL, f"{XM} {ARITH_FSW}")
    t("fldcw", "fldcw word ptr [rbx]", ALL, f"{XM} m16@0&0x0f3f m16@0|0x40")
    t("fldcw_fadd", "fldcw word ptr [rbx]; fadd st(0), st(1)", ALL,
      f"{XM} {ARITH_FSW} m16@0&0x0f3f m16@0|0x3f")
    t("fnstcw", "fnstcw word ptr [rbx]", ALL, XM)
    t("fnstsw_ax", "fnstsw ax", ALL, X)
    t("fnstsw_m16", "fnstsw word ptr [rbx]", ALL, XM)
    for cc in ("b", "e", "be", "u", "nb", "ne", "nbe", "nu"):
        t(f"fcmov{cc}", f"fcmov{cc} st(0), st(2)", ALL, X)



# ------------------------------------------------------------------ MMX

MMX = ["paddb", "paddw", "paddd", "paddq", "paddsb", "paddsw", "paddusb", "paddusw", "psubb",
       "psubw", "psubd", "psubq", "psubsb", "psubsw", "psubusb", "psubusw", "pmullw", "pmulhw",
       "pmulhuw", "pmuludq", "pmaddwd", "psadbw", "pavgb", "pavgw", "pminub", "pmaxub",
       "pminsw", "pmaxsw", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
       "pand", "pandn", "por", "pxor", "psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq",
       "psraw", "psrad", "packsswb", "packssdw", "packuswb", "punpcklbw", "punpcklwd",
       "punpckldq", "punpckhbw", "punpckhwd", "punpckhdq",
       "pshufb", "phaddw", "phaddd", "phaddsw", "phsubw", "phsubd", "phsubsw", "pmaddubsw",
       "pmulhrsw", "psignb", "psignw", "psignd", "pabsb", "pabsw", "pabsd"]
# Every MMX vector records most of the FXSAVE image (TOP moves to 0), so fewer per template.
MX = "fpu mmx n=48"
MXM = "fpu mmx n=48 rbx=ptr"
MXF = "fpu mmx rbx=ptr n=20"   # fault and edge forms


def mmx():
    """MMX registers are x87 R0-R7: "mmx" puts random integers in their significands."""
    for op in MMX:
        t(f"{op}_mm", f"{op} mm1, mm2", ALL, MX)
        mem = "dword ptr [rbx]" if op.startswith("punpckl") else "qword ptr [rbx]"
        t(f"{op}_mm_m", f"{op} mm3, {mem}", ALL, MXM)
    t("paddb_mm_same", "paddb mm5, mm5", ALL, MX)
    t("paddw_mm_rexb", ".byte 0x41, 0x0f, 0xfd, 0xca", ALL, MX)     # REX.B: still mm2
    t("psubd_mm_rexr", ".byte 0x44, 0x0f, 0xfa, 0xca", ALL, MX)     # REX.R: still mm1
    for op in ("psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"):
        t(f"{op}_mm_small", f"{op} mm1, mm2", ALL, f"{MX} mm2&0x7f")
        for imm in (0, 1, 7, 15, 31, 33, 64, 255):
            t(f"{op}_mm_imm{imm}", f"{op} mm4, {imm}", ALL, MX)
    for imm in (0, 1, 3, 7, 8, 12, 15, 16, 31):
        t(f"palignr_mm_{imm}", f"palignr mm1, mm2, {imm}", ALL, MX)
    t("palignr_mm_m", "palignr mm1, qword ptr [rbx], 5", ALL, MXM)
    for imm in (0x1b, 0x6c, 0x00, 0xff):
        t(f"pshufw_{imm:02x}", f"pshufw mm1, mm2, 0x{imm:x}", ALL, MX)
    t("pshufw_m", "pshufw mm1, qword ptr [rbx], 0x4e", ALL, MXM)
    mmx_moves()
    mmx_conversions()
    mmx_x87()


def mmx_moves():
    t("pinsrw_mm", "pinsrw mm5, ecx, 5", ALL, MX)
    t("pinsrw_mm_m", "pinsrw mm5, word ptr [rbx], 2", ALL, MXM)
    t("pextrw_mm", "pextrw ecx, mm5, 3", ALL, MX)
    t("pextrw_mm_r9", "pextrw r9d, mm5, 6", ALL, MX)
    t("pmovmskb_mm", "pmovmskb ecx, mm5", ALL, MX)
    t("maskmovq", "maskmovq mm1, mm2", ALL, f"{MX} rdi=ptr")
    t("movntq", "movntq qword ptr [rbx+8], mm3", ALL, MXM)
    t("movd_mm_r32", "movd mm6, ecx", ALL, MX)
    t("movq_mm_r64", "movq mm6, r9", ALL, MX)
    t("movd_r32_mm", "movd ecx, mm6", ALL, MX)
    t("movq_r64_mm", "movq r10, mm6", ALL, MX)
    t("movd_mm_m32", "movd mm6, dword ptr [rbx]", ALL, MXM)
    t("movd_m32_mm", "movd dword ptr [rbx+4], mm6", ALL, MXM)
    t("movq_mm_m64", "movq mm6, qword ptr [rbx]", ALL, MXM)
    t("movq_m64_mm", "movq qword ptr [rbx+8], mm6", ALL, MXM)
    t("movq_mm_mm", "movq mm6, mm7", ALL, MX)
    t("movq_mm_mm_store_form", ".byte 0x0f, 0x7f, 0xd1", ALL, MX)   # movq mm1, mm2 (0F 7F)
    t("movq2dq", "movq2dq xmm9, mm1", ALL, MX)
    t("movdq2q", "movdq2q mm2, xmm9", ALL, MX)
    t("emms", "emms", ALL, MX)
    t("punpcklbw_mm_m32_page_end", "punpcklbw mm1, dword ptr [rbx+0xffc]", ALL, MXF)
    t("paddb_mm_m64_pf", "paddb mm1, qword ptr [rbx+0xffc]", ALL, MXF)
    t("movq_m64_mm_pf", "movq qword ptr [rbx+0xffc], mm1", ALL, MXF + " vendor")
    t("ud_psrldq_mm", ".byte 0x0f, 0x73, 0xd9, 0x01", ALL, "fpu mmx n=20")
    t("ud_psllw_mm_m", ".byte 0x0f, 0x71, 0x33, 0x01", ALL, MXF)


def mmx_conversions():
    F = "fpu mmx mxcsr=rand n=64"
    for op in ("cvtps2pi", "cvttps2pi", "cvtpd2pi", "cvttpd2pi"):
        t(op, f"{op} mm1, xmm2", ALL, F)
        mem = "xmmword" if "pd" in op else "qword"
        t(f"{op}_m", f"{op} mm1, {mem} ptr [rbx]", ALL, F + " rbx=ptr")
    for op in ("cvtpi2ps", "cvtpi2pd"):
        t(op, f"{op} xmm1, mm2", ALL, F)
        t(f"{op}_m", f"{op} xmm1, qword ptr [rbx]", ALL, F + " rbx=ptr")
    t("cvtpd2pi_misaligned", "cvtpd2pi mm1, xmmword ptr [rbx+8]", ALL,
      "fpu mmx mxcsr=rand rbx=ptr n=20")
    xm = "fpu mmx mxcsr=unmasked n=100"
    for op in ("cvtps2pi", "cvttpd2pi"):
        t(f"{op}_xm", f"{op} mm1, xmm2", ALL, xm)
    t("cvtpi2ps_xm", "cvtpi2ps xmm1, mm2", ALL, xm)


def mmx_x87():
    """MMX and x87 code side by side: TOP, the tags and exponents that each leaves."""
    t("movq_mm_r64_fld1", "movq mm0, rax; fld1", ALL, MX)
    t("emms_fld1", "emms; fld1", ALL, MX)
    t("movq_mm_r64_emms_fld1", "movq mm3, rax; emms; fld1", ALL, MX)
    t("fld1_paddb", "fld1; paddb mm0, mm1", ALL, MX)
    t("movq_ffree_fld", "movq mm0, rax; ffree st(7); fld st(0)", ALL, MX)
    t("fstp_after_mmx", "pxor mm2, mm2; fstp st(0)", ALL, MX)

def assemble(items):
    """Returns the bytes of every template, assembled in one go with labels between them."""
    with tempfile.TemporaryDirectory() as d:
        src = [".intel_syntax noprefix", ".text"]
        for k, (_, asm, _, _) in enumerate(items):
            src.append(f"L{k}:")
            src.extend(s.strip() for s in asm.split(";"))
        src.append(f"L{len(items)}:")
        with open(os.path.join(d, "t.s"), "w") as f:
            f.write("\n".join(src) + "\n")
        subprocess.run(["as", "--64", "-o", f"{d}/t.o", f"{d}/t.s"], check=True)
        subprocess.run(["objcopy", "-O", "binary", "-j", ".text", f"{d}/t.o", f"{d}/t.bin"],
                       check=True)
        syms = subprocess.run(["nm", f"{d}/t.o"], check=True, capture_output=True,
                              text=True).stdout
        addr = {}
        for line in syms.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[2].startswith("L") and parts[2][1:].isdigit():
                addr[int(parts[2][1:])] = int(parts[0], 16)
        with open(f"{d}/t.bin", "rb") as f:
            code = f.read()
    return [code[addr[k]:addr[k + 1]] for k in range(len(items))]


def main():
    families = {}
    for family in (alu, shifts, muldiv, bits, conditions, moves, lea, stack, strings, bmi,
                   faults, sse_fp, sse_int, x87, mmx):
        start = len(T)
        family()
        families[start] = family.__name__
    items = T
    names = [x[0] for x in items]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        sys.exit(f"duplicate template names: {sorted(dup)}")
    codes = assemble(items)
    with open(sys.argv[1], "w") as out:
        out.write("# Generated by templates.py; edit that, not this. Format: README.md\n")
        for k, ((name, asm, flags, opts), code) in enumerate(zip(items, codes)):
            if k in families:
                out.write(f"# family {families[k]}\n")
            out.write(f"{name}\t{code.hex()}\t{flags or '-'}\t{opts.strip()}\n")
    print(f"{len(items)} templates")


if __name__ == "__main__":
    main()
