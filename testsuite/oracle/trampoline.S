/*
 * Enters a template on the real CPU with every register loaded from the oracle_in_* image and
 * comes back through oracle_return, which the code page jumps to after the template's bytes.
 *
 * Only MOV instructions run between the POPFQ that loads the guest RFLAGS and the template, and
 * between the template and the PUSHFQ that records them, so no flag is disturbed. All state is
 * reached RIP-relative because no general register is free while the guest state is loaded.
 */
    .intel_syntax noprefix
    .text
    .globl oracle_enter
    .globl oracle_return
oracle_enter:
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    fxsave [rip + oracle_host_fx]
    mov [rip + oracle_host_rsp], rsp
    fxrstor [rip + oracle_in_fx]
    push qword ptr [rip + oracle_in_rflags]
    popfq
    mov rax, [rip + oracle_in_gpr + 0]
    mov rcx, [rip + oracle_in_gpr + 8]
    mov rdx, [rip + oracle_in_gpr + 16]
    mov rbx, [rip + oracle_in_gpr + 24]
    mov rbp, [rip + oracle_in_gpr + 40]
    mov rsi, [rip + oracle_in_gpr + 48]
    mov rdi, [rip + oracle_in_gpr + 56]
    mov r8, [rip + oracle_in_gpr + 64]
    mov r9, [rip + oracle_in_gpr + 72]
    mov r10, [rip + oracle_in_gpr + 80]
    mov r11, [rip + oracle_in_gpr + 88]
    mov r12, [rip + oracle_in_gpr + 96]
    mov r13, [rip + oracle_in_gpr + 104]
    mov r14, [rip + oracle_in_gpr + 112]
    mov r15, [rip + oracle_in_gpr + 120]
    mov rsp, [rip + oracle_in_gpr + 32]
    jmp qword ptr [rip + oracle_code_addr]

oracle_return:
    mov [rip + oracle_out_gpr + 0], rax
    mov [rip + oracle_out_gpr + 8], rcx
    mov [rip + oracle_out_gpr + 16], rdx
    mov [rip + oracle_out_gpr + 24], rbx
    mov [rip + oracle_out_gpr + 32], rsp
    mov [rip + oracle_out_gpr + 40], rbp
    mov [rip + oracle_out_gpr + 48], rsi
    mov [rip + oracle_out_gpr + 56], rdi
    mov [rip + oracle_out_gpr + 64], r8
    mov [rip + oracle_out_gpr + 72], r9
    mov [rip + oracle_out_gpr + 80], r10
    mov [rip + oracle_out_gpr + 88], r11
    mov [rip + oracle_out_gpr + 96], r12
    mov [rip + oracle_out_gpr + 104], r13
    mov [rip + oracle_out_gpr + 112], r14
    mov [rip + oracle_out_gpr + 120], r15
    mov rsp, [rip + oracle_host_rsp]
    pushfq
    pop qword ptr [rip + oracle_out_rflags]
    /* The C caller expects DF clear and no stray NT/AC/TF. */
    push 0x202
    popfq
    fxsave [rip + oracle_out_fx]
    fxrstor [rip + oracle_host_fx]
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret

    .section .note.GNU-stack, "", @progbits
