# The testbed's guest: a 512-byte boot sector, no OS. It fills three quarters of the memory
# above 1 MiB with a non-zero pattern (so that a migration has real data to copy: QEMU sends
# zero pages almost for free), then prints an increasing counter to the first serial port,
# one line about every 0.22 s, idling in HLT between lines. The counter lives in a register,
# so after a live migration the destination goes on from where the source stopped.
# Build: as --32 -o guest.o guest.S && ld -m elf_i386 -Ttext 0x7c00 --oformat binary -o guest.bin guest.o
        .code16
        .globl _start
_start:
        cli
        xor     %ax, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        mov     $0x7c00, %sp
        in      $0x92, %al              # A20 on
        or      $2, %al
        and     $0xfe, %al
        out     %al, $0x92
        lgdt    gdt_desc                # unreal mode: ES keeps a 4 GiB limit back in real mode
        mov     %cr0, %eax
        or      $1, %al
        mov     %eax, %cr0
        jmp     1f
1:      mov     $8, %bx
        mov     %bx, %es
        and     $0xfe, %al
        mov     %eax, %cr0
        jmp     2f
2:      mov     $0xe801, %ax            # extended memory: AX KiB in 1-16 MiB, BX 64 KiB blocks above
        int     $0x15
        jc      count
        movzx   %ax, %eax
        movzx   %bx, %ebx
        shl     $8, %eax                # KiB -> dwords
        shl     $14, %ebx               # 64 KiB -> dwords
        add     %ebx, %eax
        mov     %eax, %ecx
        shr     $2, %eax
        sub     %eax, %ecx              # three quarters
        mov     $0x100000, %edi
        mov     $0x5a5aa5a5, %eax
        cld
        addr32 rep stosl
count:
        sti
        xor     %ebp, %ebp
line:
        inc     %ebp
        mov     $0x3f8, %dx
        mov     $'n', %al
        out     %al, %dx
        mov     $' ', %al
        out     %al, %dx
        mov     %ebp, %ebx
        mov     $8, %cx
digit:
        rol     $4, %ebx
        mov     %bl, %al
        and     $0x0f, %al
        add     $'0', %al
        cmp     $'9', %al
        jbe     3f
        add     $7, %al
3:      out     %al, %dx
        loop    digit
        mov     $'\n', %al
        out     %al, %dx
        mov     0x46c, %bx              # BIOS tick counter, 18.2 Hz
        add     $4, %bx
wait:   hlt
        cmp     0x46c, %bx
        jne     wait
        jmp     line

        .p2align 3
gdt:    .quad   0
        .quad   0x00cf92000000ffff      # flat 4 GiB data segment
gdt_desc:
        .word   gdt_desc - gdt - 1
        .long   gdt
        .org    510
        .byte   0x55, 0xaa
