; hello.asm - the smallest Splitvisor guest: two raw Linux system calls, no libc.
;
; write(1, msg, len) prints one line; exit(0) ends the program. If write reports anything but the
; full length, the program exits with status 1 so a short or failed write is visible to the test.
; Build: nasm -f elf64 hello.asm && ld -o hello hello.o

%define SYS_write 1
%define SYS_exit  60

section .rodata
msg:    db "Hello from a Splitvisor user VM", 10
msglen  equ $ - msg

section .text
global _start
_start:
        mov     eax, SYS_write
        mov     edi, 1                  ; stdout
        lea     rsi, [rel msg]
        mov     edx, msglen
        syscall

        xor     edi, edi
        cmp     rax, msglen
        setne   dil                     ; status 1 when the write came up short
        mov     eax, SYS_exit
        syscall
