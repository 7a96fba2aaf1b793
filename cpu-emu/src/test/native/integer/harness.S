/*
 * run_insn(state *s, void *code): loads RAX RCX RDX RBX RSI RDI R8 R9 and RFLAGS from s,
 * calls code (the instruction under test followed by RET), and stores them back.
 * state layout: eight 64-bit registers in that order, then RFLAGS (DF may be set on entry).
 */
        .text
        .globl  run_insn
run_insn:
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rdi, %r12
        mov     %rsi, %r13
        mov     0(%r12), %rax
        mov     8(%r12), %rcx
        mov     16(%r12), %rdx
        mov     24(%r12), %rbx
        mov     32(%r12), %rsi
        mov     40(%r12), %rdi
        mov     48(%r12), %r8
        mov     56(%r12), %r9
        pushq   64(%r12)
        popfq
        call    *%r13
        pushfq
        popq    64(%r12)
        cld                     /* the string tests may set DF; the C ABI wants it clear */
        mov     %rax, 0(%r12)
        mov     %rcx, 8(%r12)
        mov     %rdx, 16(%r12)
        mov     %rbx, 24(%r12)
        mov     %rsi, 32(%r12)
        mov     %rdi, 40(%r12)
        mov     %r8, 48(%r12)
        mov     %r9, 56(%r12)
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        ret
        .section .note.GNU-stack,"",@progbits
