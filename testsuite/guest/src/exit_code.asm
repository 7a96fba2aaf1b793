; exit_code.asm - exits with the status given as argv[1] (decimal), without libc.
;
; At _start the System V ABI puts argc at [rsp] and the argv pointers after it. With no argument
; the status is 0. Digits are accumulated modulo 2^32 and the kernel keeps the low 8 bits, as it
; does for exit(2) from C. A non-digit character ends the number.
; Build: nasm -f elf64 exit_code.asm && ld -o exit_code exit_code.o

%define SYS_exit 60

section .text
global _start
_start:
        xor     edi, edi                ; status accumulator
        cmp     qword [rsp], 2
        jb      .done                   ; argc < 2: exit(0)
        mov     rsi, [rsp + 16]         ; argv[1]
.digit:
        movzx   eax, byte [rsi]
        sub     eax, '0'
        cmp     eax, 9
        ja      .done                   ; unsigned compare also rejects chars below '0'
        imul    edi, edi, 10
        add     edi, eax
        inc     rsi
        jmp     .digit
.done:
        mov     eax, SYS_exit
        syscall
