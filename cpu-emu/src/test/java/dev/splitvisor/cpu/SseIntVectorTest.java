package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Register-form SSE integer instructions against values recorded on real hardware (AMD Zen 4)
 * by cpu-emu/src/test/native/sseint/vectors.c, whose output is pasted below grouped by its
 * first column (the family), which is dropped.
 *
 * <p>Each instruction runs with XMM2 as destination, XMM1 as source, XMM0 as implicit operand,
 * RBX as general-register operand and RFLAGS = 0x8d7; a row lists the registers that changed
 * (an XMM register as one 128-bit hex number, high quadword first) and the arithmetic flags
 * when they differ from 0x8d5. Every other register must keep its input value.
 */
class SseIntVectorTest {
    private static final long FLAGS_IN = 0x8d7;

    private static final String INPUTS = """
            -                 | 0 | xmm0=00ff00ff800000808080000080008000
            -                 | 0 | xmm1=0123456789abcdef80007fff0001ffff
            -                 | 0 | xmm2=fedcba98765432107f8001ff80000102 rax=5
            -                 | 0 | rbx=d9aa792e1af470ea rcx=ddaa4e85b0d6e28b rdx=9
            -                 | 1 | xmm0=2ead854756d71f0308f474ffb8e8ab15
            -                 | 1 | xmm1=ffffffffffffffff7fff7fff80008000
            -                 | 1 | xmm2=00000000000000017fff800080007fff rax=fffffffffffffffd
            -                 | 1 | rbx=a32edabf5585bd75 rcx=fc5639b16b714b4f rdx=14
            -                 | 2 | xmm0=bcbb9b7e9a319aef544b0ec76d00616d
            -                 | 2 | xmm1=7979797979006362617a646362617878
            -                 | 2 | xmm2=00000000000000000000000064636261 rax=3
            -                 | 2 | rbx=6d0844c269e7693f rcx=3681da7f6993082d rdx=c
            -                 | 3 | xmm0=ccb870213498f7f56c716e1e6ced8137
            -                 | 3 | xmm1=b0ba91e47f6200ec0000000000000005
            -                 | 3 | xmm2=35f305b0c0fc9252c72b4c36d0db7fed rax=80000000
            -                 | 3 | rbx=8e39b81de71b7d09 rcx=59a69ba126cd29b3 rdx=ffffffff00000007
            -                 | 4 | xmm0=572a15ed48b3fdc22d1ce28856d20e5e
            -                 | 4 | xmm1=17a8ec88e0da0bac32b911499417aab9
            -                 | 4 | xmm2=bc3a5b419a43afd20cc88eab2f9ad4bb rax=6f0f3414c47c9c0d
            -                 | 4 | rbx=e71a7567edb8c675 rcx=63674cf841ee8ab9 rdx=e375837da840d9ec
""";

    private static final String ARITH = """
            66 0f 64 d1       | 0 | xmm2=00000000ffffffffff0000000000ffff
            66 0f 64 d1       | 1 | xmm2=ffffffffffffffff000000ff0000ff00
            66 0f 64 d1       | 4 | xmm2=00ffffff00ff00ff00ff0000ff00ffff
            66 0f 65 d1       | 0 | xmm2=00000000ffffffffffff00000000ffff
            66 0f 65 d1       | 1 | xmm2=ffffffffffffffff000000000000ffff
            66 0f 65 d1       | 4 | xmm2=0000ffff0000000000000000ffffffff
            66 0f 66 d1       | 0 | xmm2=00000000ffffffffffffffff00000000
            66 0f 66 d1       | 1 | xmm2=ffffffffffffffffffffffff00000000
            66 0f 66 d1       | 4 | xmm2=000000000000000000000000ffffffff
            66 0f 74 d1       | 0 | xmm2=0000000000000000000000ff00000000
            66 0f 74 d1       | 1 | xmm2=0000000000000000ffff0000ffff0000
            66 0f 74 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f 75 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f 75 d1       | 1 | xmm2=0000000000000000ffff0000ffff0000
            66 0f 75 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f 76 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f 76 d1       | 1 | xmm2=00000000000000000000000000000000
            66 0f 76 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f d4 d1       | 0 | xmm2=ffffffffffffffffff8081fe80020101
            66 0f d4 d1       | 1 | xmm2=0000000000000000ffff00000000ffff
            66 0f d4 d1       | 4 | xmm2=d3e347ca7b1dbb7e3f819ff4c3b27f74
            66 0f d5 d1       | 0 | xmm2=b4140b28fe1c8cf000007e018000fefe
            66 0f d5 d1       | 1 | xmm2=000000000000ffff0001800000008000
            66 0f d5 d1       | 4 | xmm2=bc106688fd0e27184c8809c34ed6e923
            66 0f d8 d1       | 0 | xmm2=fdb97531000000000080000080000000
            66 0f d8 d1       | 1 | xmm2=000000000000000000000100000000ff
            66 0f d8 d1       | 4 | xmm2=a50000000000a426000f7d6200832a02
            66 0f d9 d1       | 0 | xmm2=fdb9753100000000000000007fff0000
            66 0f d9 d1       | 1 | xmm2=00000000000000000000000100000000
            66 0f d9 d1       | 4 | xmm2=a49200000000a42600007d6200002a02
            66 0f da d1       | 0 | xmm2=01234567765432107f0001ff00000102
            66 0f da d1       | 1 | xmm2=00000000000000017fff7f0080007f00
            66 0f da d1       | 4 | xmm2=173a5b419a430bac0cb911492f17aab9
            66 0f db d1       | 0 | xmm2=0000000000000000000001ff00000102
            66 0f db d1       | 1 | xmm2=00000000000000017fff000080000000
            66 0f db d1       | 4 | xmm2=1428480080420b8000880009041280b9
            66 0f dc d1       | 0 | xmm2=ffffffffffffffffff8080ff8001ffff
            66 0f dc d1       | 1 | xmm2=fffffffffffffffffeffffffff00ffff
            66 0f dc d1       | 4 | xmm2=d3e2ffc9ffffbaff3eff9ff4c3b1ffff
            66 0f dd d1       | 0 | xmm2=ffffffffffffffffff8081fe8001ffff
            66 0f dd d1       | 1 | xmm2=fffffffffffffffffffeffffffffffff
            66 0f dd d1       | 4 | xmm2=d3e2ffffffffbb7e3f819ff4c3b1ffff
            66 0f de d1       | 0 | xmm2=fedcba9889abcdef80807fff8001ffff
            66 0f de d1       | 1 | xmm2=ffffffffffffffff7fff80ff800080ff
            66 0f de d1       | 4 | xmm2=bca8ec88e0daafd232c88eab949ad4bb
            66 0f df d1       | 0 | xmm2=0123456789abcdef80007e000001fefd
            66 0f df d1       | 1 | xmm2=fffffffffffffffe00007fff00008000
            66 0f df d1       | 4 | xmm2=0380a4886098002c3231114090052a00
            66 0f e0 d1       | 0 | xmm2=8080808080808080804040ff40018081
            66 0f e0 d1       | 1 | xmm2=80808080808080807fff808080008080
            66 0f e0 d1       | 4 | xmm2=6a71a465bd8f5dbf1fc1507a6259bfba
            66 0f e3 d1       | 0 | xmm2=80008000800080007fc040ff40018081
            66 0f e3 d1       | 1 | xmm2=80008000800080007fff800080008000
            66 0f e3 d1       | 4 | xmm2=69f1a3e5bd8f5dbf1fc14ffa61d9bfba
            66 0f e4 d1       | 0 | xmm2=012132963fa128453fc000ff00000101
            66 0f e4 d1       | 1 | xmm2=00000000000000003fff3fff40003fff
            66 0f e4 d1       | 4 | xmm2=11645450877d0804028809a21b898ddd
            66 0f e5 d1       | 0 | xmm2=fffeed2fc94df635c04000ffffffffff
            66 0f e5 d1       | 1 | xmm2=000000000000ffff3fffc0004000c000
            66 0f e5 d1       | 4 | xmm2=f9bcf90f0c60fc580288f859ebef0e69
            66 0f e8 d1       | 0 | xmm2=fdb980807f7f65217f80820080ff0203
            66 0f e8 d1       | 1 | xmm2=01010101010101020000800100007fff
            66 0f e8 d1       | 4 | xmm2=a57f6f7fba69a426da0f80807f832a02
            66 0f e9 d1       | 0 | xmm2=fdb980007fff64217fff820080000103
            66 0f e9 d1       | 1 | xmm2=00010001000100020000800000007fff
            66 0f e9 d1       | 4 | xmm2=a4926eb9b969a426da0f80007fff2a02
            66 0f ea d1       | 0 | xmm2=fedcba9889abcdef800001ff8000ffff
            66 0f ea d1       | 1 | xmm2=ffffffffffffffff7fff800080008000
            66 0f ea d1       | 4 | xmm2=bc3aec889a43afd20cc88eab9417aab9
            66 0f eb d1       | 0 | xmm2=ffffffffffffffffff807fff8001ffff
            66 0f eb d1       | 1 | xmm2=ffffffffffffffff7fffffff8000ffff
            66 0f eb d1       | 4 | xmm2=bfbaffc9fadbaffe3ef99febbf9ffebb
            66 0f ec d1       | 0 | xmm2=ffffffffffffffffff807ffe80010001
            66 0f ec d1       | 1 | xmm2=ffffffffffffff007ffeffff8000ffff
            66 0f ec d1       | 4 | xmm2=d3e247c9801dba803e819ff4c3b18080
            66 0f ed d1       | 0 | xmm2=ffffffffffffffffff807fff80010101
            66 0f ed d1       | 1 | xmm2=ffffffffffff00007fffffff8000ffff
            66 0f ed d1       | 4 | xmm2=d3e247c98000bb7e3f819ff4c3b18000
            66 0f ee d1       | 0 | xmm2=01234567765432107f807fff00010102
            66 0f ee d1       | 1 | xmm2=00000000000000017fff7fff80007fff
            66 0f ee d1       | 4 | xmm2=17a85b41e0da0bac32b911492f9ad4bb
            66 0f ef d1       | 0 | xmm2=ffffffffffffffffff807e008001fefd
            66 0f ef d1       | 1 | xmm2=fffffffffffffffe0000ffff0000ffff
            66 0f ef d1       | 4 | xmm2=ab92b7c97a99a47e3e719fe2bb8d7e02
            66 0f f4 d1       | 0 | xmm2=3fa27837e5618cf00000ffff8203fefe
            66 0f f4 d1       | 1 | xmm2=00000000ffffffff40007fffbfff8000
            66 0f f4 d1       | 4 | xmm2=877e9e8406dc27181b89e9a470f4e923
            66 0f f5 d1       | 0 | xmm2=ed2dbf3cbf838b0cc13f7e01ffff7efe
            66 0f f5 d1       | 1 | xmm2=00000000ffffffffffff800100008000
            66 0f f5 d1       | 4 | xmm2=f2cc229808b92426fae1564bfa5937f9
            66 0f f6 d1       | 0 | xmm2=0000000000000440000000000000037b
            66 0f f6 d1       | 1 | xmm2=00000000000007f70000000000000200
            66 0f f6 d1       | 4 | xmm2=00000000000003920000000000000228
            66 0f f8 d1       | 0 | xmm2=fdb97531eda96521ff80820080ff0203
            66 0f f8 d1       | 1 | xmm2=0101010101010102000001010000ffff
            66 0f f8 d1       | 4 | xmm2=a5926fb9ba69a426da0f7d629b832a02
            66 0f f9 d1       | 0 | xmm2=fdb97531eca96421ff8082007fff0103
            66 0f f9 d1       | 1 | xmm2=0001000100010002000000010000ffff
            66 0f f9 d1       | 4 | xmm2=a4926eb9b969a426da0f7d629b832a02
            66 0f fa d1       | 0 | xmm2=fdb97531eca86421ff7f82007ffe0103
            66 0f fa d1       | 1 | xmm2=000000010000000200000001ffffffff
            66 0f fa d1       | 4 | xmm2=a4916eb9b969a426da0f7d629b832a02
            66 0f fb d1       | 0 | xmm2=fdb97530eca86421ff7f82007ffe0103
            66 0f fb d1       | 1 | xmm2=000000000000000200000000ffffffff
            66 0f fb d1       | 4 | xmm2=a4916eb8b969a426da0f7d619b832a02
            66 0f fc d1       | 0 | xmm2=ffffffffffffffffff8080fe80010001
            66 0f fc d1       | 1 | xmm2=ffffffffffffff00fefeffff0000ffff
            66 0f fc d1       | 4 | xmm2=d3e247c97a1dba7e3e819ff4c3b17e74
            66 0f fd d1       | 0 | xmm2=ffffffffffffffffff8081fe80010101
            66 0f fd d1       | 1 | xmm2=ffffffffffff0000fffeffff0000ffff
            66 0f fd d1       | 4 | xmm2=d3e247c97b1dbb7e3f819ff4c3b17f74
            66 0f fe d1       | 0 | xmm2=ffffffffffffffffff8081fe80020101
            66 0f fe d1       | 1 | xmm2=ffffffff00000000fffeffff0000ffff
            66 0f fe d1       | 4 | xmm2=d3e347c97b1dbb7e3f819ff4c3b27f74
            66 0f 38 04 d1    | 0 | xmm2=1f126f4aad42f4fac080ff800000fffd
            66 0f 38 04 d1    | 1 | xmm2=000000000000ffff3e023f80c000c080
            66 0f 38 04 d1    | 4 | xmm2=fcf4da6ce2cec29dcae03a31fa0284eb
            66 0f 38 08 d1    | 0 | xmm2=fedcba988aaccef0810001010000fffe
            66 0f 38 08 d1    | 1 | xmm2=00000000000000ff7f01800080008100
            66 0f 38 08 d1    | 4 | xmm2=bcc6a5bf66bdaf2e0c388eabd19a2c45
            66 0f 38 09 d1    | 0 | xmm2=fedcba9889accdf0808001ff8000fefe
            66 0f 38 09 d1    | 1 | xmm2=000000000000ffff7fff800080008001
            66 0f 38 09 d1    | 4 | xmm2=bc3aa4bf65bdafd20cc88eabd0662b45
            66 0f 38 0a d1    | 0 | xmm2=fedcba9889abcdf0807ffe0180000102
            66 0f 38 0a d1    | 1 | xmm2=00000000ffffffff7fff80007fff8001
            66 0f 38 0a d1    | 4 | xmm2=bc3a5b4165bc502e0cc88eabd0652b45
            66 0f 38 0b d1    | 0 | xmm2=fffdda5e929cec6b808001ffffff0000
            66 0f 38 0b d1    | 1 | xmm2=00000000000000007ffe800180008001
            66 0f 38 0b d1    | 4 | xmm2=f379f21f18c2f8b00511f0b2d7df1cd4
            66 0f 38 1c d1    | 0 | xmm2=012345677755331180007f0100010101
            66 0f 38 1c d1    | 1 | xmm2=01010101010101017f017f0180008000
            66 0f 38 1c d1    | 4 | xmm2=1758147820260b54324711496c175647
            66 0f 38 1d d1    | 0 | xmm2=012345677655321180007fff00010001
            66 0f 38 1d d1    | 1 | xmm2=00010001000100017fff7fff80008000
            66 0f 38 1d d1    | 4 | xmm2=17a813781f260bac32b911496be95547
            66 0f 38 1e d1    | 0 | xmm2=01234567765432117fff80010001ffff
            66 0f 38 1e d1    | 1 | xmm2=00000001000000017fff7fff7fff8000
            66 0f 38 1e d1    | 4 | xmm2=17a8ec881f25f45432b911496be85547
            66 0f 38 28 d1    | 0 | xmm2=c94e4627e5618cf0ffff00008203fefe
            66 0f 38 28 d1    | 1 | xmm2=ffffffffffffffff3fff8000bfff8000
            66 0f 38 28 d1    | 4 | xmm2=0c60e30606dc2718ebef14e970f4e923
            66 0f 38 29 d1    | 0 | xmm2=00000000000000000000000000000000
            66 0f 38 29 d1    | 1 | xmm2=00000000000000000000000000000000
            66 0f 38 29 d1    | 4 | xmm2=00000000000000000000000000000000
            66 0f 38 37 d1    | 0 | xmm2=0000000000000000ffffffffffffffff
            66 0f 38 37 d1    | 1 | xmm2=ffffffffffffffffffffffffffffffff
            66 0f 38 37 d1    | 4 | xmm2=00000000000000000000000000000000
            66 0f 38 38 d1    | 0 | xmm2=fedcba9889abcdef808001ff8000ffff
            66 0f 38 38 d1    | 1 | xmm2=ffffffffffffffff7fff80ff800080ff
            66 0f 38 38 d1    | 4 | xmm2=bca8ec889adaafac0cb98eab949aaab9
            66 0f 38 39 d1    | 0 | xmm2=fedcba9889abcdef80007fff80000102
            66 0f 38 39 d1    | 1 | xmm2=ffffffffffffffff7fff7fff80007fff
            66 0f 38 39 d1    | 4 | xmm2=bc3a5b419a43afd20cc88eab9417aab9
            66 0f 38 3a d1    | 0 | xmm2=01234567765432107f8001ff00010102
            66 0f 38 3a d1    | 1 | xmm2=00000000000000017fff7fff80007fff
            66 0f 38 3a d1    | 4 | xmm2=17a85b419a430bac0cc811492f9aaab9
            66 0f 38 3b d1    | 0 | xmm2=01234567765432107f8001ff0001ffff
            66 0f 38 3b d1    | 1 | xmm2=00000000000000017fff7fff80007fff
            66 0f 38 3b d1    | 4 | xmm2=17a8ec889a43afd20cc88eab2f9ad4bb
            66 0f 38 3c d1    | 0 | xmm2=01234567765432107f007fff00010102
            66 0f 38 3c d1    | 1 | xmm2=00000000000000017fff7f0080007f00
            66 0f 38 3c d1    | 4 | xmm2=173a5b41e0430bd232c811492f17d4bb
            66 0f 38 3d d1    | 0 | xmm2=01234567765432107f8001ff0001ffff
            66 0f 38 3d d1    | 1 | xmm2=00000000000000017fff800080008000
            66 0f 38 3d d1    | 4 | xmm2=17a8ec88e0da0bac32b911492f9ad4bb
            66 0f 38 3e d1    | 0 | xmm2=fedcba9889abcdef80007fff8000ffff
            66 0f 38 3e d1    | 1 | xmm2=ffffffffffffffff7fff800080008000
            66 0f 38 3e d1    | 4 | xmm2=bc3aec88e0daafd232b98eab9417d4bb
            66 0f 38 3f d1    | 0 | xmm2=fedcba9889abcdef80007fff80000102
            66 0f 38 3f d1    | 1 | xmm2=ffffffffffffffff7fff800080008000
            66 0f 38 3f d1    | 4 | xmm2=bc3a5b41e0da0bac32b911499417aab9
            66 0f 38 40 d1    | 0 | xmm2=23e20b28e5618cf0017f7e018203fefe
            66 0f 38 40 d1    | 1 | xmm2=00000000ffffffffc0008000bfff8000
            66 0f 38 40 d1    | 4 | xmm2=84c8668806dc2718763d09c370f4e923
""";

    private static final String SHIFT = """
            66 0f d1 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f d1 d1       | 3 | xmm2=01af002d0607049206390261068603ff
            66 0f d1 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f d2 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f d2 d1       | 3 | xmm2=01af982d0607e49206395a610686dbff
            66 0f d2 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f d3 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f d3 d1       | 3 | xmm2=01af982d8607e49206395a61b686dbff
            66 0f d3 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f e1 d1       | 0 | xmm2=ffffffff0000000000000000ffff0000
            66 0f e1 d1       | 3 | xmm2=01af002dfe07fc92fe390261fe8603ff
            66 0f e1 d1       | 4 | xmm2=ffff0000ffffffff0000ffff0000ffff
            66 0f e2 d1       | 0 | xmm2=ffffffff0000000000000000ffffffff
            66 0f e2 d1       | 3 | xmm2=01af982dfe07e492fe395a61fe86dbff
            66 0f e2 d1       | 4 | xmm2=ffffffffffffffff0000000000000000
            66 0f f1 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f f1 d1       | 3 | xmm2=be60b6001f804a40e56086c01b60fda0
            66 0f f1 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f f2 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f f2 d1       | 3 | xmm2=be60b6001f924a40e56986c01b6ffda0
            66 0f f2 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f f3 d1       | 0 | xmm2=00000000000000000000000000000000
            66 0f f3 d1       | 3 | xmm2=be60b6181f924a40e56986da1b6ffda0
            66 0f f3 d1       | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 00    | 0 |
            66 0f 71 d2 00    | 4 |
            66 0f 71 d2 03    | 0 | xmm2=1fdb17530eca06420ff0003f10000020
            66 0f 71 d2 03    | 4 | xmm2=17870b68134815fa019911d505f31a97
            66 0f 71 d2 0f    | 0 | xmm2=00010001000000000000000000010000
            66 0f 71 d2 0f    | 4 | xmm2=00010000000100010000000100000001
            66 0f 71 d2 10    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 10    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 21    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 21    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 d2 c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 e2 00    | 0 |
            66 0f 71 e2 00    | 4 |
            66 0f 71 e2 03    | 0 | xmm2=ffdbf7530eca06420ff0003ff0000020
            66 0f 71 e2 03    | 4 | xmm2=f7870b68f348f5fa0199f1d505f3fa97
            66 0f 71 e2 0f    | 0 | xmm2=ffffffff0000000000000000ffff0000
            66 0f 71 e2 0f    | 4 | xmm2=ffff0000ffffffff0000ffff0000ffff
            66 0f 71 e2 10    | 0 | xmm2=ffffffff0000000000000000ffff0000
            66 0f 71 e2 10    | 4 | xmm2=ffff0000ffffffff0000ffff0000ffff
            66 0f 71 e2 21    | 0 | xmm2=ffffffff0000000000000000ffff0000
            66 0f 71 e2 21    | 4 | xmm2=ffff0000ffffffff0000ffff0000ffff
            66 0f 71 e2 40    | 0 | xmm2=ffffffff0000000000000000ffff0000
            66 0f 71 e2 40    | 4 | xmm2=ffff0000ffffffff0000ffff0000ffff
            66 0f 71 e2 c8    | 0 | xmm2=ffffffff0000000000000000ffff0000
            66 0f 71 e2 c8    | 4 | xmm2=ffff0000ffffffff0000ffff0000ffff
            66 0f 71 f2 00    | 0 |
            66 0f 71 f2 00    | 4 |
            66 0f 71 f2 03    | 0 | xmm2=f6e0d4c0b2a09080fc000ff800000810
            66 0f 71 f2 03    | 4 | xmm2=e1d0da08d2187e90664075587cd0a5d8
            66 0f 71 f2 0f    | 0 | xmm2=00000000000000000000800000000000
            66 0f 71 f2 0f    | 4 | xmm2=00008000800000000000800000008000
            66 0f 71 f2 10    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 10    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 21    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 21    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 71 f2 c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 72 d2 00    | 0 |
            66 0f 72 d2 00    | 4 |
            66 0f 72 d2 03    | 0 | xmm2=1fdb97530eca86420ff0003f10000020
            66 0f 72 d2 03    | 4 | xmm2=17874b68134875fa019911d505f35a97
            66 0f 72 d2 0f    | 0 | xmm2=0001fdb90000eca80000ff0000010000
            66 0f 72 d2 0f    | 4 | xmm2=00017874000134870000199100005f35
            66 0f 72 d2 10    | 0 | xmm2=0000fedc0000765400007f8000008000
            66 0f 72 d2 10    | 4 | xmm2=0000bc3a00009a4300000cc800002f9a
            66 0f 72 d2 21    | 0 | xmm2=00000000000000000000000000000000
            66 0f 72 d2 21    | 4 | xmm2=00000000000000000000000000000000
            66 0f 72 d2 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 72 d2 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 72 d2 c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 72 d2 c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 72 e2 00    | 0 |
            66 0f 72 e2 00    | 4 |
            66 0f 72 e2 03    | 0 | xmm2=ffdb97530eca86420ff0003ff0000020
            66 0f 72 e2 03    | 4 | xmm2=f7874b68f34875fa019911d505f35a97
            66 0f 72 e2 0f    | 0 | xmm2=fffffdb90000eca80000ff00ffff0000
            66 0f 72 e2 0f    | 4 | xmm2=ffff7874ffff34870000199100005f35
            66 0f 72 e2 10    | 0 | xmm2=fffffedc0000765400007f80ffff8000
            66 0f 72 e2 10    | 4 | xmm2=ffffbc3affff9a4300000cc800002f9a
            66 0f 72 e2 21    | 0 | xmm2=ffffffff0000000000000000ffffffff
            66 0f 72 e2 21    | 4 | xmm2=ffffffffffffffff0000000000000000
            66 0f 72 e2 40    | 0 | xmm2=ffffffff0000000000000000ffffffff
            66 0f 72 e2 40    | 4 | xmm2=ffffffffffffffff0000000000000000
            66 0f 72 e2 c8    | 0 | xmm2=ffffffff0000000000000000ffffffff
            66 0f 72 e2 c8    | 4 | xmm2=ffffffffffffffff0000000000000000
            66 0f 72 f2 00    | 0 |
            66 0f 72 f2 00    | 4 |
            66 0f 72 f2 03    | 0 | xmm2=f6e5d4c0b2a19080fc000ff800000810
            66 0f 72 f2 03    | 4 | xmm2=e1d2da08d21d7e90664475587cd6a5d8
            66 0f 72 f2 0f    | 0 | xmm2=5d4c00001908000000ff800000810000
            66 0f 72 f2 0f    | 4 | xmm2=2da08000d7e90000475580006a5d8000
            66 0f 72 f2 10    | 0 | xmm2=ba9800003210000001ff000001020000
            66 0f 72 f2 10    | 4 | xmm2=5b410000afd200008eab0000d4bb0000
            66 0f 72 f2 21    | 0 | xmm2=00000000000000000000000000000000
            66 0f 72 f2 21    | 4 | xmm2=00000000000000000000000000000000
            66 0f 72 f2 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 72 f2 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 72 f2 c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 72 f2 c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 d2 00    | 0 |
            66 0f 73 d2 00    | 4 |
            66 0f 73 d2 03    | 0 | xmm2=1fdb97530eca86420ff0003ff0000020
            66 0f 73 d2 03    | 4 | xmm2=17874b68334875fa019911d565f35a97
            66 0f 73 d2 0f    | 0 | xmm2=0001fdb97530eca80000ff0003ff0000
            66 0f 73 d2 0f    | 4 | xmm2=00017874b6833487000019911d565f35
            66 0f 73 d2 10    | 0 | xmm2=0000fedcba98765400007f8001ff8000
            66 0f 73 d2 10    | 4 | xmm2=0000bc3a5b419a4300000cc88eab2f9a
            66 0f 73 d2 21    | 0 | xmm2=000000007f6e5d4c000000003fc000ff
            66 0f 73 d2 21    | 4 | xmm2=000000005e1d2da00000000006644755
            66 0f 73 d2 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 d2 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 d2 c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 d2 c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 da 00    | 0 |
            66 0f 73 da 00    | 4 |
            66 0f 73 da 03    | 0 | xmm2=000000fedcba98765432107f8001ff80
            66 0f 73 da 03    | 4 | xmm2=000000bc3a5b419a43afd20cc88eab2f
            66 0f 73 da 0f    | 0 | xmm2=000000000000000000000000000000fe
            66 0f 73 da 0f    | 4 | xmm2=000000000000000000000000000000bc
            66 0f 73 da 10    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 da 10    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 da 21    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 da 21    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 da 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 da 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 da c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 da c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 f2 00    | 0 |
            66 0f 73 f2 00    | 4 |
            66 0f 73 f2 03    | 0 | xmm2=f6e5d4c3b2a19080fc000ffc00000810
            66 0f 73 f2 03    | 4 | xmm2=e1d2da0cd21d7e90664475597cd6a5d8
            66 0f 73 f2 0f    | 0 | xmm2=5d4c3b2a1908000000ffc00000810000
            66 0f 73 f2 0f    | 4 | xmm2=2da0cd21d7e90000475597cd6a5d8000
            66 0f 73 f2 10    | 0 | xmm2=ba9876543210000001ff800001020000
            66 0f 73 f2 10    | 4 | xmm2=5b419a43afd200008eab2f9ad4bb0000
            66 0f 73 f2 21    | 0 | xmm2=eca86420000000000000020400000000
            66 0f 73 f2 21    | 4 | xmm2=34875fa4000000005f35a97600000000
            66 0f 73 f2 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 f2 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 f2 c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 f2 c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 fa 00    | 0 |
            66 0f 73 fa 00    | 4 |
            66 0f 73 fa 03    | 0 | xmm2=98765432107f8001ff80000102000000
            66 0f 73 fa 03    | 4 | xmm2=419a43afd20cc88eab2f9ad4bb000000
            66 0f 73 fa 0f    | 0 | xmm2=02000000000000000000000000000000
            66 0f 73 fa 0f    | 4 | xmm2=bb000000000000000000000000000000
            66 0f 73 fa 10    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 fa 10    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 fa 21    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 fa 21    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 fa 40    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 fa 40    | 4 | xmm2=00000000000000000000000000000000
            66 0f 73 fa c8    | 0 | xmm2=00000000000000000000000000000000
            66 0f 73 fa c8    | 4 | xmm2=00000000000000000000000000000000
            66 0f 3a 0f d1 00 | 0 | xmm2=0123456789abcdef80007fff0001ffff
            66 0f 3a 0f d1 00 | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            66 0f 3a 0f d1 04 | 0 | xmm2=800001020123456789abcdef80007fff
            66 0f 3a 0f d1 04 | 4 | xmm2=2f9ad4bb17a8ec88e0da0bac32b91149
            66 0f 3a 0f d1 08 | 0 | xmm2=7f8001ff800001020123456789abcdef
            66 0f 3a 0f d1 08 | 4 | xmm2=0cc88eab2f9ad4bb17a8ec88e0da0bac
            66 0f 3a 0f d1 0f | 0 | xmm2=dcba98765432107f8001ff8000010201
            66 0f 3a 0f d1 0f | 4 | xmm2=3a5b419a43afd20cc88eab2f9ad4bb17
            66 0f 3a 0f d1 11 | 0 | xmm2=00fedcba98765432107f8001ff800001
            66 0f 3a 0f d1 11 | 4 | xmm2=00bc3a5b419a43afd20cc88eab2f9ad4
            66 0f 3a 0f d1 1f | 0 | xmm2=000000000000000000000000000000fe
            66 0f 3a 0f d1 1f | 4 | xmm2=000000000000000000000000000000bc
            66 0f 3a 0f d1 20 | 0 | xmm2=00000000000000000000000000000000
            66 0f 3a 0f d1 20 | 4 | xmm2=00000000000000000000000000000000
""";

    private static final String SHUFFLE = """
            66 0f 60 d1       | 0 | xmm2=807f00807f01ffff00800100ff01ff02
            66 0f 60 d1       | 1 | xmm2=7f7fffff7f80ff0080800000807f00ff
            66 0f 60 d1       | 4 | xmm2=320cb9c8118e49ab942f179aaad4b9bb
            66 0f 61 d1       | 0 | xmm2=80007f807fff01ff00018000ffff0102
            66 0f 61 d1       | 1 | xmm2=7fff7fff7fff80008000800080007fff
            66 0f 61 d1       | 4 | xmm2=32b90cc811498eab94172f9aaab9d4bb
            66 0f 62 d1       | 0 | xmm2=80007fff7f8001ff0001ffff80000102
            66 0f 62 d1       | 1 | xmm2=7fff7fff7fff80008000800080007fff
            66 0f 62 d1       | 4 | xmm2=32b911490cc88eab9417aab92f9ad4bb
            66 0f 63 d1       | 0 | xmm2=7f7f8080807f01ff80807f7f7f7f807f
            66 0f 63 d1       | 1 | xmm2=ffffffff7f7f8080000000017f80807f
            66 0f 63 d1       | 4 | xmm2=7f80807f7f7f8080807f80807f807f80
            66 0f 67 d1       | 0 | xmm2=ffff000000ff01000000ffffffff00ff
            66 0f 67 d1       | 1 | xmm2=00000000ffff000000000001ff0000ff
            66 0f 67 d1       | 4 | xmm2=ff0000ffffff000000ff0000ff00ff00
            66 0f 68 d1       | 0 | xmm2=01fe23dc45ba67988976ab54cd32ef10
            66 0f 68 d1       | 1 | xmm2=ff00ff00ff00ff00ff00ff00ff00ff01
            66 0f 68 d1       | 4 | xmm2=17bca83aec5b8841e09ada430bafacd2
            66 0f 69 d1       | 0 | xmm2=0123fedc4567ba9889ab7654cdef3210
            66 0f 69 d1       | 1 | xmm2=ffff0000ffff0000ffff0000ffff0001
            66 0f 69 d1       | 4 | xmm2=17a8bc3aec885b41e0da9a430bacafd2
            66 0f 6a d1       | 0 | xmm2=01234567fedcba9889abcdef76543210
            66 0f 6a d1       | 1 | xmm2=ffffffff00000000ffffffff00000001
            66 0f 6a d1       | 4 | xmm2=17a8ec88bc3a5b41e0da0bac9a43afd2
            66 0f 6b d1       | 0 | xmm2=7fff800080007fff80007fff7fff8000
            66 0f 6b d1       | 1 | xmm2=ffffffff7fff8000000000017fff8000
            66 0f 6b d1       | 4 | xmm2=7fff80007fff8000800080007fff7fff
            66 0f 6c d1       | 0 | xmm2=80007fff0001ffff7f8001ff80000102
            66 0f 6c d1       | 1 | xmm2=7fff7fff800080007fff800080007fff
            66 0f 6c d1       | 4 | xmm2=32b911499417aab90cc88eab2f9ad4bb
            66 0f 6d d1       | 0 | xmm2=0123456789abcdeffedcba9876543210
            66 0f 6d d1       | 1 | xmm2=ffffffffffffffff0000000000000001
            66 0f 6d d1       | 4 | xmm2=17a8ec88e0da0bacbc3a5b419a43afd2
            66 0f 70 d1 1b    | 0 | xmm2=0001ffff80007fff89abcdef01234567
            66 0f 70 d1 1b    | 1 | xmm2=800080007fff7fffffffffffffffffff
            66 0f 70 d1 1b    | 4 | xmm2=9417aab932b91149e0da0bac17a8ec88
            66 0f 70 d1 e4    | 0 | xmm2=0123456789abcdef80007fff0001ffff
            66 0f 70 d1 e4    | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            66 0f 70 d1 e4    | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            66 0f 70 d1 4e    | 0 | xmm2=80007fff0001ffff0123456789abcdef
            66 0f 70 d1 4e    | 1 | xmm2=7fff7fff80008000ffffffffffffffff
            66 0f 70 d1 4e    | 4 | xmm2=32b911499417aab917a8ec88e0da0bac
            66 0f 70 d1 93    | 0 | xmm2=89abcdef80007fff0001ffff01234567
            66 0f 70 d1 93    | 1 | xmm2=ffffffff7fff7fff80008000ffffffff
            66 0f 70 d1 93    | 4 | xmm2=e0da0bac32b911499417aab917a8ec88
            f3 0f 70 d1 1b    | 0 | xmm2=cdef89ab4567012380007fff0001ffff
            f3 0f 70 d1 1b    | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            f3 0f 70 d1 1b    | 4 | xmm2=0bace0daec8817a832b911499417aab9
            f3 0f 70 d1 e4    | 0 | xmm2=0123456789abcdef80007fff0001ffff
            f3 0f 70 d1 e4    | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            f3 0f 70 d1 e4    | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            f3 0f 70 d1 4e    | 0 | xmm2=89abcdef0123456780007fff0001ffff
            f3 0f 70 d1 4e    | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            f3 0f 70 d1 4e    | 4 | xmm2=e0da0bac17a8ec8832b911499417aab9
            f3 0f 70 d1 93    | 0 | xmm2=456789abcdef012380007fff0001ffff
            f3 0f 70 d1 93    | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            f3 0f 70 d1 93    | 4 | xmm2=ec88e0da0bac17a832b911499417aab9
            f2 0f 70 d1 1b    | 0 | xmm2=0123456789abcdefffff00017fff8000
            f2 0f 70 d1 1b    | 1 | xmm2=ffffffffffffffff800080007fff7fff
            f2 0f 70 d1 1b    | 4 | xmm2=17a8ec88e0da0bacaab99417114932b9
            f2 0f 70 d1 e4    | 0 | xmm2=0123456789abcdef80007fff0001ffff
            f2 0f 70 d1 e4    | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            f2 0f 70 d1 e4    | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            f2 0f 70 d1 4e    | 0 | xmm2=0123456789abcdef0001ffff80007fff
            f2 0f 70 d1 4e    | 1 | xmm2=ffffffffffffffff800080007fff7fff
            f2 0f 70 d1 4e    | 4 | xmm2=17a8ec88e0da0bac9417aab932b91149
            f2 0f 70 d1 93    | 0 | xmm2=0123456789abcdef7fff0001ffff8000
            f2 0f 70 d1 93    | 1 | xmm2=ffffffffffffffff7fff800080007fff
            f2 0f 70 d1 93    | 4 | xmm2=17a8ec88e0da0bac11499417aab932b9
            66 0f 38 00 d1    | 0 | xmm2=0180017f000000000002fe0002010000
            66 0f 38 00 d1    | 1 | xmm2=00000000000000000000000000ff00ff
            66 0f 38 00 d1    | 4 | xmm2=0c00000000009a009a00d4af000c0000
            66 0f 38 10 d1    | 0 | xmm2=fe23ba67895432ef800001ff0000ff02
            66 0f 38 10 d1    | 1 | xmm2=00ffff0000ff00017fff80ff800080ff
            66 0f 38 10 d1    | 4 | xmm2=bc3a5b889ada0bac0cc811492f17d4bb
            66 0f 38 2b d1    | 0 | xmm2=ffff00000000ffff0000ffffffff0000
            66 0f 38 2b d1    | 1 | xmm2=00000000ffff000000000001ffff0000
            66 0f 38 2b d1    | 4 | xmm2=ffff0000ffff000000000000ffffffff
            66 0f 38 20 d1    | 0 | xmm2=ff800000007fffff00000001ffffffff
            66 0f 38 20 d1    | 1 | xmm2=007fffff007fffffff800000ff800000
            66 0f 38 20 d1    | 4 | xmm2=0032ffb900110049ff940017ffaaffb9
            66 0f 38 21 d1    | 0 | xmm2=0000000000000001ffffffffffffffff
            66 0f 38 21 d1    | 1 | xmm2=ffffff8000000000ffffff8000000000
            66 0f 38 21 d1    | 4 | xmm2=ffffff9400000017ffffffaaffffffb9
            66 0f 38 22 d1    | 0 | xmm2=ffffffffffffffffffffffffffffffff
            66 0f 38 22 d1    | 1 | xmm2=ffffffffffffff800000000000000000
            66 0f 38 22 d1    | 4 | xmm2=ffffffffffffffaaffffffffffffffb9
            66 0f 38 23 d1    | 0 | xmm2=ffff800000007fff00000001ffffffff
            66 0f 38 23 d1    | 1 | xmm2=00007fff00007fffffff8000ffff8000
            66 0f 38 23 d1    | 4 | xmm2=000032b900001149ffff9417ffffaab9
            66 0f 38 24 d1    | 0 | xmm2=0000000000000001ffffffffffffffff
            66 0f 38 24 d1    | 1 | xmm2=ffffffffffff8000ffffffffffff8000
            66 0f 38 24 d1    | 4 | xmm2=ffffffffffff9417ffffffffffffaab9
            66 0f 38 25 d1    | 0 | xmm2=ffffffff80007fff000000000001ffff
            66 0f 38 25 d1    | 1 | xmm2=000000007fff7fffffffffff80008000
            66 0f 38 25 d1    | 4 | xmm2=0000000032b91149ffffffff9417aab9
            66 0f 38 30 d1    | 0 | xmm2=00800000007f00ff0000000100ff00ff
            66 0f 38 30 d1    | 1 | xmm2=007f00ff007f00ff0080000000800000
            66 0f 38 30 d1    | 4 | xmm2=003200b9001100490094001700aa00b9
            66 0f 38 31 d1    | 0 | xmm2=0000000000000001000000ff000000ff
            66 0f 38 31 d1    | 1 | xmm2=00000080000000000000008000000000
            66 0f 38 31 d1    | 4 | xmm2=0000009400000017000000aa000000b9
            66 0f 38 32 d1    | 0 | xmm2=00000000000000ff00000000000000ff
            66 0f 38 32 d1    | 1 | xmm2=00000000000000800000000000000000
            66 0f 38 32 d1    | 4 | xmm2=00000000000000aa00000000000000b9
            66 0f 38 33 d1    | 0 | xmm2=0000800000007fff000000010000ffff
            66 0f 38 33 d1    | 1 | xmm2=00007fff00007fff0000800000008000
            66 0f 38 33 d1    | 4 | xmm2=000032b900001149000094170000aab9
            66 0f 38 34 d1    | 0 | xmm2=0000000000000001000000000000ffff
            66 0f 38 34 d1    | 1 | xmm2=00000000000080000000000000008000
            66 0f 38 34 d1    | 4 | xmm2=0000000000009417000000000000aab9
            66 0f 38 35 d1    | 0 | xmm2=0000000080007fff000000000001ffff
            66 0f 38 35 d1    | 1 | xmm2=000000007fff7fff0000000080008000
            66 0f 38 35 d1    | 4 | xmm2=0000000032b91149000000009417aab9
            66 0f 3a 0e d1 a5 | 0 | xmm2=0123ba9889ab32107f807fff8000ffff
            66 0f 3a 0e d1 a5 | 1 | xmm2=ffff0000ffff00017fff7fff80008000
            66 0f 3a 0e d1 a5 | 4 | xmm2=17a85b41e0daafd20cc811492f9aaab9
            66 0f 3a 0e d1 0f | 0 | xmm2=fedcba987654321080007fff0001ffff
            66 0f 3a 0e d1 0f | 1 | xmm2=00000000000000017fff7fff80008000
            66 0f 3a 0e d1 0f | 4 | xmm2=bc3a5b419a43afd232b911499417aab9
            66 0f 3a 0e d1 ff | 0 | xmm2=0123456789abcdef80007fff0001ffff
            66 0f 3a 0e d1 ff | 1 | xmm2=ffffffffffffffff7fff7fff80008000
            66 0f 3a 0e d1 ff | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            66 0f 3a 0e d1 00 | 0 |
            66 0f 3a 0e d1 00 | 1 |
            66 0f 3a 0e d1 00 | 4 |
""";

    private static final String HORIZONTAL = """
            66 0f 38 01 d1    | 0 | xmm2=468a579affff0000b974a864817f8102
            66 0f 38 01 d1    | 1 | xmm2=fffefffefffe000000000001ffffffff
            66 0f 38 01 d1    | 4 | xmm2=0430ec8644023ed0177b4a159b730455
            66 0f 38 02 d1    | 0 | xmm2=8acf135680027ffe7530eca8ff800301
            66 0f 38 02 d1    | 1 | xmm2=fffffffeffffffff00000001ffffffff
            66 0f 38 02 d1    | 4 | xmm2=f882f834c6d0bc02567e0b133c636366
            66 0f 38 03 d1    | 0 | xmm2=468a8000ffff0000b9747fff7fff8102
            66 0f 38 03 d1    | 1 | xmm2=fffefffe7fff800000000001ffffffff
            66 0f 38 03 d1    | 4 | xmm2=0430ec8644028000177b80009b730455
            66 0f 38 05 d1    | 0 | xmm2=44444444fffffffebbbcbbbc827f8102
            66 0f 38 05 d1    | 1 | xmm2=0000000000000000000000010001ffff
            66 0f 38 05 d1    | 4 | xmm2=d4e02ad2de9016a29f07158f81e3a521
            66 0f 38 06 d1    | 0 | xmm2=888888888001800077777778007fff03
            66 0f 38 06 d1    | 1 | xmm2=0000000000010001000000010000ffff
            66 0f 38 06 d1    | 4 | xmm2=c9311f24615e9970de09549122d24610
            66 0f 38 07 d1    | 0 | xmm2=444444447ffffffebbbcbbbc827f7fff
            66 0f 38 07 d1    | 1 | xmm2=00000000000000000000000180007fff
            66 0f 38 07 d1    | 4 | xmm2=d4e02ad2de9016a27fff158f81e3a521
            66 0f 38 17 d1    | 0 | flags=0
            66 0f 38 17 d1    | 1 | flags=0
            66 0f 38 17 d1    | 4 | flags=0
            66 0f 38 41 d1    | 0 | xmm2=00000000000000000000000000010001
            66 0f 38 41 d1    | 1 | xmm2=00000000000000000000000000027fff
            66 0f 38 41 d1    | 4 | xmm2=00000000000000000000000000040bac
            66 0f 3a 42 d1 00 | 0 | xmm2=01f40140020b01fc00ff027d037b027c
            66 0f 3a 42 d1 00 | 1 | xmm2=017e018101fd010001ff000001ff0100
            66 0f 3a 42 d1 00 | 4 | xmm2=01be01830092016301360134005a0114
            66 0f 3a 42 d1 01 | 0 | xmm2=014d00dd01ee00ff0100027e027c017b
            66 0f 3a 42 d1 01 | 1 | xmm2=027c017d01fd010001fd020001fd0100
            66 0f 3a 42 d1 01 | 4 | xmm2=0119011a02490114017500d902170157
            66 0f 3a 42 d1 02 | 0 | xmm2=01db01af01e0011101540218025c026d
            66 0f 3a 42 d1 02 | 1 | xmm2=037c027d01fd01fe01fd02fc02fd01fe
            66 0f 3a 42 d1 02 | 4 | xmm2=022f005601b7016a018100b7019701c9
            66 0f 3a 42 d1 03 | 0 | xmm2=00af0097010c01b70174017e0206014b
            66 0f 3a 42 d1 03 | 1 | xmm2=037c027d01fd01fe01fd02fc02fd01fe
            66 0f 3a 42 d1 03 | 4 | xmm2=00c901e2018100ac0165014901ab0071
            66 0f 3a 42 d1 04 | 0 | xmm2=028502850285028501f40140020b01fc
            66 0f 3a 42 d1 04 | 1 | xmm2=0100010001000101017e018101fd0100
            66 0f 3a 42 d1 04 | 4 | xmm2=012600e90147005001be018300920163
            66 0f 3a 42 d1 05 | 0 | xmm2=01b801860186019a014d00dd01ee00ff
            66 0f 3a 42 d1 05 | 1 | xmm2=02fc02fc02fc02fb027c017d01fd0100
            66 0f 3a 42 d1 05 | 4 | xmm2=00e7013000c602050119011a02490114
            66 0f 3a 42 d1 06 | 0 | xmm2=01100136017a01e401db01af01e00111
            66 0f 3a 42 d1 06 | 1 | xmm2=03fc03fc03fc03fb037c027d01fd01fe
            66 0f 3a 42 d1 06 | 4 | xmm2=016d0216011a01a7022f005601b7016a
            66 0f 3a 42 d1 07 | 0 | xmm2=01d40172012e011000af0097010c01b7
            66 0f 3a 42 d1 07 | 1 | xmm2=03fc03fc03fc03fb037c027d01fd01fe
            66 0f 3a 42 d1 07 | 4 | xmm2=012d01420108016f00c901e2018100ac
""";

    private static final String MOVE = """
            66 0f 6e d3       | 0 | xmm2=0000000000000000000000001af470ea
            66 0f 6e d3       | 4 | xmm2=000000000000000000000000edb8c675
            66 48 0f 6e d3    | 0 | xmm2=0000000000000000d9aa792e1af470ea
            66 48 0f 6e d3    | 4 | xmm2=0000000000000000e71a7567edb8c675
            66 0f 7e d3       | 0 | rbx=80000102
            66 0f 7e d3       | 4 | rbx=2f9ad4bb
            66 48 0f 7e d3    | 0 | rbx=7f8001ff80000102
            66 48 0f 7e d3    | 4 | rbx=cc88eab2f9ad4bb
            f3 0f 7e d1       | 0 | xmm2=000000000000000080007fff0001ffff
            f3 0f 7e d1       | 4 | xmm2=000000000000000032b911499417aab9
            66 0f d6 d1       | 0 | xmm1=00000000000000007f8001ff80000102
            66 0f d6 d1       | 4 | xmm1=00000000000000000cc88eab2f9ad4bb
            66 0f 6f d1       | 0 | xmm2=0123456789abcdef80007fff0001ffff
            66 0f 6f d1       | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            f3 0f 6f d1       | 0 | xmm2=0123456789abcdef80007fff0001ffff
            f3 0f 6f d1       | 4 | xmm2=17a8ec88e0da0bac32b911499417aab9
            66 0f 7f d1       | 0 | xmm1=fedcba98765432107f8001ff80000102
            66 0f 7f d1       | 4 | xmm1=bc3a5b419a43afd20cc88eab2f9ad4bb
            f3 0f 7f d1       | 0 | xmm1=fedcba98765432107f8001ff80000102
            f3 0f 7f d1       | 4 | xmm1=bc3a5b419a43afd20cc88eab2f9ad4bb
            66 0f d7 d9       | 0 | rbx=f93
            66 0f d7 d9       | 4 | rbx=7d4b
            66 48 0f d7 d9    | 0 | rbx=f93
            66 48 0f d7 d9    | 4 | rbx=7d4b
            66 0f c4 d3 00    | 0 | xmm2=fedcba98765432107f8001ff800070ea
            66 0f c4 d3 00    | 4 | xmm2=bc3a5b419a43afd20cc88eab2f9ac675
            66 0f c5 da 00    | 0 | rbx=102
            66 0f c5 da 00    | 4 | rbx=d4bb
            66 0f c4 d3 05    | 0 | xmm2=fedcba9870ea32107f8001ff80000102
            66 0f c4 d3 05    | 4 | xmm2=bc3a5b41c675afd20cc88eab2f9ad4bb
            66 0f c5 da 05    | 0 | rbx=7654
            66 0f c5 da 05    | 4 | rbx=9a43
            66 0f c4 d3 07    | 0 | xmm2=70eaba98765432107f8001ff80000102
            66 0f c4 d3 07    | 4 | xmm2=c6755b419a43afd20cc88eab2f9ad4bb
            66 0f c5 da 07    | 0 | rbx=fedc
            66 0f c5 da 07    | 4 | rbx=bc3a
            66 0f c4 d3 09    | 0 | xmm2=fedcba98765432107f8001ff70ea0102
            66 0f c4 d3 09    | 4 | xmm2=bc3a5b419a43afd20cc88eabc675d4bb
            66 0f c5 da 09    | 0 | rbx=8000
            66 0f c5 da 09    | 4 | rbx=2f9a
            66 0f 3a 14 d3 00 | 0 | rbx=2
            66 0f 3a 14 d3 00 | 4 | rbx=bb
            66 0f 3a 15 d3 00 | 0 | rbx=102
            66 0f 3a 15 d3 00 | 4 | rbx=d4bb
            66 0f 3a 16 d3 00 | 0 | rbx=80000102
            66 0f 3a 16 d3 00 | 4 | rbx=2f9ad4bb
            66 0f 3a 20 d3 00 | 0 | xmm2=fedcba98765432107f8001ff800001ea
            66 0f 3a 20 d3 00 | 4 | xmm2=bc3a5b419a43afd20cc88eab2f9ad475
            66 0f 3a 22 d3 00 | 0 | xmm2=fedcba98765432107f8001ff1af470ea
            66 0f 3a 22 d3 00 | 4 | xmm2=bc3a5b419a43afd20cc88eabedb8c675
            66 48 0f 3a 16 d3 00 | 0 | rbx=7f8001ff80000102
            66 48 0f 3a 16 d3 00 | 4 | rbx=cc88eab2f9ad4bb
            66 48 0f 3a 22 d3 00 | 0 | xmm2=fedcba9876543210d9aa792e1af470ea
            66 48 0f 3a 22 d3 00 | 4 | xmm2=bc3a5b419a43afd2e71a7567edb8c675
            66 0f 3a 14 d3 06 | 0 | rbx=80
            66 0f 3a 14 d3 06 | 4 | rbx=c8
            66 0f 3a 15 d3 06 | 0 | rbx=ba98
            66 0f 3a 15 d3 06 | 4 | rbx=5b41
            66 0f 3a 16 d3 06 | 0 | rbx=76543210
            66 0f 3a 16 d3 06 | 4 | rbx=9a43afd2
            66 0f 3a 20 d3 06 | 0 | xmm2=fedcba98765432107fea01ff80000102
            66 0f 3a 20 d3 06 | 4 | xmm2=bc3a5b419a43afd20c758eab2f9ad4bb
            66 0f 3a 22 d3 06 | 0 | xmm2=fedcba981af470ea7f8001ff80000102
            66 0f 3a 22 d3 06 | 4 | xmm2=bc3a5b41edb8c6750cc88eab2f9ad4bb
            66 48 0f 3a 16 d3 06 | 0 | rbx=7f8001ff80000102
            66 48 0f 3a 16 d3 06 | 4 | rbx=cc88eab2f9ad4bb
            66 48 0f 3a 22 d3 06 | 0 | xmm2=fedcba9876543210d9aa792e1af470ea
            66 48 0f 3a 22 d3 06 | 4 | xmm2=bc3a5b419a43afd2e71a7567edb8c675
            66 0f 3a 14 d3 0d | 0 | rbx=ba
            66 0f 3a 14 d3 0d | 4 | rbx=5b
            66 0f 3a 15 d3 0d | 0 | rbx=7654
            66 0f 3a 15 d3 0d | 4 | rbx=9a43
            66 0f 3a 16 d3 0d | 0 | rbx=7f8001ff
            66 0f 3a 16 d3 0d | 4 | rbx=cc88eab
            66 0f 3a 20 d3 0d | 0 | xmm2=fedcea98765432107f8001ff80000102
            66 0f 3a 20 d3 0d | 4 | xmm2=bc3a75419a43afd20cc88eab2f9ad4bb
            66 0f 3a 22 d3 0d | 0 | xmm2=fedcba98765432101af470ea80000102
            66 0f 3a 22 d3 0d | 4 | xmm2=bc3a5b419a43afd2edb8c6752f9ad4bb
            66 48 0f 3a 16 d3 0d | 0 | rbx=fedcba9876543210
            66 48 0f 3a 16 d3 0d | 4 | rbx=bc3a5b419a43afd2
            66 48 0f 3a 22 d3 0d | 0 | xmm2=d9aa792e1af470ea7f8001ff80000102
            66 48 0f 3a 22 d3 0d | 4 | xmm2=e71a7567edb8c6750cc88eab2f9ad4bb
            66 0f 3a 14 d3 0f | 0 | rbx=fe
            66 0f 3a 14 d3 0f | 4 | rbx=bc
            66 0f 3a 15 d3 0f | 0 | rbx=fedc
            66 0f 3a 15 d3 0f | 4 | rbx=bc3a
            66 0f 3a 16 d3 0f | 0 | rbx=fedcba98
            66 0f 3a 16 d3 0f | 4 | rbx=bc3a5b41
            66 0f 3a 20 d3 0f | 0 | xmm2=eadcba98765432107f8001ff80000102
            66 0f 3a 20 d3 0f | 4 | xmm2=753a5b419a43afd20cc88eab2f9ad4bb
            66 0f 3a 22 d3 0f | 0 | xmm2=1af470ea765432107f8001ff80000102
            66 0f 3a 22 d3 0f | 4 | xmm2=edb8c6759a43afd20cc88eab2f9ad4bb
            66 48 0f 3a 16 d3 0f | 0 | rbx=fedcba9876543210
            66 48 0f 3a 16 d3 0f | 4 | rbx=bc3a5b419a43afd2
            66 48 0f 3a 22 d3 0f | 0 | xmm2=d9aa792e1af470ea7f8001ff80000102
            66 48 0f 3a 22 d3 0f | 4 | xmm2=e71a7567edb8c6750cc88eab2f9ad4bb
            66 0f 3a 14 d3 11 | 0 | rbx=1
            66 0f 3a 14 d3 11 | 4 | rbx=d4
            66 0f 3a 15 d3 11 | 0 | rbx=8000
            66 0f 3a 15 d3 11 | 4 | rbx=2f9a
            66 0f 3a 16 d3 11 | 0 | rbx=7f8001ff
            66 0f 3a 16 d3 11 | 4 | rbx=cc88eab
            66 0f 3a 20 d3 11 | 0 | xmm2=fedcba98765432107f8001ff8000ea02
            66 0f 3a 20 d3 11 | 4 | xmm2=bc3a5b419a43afd20cc88eab2f9a75bb
            66 0f 3a 22 d3 11 | 0 | xmm2=fedcba98765432101af470ea80000102
            66 0f 3a 22 d3 11 | 4 | xmm2=bc3a5b419a43afd2edb8c6752f9ad4bb
            66 48 0f 3a 16 d3 11 | 0 | rbx=fedcba9876543210
            66 48 0f 3a 16 d3 11 | 4 | rbx=bc3a5b419a43afd2
            66 48 0f 3a 22 d3 11 | 0 | xmm2=d9aa792e1af470ea7f8001ff80000102
            66 48 0f 3a 22 d3 11 | 4 | xmm2=e71a7567edb8c6750cc88eab2f9ad4bb
""";

    private static final String STRING = """
            66 0f 3a 60 d1 00 | 0 | xmm0=000000000000000000000000000000df flags=8c1
            66 0f 3a 60 d1 00 | 1 | xmm0=0000000000000000000000000000fff5 flags=881
            66 0f 3a 60 d1 00 | 2 | xmm0=0000000000000000000000000000039c flags=c1
            66 0f 3a 60 d1 00 | 3 | xmm0=00000000000000000000000000000001 flags=841
            66 0f 3a 60 d1 00 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 00 | 0 | rcx=0 flags=8c1
            66 0f 3a 61 d1 00 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 00 | 2 | rcx=2 flags=c1
            66 0f 3a 61 d1 00 | 3 | rcx=0 flags=841
            66 0f 3a 61 d1 00 | 4 | rcx=10 flags=0
            66 0f 3a 62 d1 00 | 0 | xmm0=00000000000000000000000000000004 flags=c1
            66 0f 3a 62 d1 00 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 00 | 2 | xmm0=000000000000000000000000000003bc flags=c1
            66 0f 3a 62 d1 00 | 3 | xmm0=00000000000000000000000000000001 flags=841
            66 0f 3a 62 d1 00 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 00 | 0 | rcx=2 flags=c1
            66 0f 3a 63 d1 00 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 00 | 2 | rcx=2 flags=c1
            66 0f 3a 63 d1 00 | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 00 | 4 | rcx=10 flags=0
            66 0f 3a 60 d1 01 | 0 | xmm0=00000000000000000000000000000008 flags=81
            66 0f 3a 60 d1 01 | 1 | xmm0=0000000000000000000000000000000f flags=881
            66 0f 3a 60 d1 01 | 2 | xmm0=00000000000000000000000000000006 flags=81
            66 0f 3a 60 d1 01 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 01 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 01 | 0 | rcx=3 flags=81
            66 0f 3a 61 d1 01 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 01 | 2 | rcx=1 flags=81
            66 0f 3a 61 d1 01 | 3 | rcx=8 flags=40
            66 0f 3a 61 d1 01 | 4 | rcx=8 flags=0
            66 0f 3a 62 d1 01 | 0 | xmm0=00000000000000000000000000000008 flags=1
            66 0f 3a 62 d1 01 | 1 | xmm0=0000000000000000000000000000000f flags=881
            66 0f 3a 62 d1 01 | 2 | xmm0=00000000000000000000000000000006 flags=81
            66 0f 3a 62 d1 01 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 01 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 01 | 0 | rcx=3 flags=1
            66 0f 3a 63 d1 01 | 1 | rcx=0 flags=881
            66 0f 3a 63 d1 01 | 2 | rcx=1 flags=81
            66 0f 3a 63 d1 01 | 3 | rcx=8 flags=40
            66 0f 3a 63 d1 01 | 4 | rcx=8 flags=0
            66 0f 3a 60 d1 02 | 0 | xmm0=000000000000000000000000000000df flags=8c1
            66 0f 3a 60 d1 02 | 1 | xmm0=0000000000000000000000000000fff5 flags=881
            66 0f 3a 60 d1 02 | 2 | xmm0=0000000000000000000000000000039c flags=c1
            66 0f 3a 60 d1 02 | 3 | xmm0=00000000000000000000000000000001 flags=841
            66 0f 3a 60 d1 02 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 02 | 0 | rcx=0 flags=8c1
            66 0f 3a 61 d1 02 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 02 | 2 | rcx=2 flags=c1
            66 0f 3a 61 d1 02 | 3 | rcx=0 flags=841
            66 0f 3a 61 d1 02 | 4 | rcx=10 flags=0
            66 0f 3a 62 d1 02 | 0 | xmm0=00000000000000000000000000000004 flags=c1
            66 0f 3a 62 d1 02 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 02 | 2 | xmm0=000000000000000000000000000003bc flags=c1
            66 0f 3a 62 d1 02 | 3 | xmm0=00000000000000000000000000000001 flags=841
            66 0f 3a 62 d1 02 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 02 | 0 | rcx=2 flags=c1
            66 0f 3a 63 d1 02 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 02 | 2 | rcx=2 flags=c1
            66 0f 3a 63 d1 02 | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 02 | 4 | rcx=10 flags=0
            66 0f 3a 60 d1 04 | 0 | xmm0=000000000000000000000000000000ec flags=c1
            66 0f 3a 60 d1 04 | 1 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 04 | 2 | xmm0=0000000000000000000000000000018c flags=c1
            66 0f 3a 60 d1 04 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 04 | 4 | xmm0=0000000000000000000000000000515b flags=801
            66 0f 3a 61 d1 04 | 0 | rcx=2 flags=c1
            66 0f 3a 61 d1 04 | 1 | rcx=10 flags=80
            66 0f 3a 61 d1 04 | 2 | rcx=2 flags=c1
            66 0f 3a 61 d1 04 | 3 | rcx=10 flags=40
            66 0f 3a 61 d1 04 | 4 | rcx=0 flags=801
            66 0f 3a 62 d1 04 | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 04 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 04 | 2 | xmm0=000000000000000000000000000003bc flags=c1
            66 0f 3a 62 d1 04 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 04 | 4 | xmm0=0000000000000000000000000000515b flags=801
            66 0f 3a 63 d1 04 | 0 | rcx=10 flags=c0
            66 0f 3a 63 d1 04 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 04 | 2 | rcx=2 flags=c1
            66 0f 3a 63 d1 04 | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 04 | 4 | rcx=0 flags=801
            66 0f 3a 60 d1 05 | 0 | xmm0=000000000000000000000000000000cc flags=81
            66 0f 3a 60 d1 05 | 1 | xmm0=0000000000000000000000000000000f flags=881
            66 0f 3a 60 d1 05 | 2 | xmm0=00000000000000000000000000000016 flags=81
            66 0f 3a 60 d1 05 | 3 | xmm0=00000000000000000000000000000060 flags=41
            66 0f 3a 60 d1 05 | 4 | xmm0=00000000000000000000000000000003 flags=801
            66 0f 3a 61 d1 05 | 0 | rcx=2 flags=81
            66 0f 3a 61 d1 05 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 05 | 2 | rcx=1 flags=81
            66 0f 3a 61 d1 05 | 3 | rcx=5 flags=41
            66 0f 3a 61 d1 05 | 4 | rcx=0 flags=801
            66 0f 3a 62 d1 05 | 0 | xmm0=000000000000000000000000000000dc flags=1
            66 0f 3a 62 d1 05 | 1 | xmm0=0000000000000000000000000000000f flags=881
            66 0f 3a 62 d1 05 | 2 | xmm0=00000000000000000000000000000016 flags=81
            66 0f 3a 62 d1 05 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 05 | 4 | xmm0=00000000000000000000000000000003 flags=801
            66 0f 3a 63 d1 05 | 0 | rcx=2 flags=1
            66 0f 3a 63 d1 05 | 1 | rcx=0 flags=881
            66 0f 3a 63 d1 05 | 2 | rcx=1 flags=81
            66 0f 3a 63 d1 05 | 3 | rcx=8 flags=40
            66 0f 3a 63 d1 05 | 4 | rcx=0 flags=801
            66 0f 3a 60 d1 08 | 0 | xmm0=0000000000000000000000000000fe10 flags=c1
            66 0f 3a 60 d1 08 | 1 | xmm0=00000000000000000000000000000004 flags=81
            66 0f 3a 60 d1 08 | 2 | xmm0=0000000000000000000000000000f000 flags=c1
            66 0f 3a 60 d1 08 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 08 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 08 | 0 | rcx=4 flags=c1
            66 0f 3a 61 d1 08 | 1 | rcx=2 flags=81
            66 0f 3a 61 d1 08 | 2 | rcx=c flags=c1
            66 0f 3a 61 d1 08 | 3 | rcx=10 flags=40
            66 0f 3a 61 d1 08 | 4 | rcx=10 flags=0
            66 0f 3a 62 d1 08 | 0 | xmm0=0000000000000000000000000000fff8 flags=c1
            66 0f 3a 62 d1 08 | 1 | xmm0=0000000000000000000000000000fffc flags=c1
            66 0f 3a 62 d1 08 | 2 | xmm0=0000000000000000000000000000fc00 flags=c1
            66 0f 3a 62 d1 08 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 08 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 08 | 0 | rcx=3 flags=c1
            66 0f 3a 63 d1 08 | 1 | rcx=2 flags=c1
            66 0f 3a 63 d1 08 | 2 | rcx=a flags=c1
            66 0f 3a 63 d1 08 | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 08 | 4 | rcx=10 flags=0
            66 0f 3a 60 d1 0c | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 60 d1 0c | 1 | xmm0=00000000000000000000000000008000 flags=81
            66 0f 3a 60 d1 0c | 2 | xmm0=00000000000000000000000000000084 flags=c1
            66 0f 3a 60 d1 0c | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 0c | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 0c | 0 | rcx=10 flags=c0
            66 0f 3a 61 d1 0c | 1 | rcx=f flags=81
            66 0f 3a 61 d1 0c | 2 | rcx=2 flags=c1
            66 0f 3a 61 d1 0c | 3 | rcx=10 flags=40
            66 0f 3a 61 d1 0c | 4 | rcx=10 flags=0
            66 0f 3a 62 d1 0c | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 0c | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 0c | 2 | xmm0=00000000000000000000000000000004 flags=c1
            66 0f 3a 62 d1 0c | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 0c | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 0c | 0 | rcx=10 flags=c0
            66 0f 3a 63 d1 0c | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 0c | 2 | rcx=2 flags=c1
            66 0f 3a 63 d1 0c | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 0c | 4 | rcx=10 flags=0
            66 0f 3a 60 d1 0d | 0 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 0d | 1 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 0d | 2 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 0d | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 0d | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 0d | 0 | rcx=8 flags=80
            66 0f 3a 61 d1 0d | 1 | rcx=8 flags=80
            66 0f 3a 61 d1 0d | 2 | rcx=8 flags=80
            66 0f 3a 61 d1 0d | 3 | rcx=8 flags=40
            66 0f 3a 61 d1 0d | 4 | rcx=8 flags=0
            66 0f 3a 62 d1 0d | 0 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 62 d1 0d | 1 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 62 d1 0d | 2 | xmm0=00000000000000000000000000000002 flags=81
            66 0f 3a 62 d1 0d | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 0d | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 0d | 0 | rcx=8 flags=0
            66 0f 3a 63 d1 0d | 1 | rcx=8 flags=80
            66 0f 3a 63 d1 0d | 2 | rcx=1 flags=81
            66 0f 3a 63 d1 0d | 3 | rcx=8 flags=40
            66 0f 3a 63 d1 0d | 4 | rcx=8 flags=0
            66 0f 3a 60 d1 12 | 0 | xmm0=0000000000000000000000000000ff20 flags=c1
            66 0f 3a 60 d1 12 | 1 | xmm0=0000000000000000000000000000000a flags=81
            66 0f 3a 60 d1 12 | 2 | xmm0=0000000000000000000000000000fc63 flags=8c1
            66 0f 3a 60 d1 12 | 3 | xmm0=0000000000000000000000000000fffe flags=41
            66 0f 3a 60 d1 12 | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 61 d1 12 | 0 | rcx=5 flags=c1
            66 0f 3a 61 d1 12 | 1 | rcx=1 flags=81
            66 0f 3a 61 d1 12 | 2 | rcx=0 flags=8c1
            66 0f 3a 61 d1 12 | 3 | rcx=1 flags=41
            66 0f 3a 61 d1 12 | 4 | rcx=0 flags=801
            66 0f 3a 62 d1 12 | 0 | xmm0=0000000000000000000000000000fffb flags=8c1
            66 0f 3a 62 d1 12 | 1 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 62 d1 12 | 2 | xmm0=0000000000000000000000000000fc43 flags=8c1
            66 0f 3a 62 d1 12 | 3 | xmm0=0000000000000000000000000000fffe flags=41
            66 0f 3a 62 d1 12 | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 63 d1 12 | 0 | rcx=0 flags=8c1
            66 0f 3a 63 d1 12 | 1 | rcx=0 flags=8c1
            66 0f 3a 63 d1 12 | 2 | rcx=0 flags=8c1
            66 0f 3a 63 d1 12 | 3 | rcx=1 flags=41
            66 0f 3a 63 d1 12 | 4 | rcx=0 flags=801
            66 0f 3a 60 d1 14 | 0 | xmm0=0000000000000000000000000000ff13 flags=8c1
            66 0f 3a 60 d1 14 | 1 | xmm0=0000000000000000000000000000ffff flags=881
            66 0f 3a 60 d1 14 | 2 | xmm0=0000000000000000000000000000fe73 flags=8c1
            66 0f 3a 60 d1 14 | 3 | xmm0=0000000000000000000000000000ffff flags=841
            66 0f 3a 60 d1 14 | 4 | xmm0=0000000000000000000000000000aea4 flags=1
            66 0f 3a 61 d1 14 | 0 | rcx=0 flags=8c1
            66 0f 3a 61 d1 14 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 14 | 2 | rcx=0 flags=8c1
            66 0f 3a 61 d1 14 | 3 | rcx=0 flags=841
            66 0f 3a 61 d1 14 | 4 | rcx=2 flags=1
            66 0f 3a 62 d1 14 | 0 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 62 d1 14 | 1 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 62 d1 14 | 2 | xmm0=0000000000000000000000000000fc43 flags=8c1
            66 0f 3a 62 d1 14 | 3 | xmm0=0000000000000000000000000000ffff flags=841
            66 0f 3a 62 d1 14 | 4 | xmm0=0000000000000000000000000000aea4 flags=1
            66 0f 3a 63 d1 14 | 0 | rcx=0 flags=8c1
            66 0f 3a 63 d1 14 | 1 | rcx=0 flags=8c1
            66 0f 3a 63 d1 14 | 2 | rcx=0 flags=8c1
            66 0f 3a 63 d1 14 | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 14 | 4 | rcx=2 flags=1
            66 0f 3a 60 d1 1a | 0 | xmm0=000000000000000000000000000001ef flags=8c1
            66 0f 3a 60 d1 1a | 1 | xmm0=0000000000000000000000000000fffb flags=881
            66 0f 3a 60 d1 1a | 2 | xmm0=00000000000000000000000000000fff flags=8c1
            66 0f 3a 60 d1 1a | 3 | xmm0=0000000000000000000000000000ffff flags=841
            66 0f 3a 60 d1 1a | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 61 d1 1a | 0 | rcx=0 flags=8c1
            66 0f 3a 61 d1 1a | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 1a | 2 | rcx=0 flags=8c1
            66 0f 3a 61 d1 1a | 3 | rcx=0 flags=841
            66 0f 3a 61 d1 1a | 4 | rcx=0 flags=801
            66 0f 3a 62 d1 1a | 0 | xmm0=00000000000000000000000000000007 flags=8c1
            66 0f 3a 62 d1 1a | 1 | xmm0=00000000000000000000000000000003 flags=8c1
            66 0f 3a 62 d1 1a | 2 | xmm0=000000000000000000000000000003ff flags=8c1
            66 0f 3a 62 d1 1a | 3 | xmm0=0000000000000000000000000000ffff flags=841
            66 0f 3a 62 d1 1a | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 63 d1 1a | 0 | rcx=0 flags=8c1
            66 0f 3a 63 d1 1a | 1 | rcx=0 flags=8c1
            66 0f 3a 63 d1 1a | 2 | rcx=0 flags=8c1
            66 0f 3a 63 d1 1a | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 1a | 4 | rcx=0 flags=801
            66 0f 3a 60 d1 30 | 0 | xmm0=00000000000000000000000000000120 flags=c1
            66 0f 3a 60 d1 30 | 1 | xmm0=0000000000000000000000000000000a flags=81
            66 0f 3a 60 d1 30 | 2 | xmm0=00000000000000000000000000000c63 flags=8c1
            66 0f 3a 60 d1 30 | 3 | xmm0=0000000000000000000000000000007e flags=41
            66 0f 3a 60 d1 30 | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 61 d1 30 | 0 | rcx=5 flags=c1
            66 0f 3a 61 d1 30 | 1 | rcx=1 flags=81
            66 0f 3a 61 d1 30 | 2 | rcx=0 flags=8c1
            66 0f 3a 61 d1 30 | 3 | rcx=1 flags=41
            66 0f 3a 61 d1 30 | 4 | rcx=0 flags=801
            66 0f 3a 62 d1 30 | 0 | xmm0=00000000000000000000000000000003 flags=8c1
            66 0f 3a 62 d1 30 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 30 | 2 | xmm0=00000000000000000000000000000043 flags=8c1
            66 0f 3a 62 d1 30 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 30 | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 63 d1 30 | 0 | rcx=0 flags=8c1
            66 0f 3a 63 d1 30 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 30 | 2 | rcx=0 flags=8c1
            66 0f 3a 63 d1 30 | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 30 | 4 | rcx=0 flags=801
            66 0f 3a 60 d1 38 | 0 | xmm0=0000000000000000000000000000ffef flags=8c1
            66 0f 3a 60 d1 38 | 1 | xmm0=0000000000000000000000000000fffb flags=881
            66 0f 3a 60 d1 38 | 2 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 60 d1 38 | 3 | xmm0=0000000000000000000000000000007f flags=841
            66 0f 3a 60 d1 38 | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 61 d1 38 | 0 | rcx=0 flags=8c1
            66 0f 3a 61 d1 38 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 38 | 2 | rcx=0 flags=8c1
            66 0f 3a 61 d1 38 | 3 | rcx=0 flags=841
            66 0f 3a 61 d1 38 | 4 | rcx=0 flags=801
            66 0f 3a 62 d1 38 | 0 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 62 d1 38 | 1 | xmm0=0000000000000000000000000000fffc flags=c1
            66 0f 3a 62 d1 38 | 2 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 62 d1 38 | 3 | xmm0=00000000000000000000000000000001 flags=841
            66 0f 3a 62 d1 38 | 4 | xmm0=0000000000000000000000000000ffff flags=801
            66 0f 3a 63 d1 38 | 0 | rcx=0 flags=8c1
            66 0f 3a 63 d1 38 | 1 | rcx=2 flags=c1
            66 0f 3a 63 d1 38 | 2 | rcx=0 flags=8c1
            66 0f 3a 63 d1 38 | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 38 | 4 | rcx=0 flags=801
            66 0f 3a 60 d1 40 | 0 | xmm0=0000000000000000ffff00ffffffffff flags=8c1
            66 0f 3a 60 d1 40 | 1 | xmm0=ffffffffffffffffffffffff00ff00ff flags=881
            66 0f 3a 60 d1 40 | 2 | xmm0=000000000000ffffff0000ffffff0000 flags=c1
            66 0f 3a 60 d1 40 | 3 | xmm0=000000000000000000000000000000ff flags=841
            66 0f 3a 60 d1 40 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 40 | 0 | rcx=7 flags=8c1
            66 0f 3a 61 d1 40 | 1 | rcx=f flags=881
            66 0f 3a 61 d1 40 | 2 | rcx=9 flags=c1
            66 0f 3a 61 d1 40 | 3 | rcx=0 flags=841
            66 0f 3a 61 d1 40 | 4 | rcx=10 flags=0
            66 0f 3a 62 d1 40 | 0 | xmm0=00000000000000000000000000ff0000 flags=c1
            66 0f 3a 62 d1 40 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 40 | 2 | xmm0=000000000000ffffff00ffffffff0000 flags=c1
            66 0f 3a 62 d1 40 | 3 | xmm0=000000000000000000000000000000ff flags=841
            66 0f 3a 62 d1 40 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 40 | 0 | rcx=2 flags=c1
            66 0f 3a 63 d1 40 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 40 | 2 | rcx=9 flags=c1
            66 0f 3a 63 d1 40 | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 40 | 4 | rcx=10 flags=0
            66 0f 3a 60 d1 44 | 0 | xmm0=0000000000000000ffffff00ffff0000 flags=c1
            66 0f 3a 60 d1 44 | 1 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 44 | 2 | xmm0=00000000000000ffff000000ffff0000 flags=c1
            66 0f 3a 60 d1 44 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 44 | 4 | xmm0=00ff00ff000000ff00ff00ffff00ffff flags=801
            66 0f 3a 61 d1 44 | 0 | rcx=7 flags=c1
            66 0f 3a 61 d1 44 | 1 | rcx=10 flags=80
            66 0f 3a 61 d1 44 | 2 | rcx=8 flags=c1
            66 0f 3a 61 d1 44 | 3 | rcx=10 flags=40
            66 0f 3a 61 d1 44 | 4 | rcx=e flags=801
            66 0f 3a 62 d1 44 | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 44 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 44 | 2 | xmm0=000000000000ffffff00ffffffff0000 flags=c1
            66 0f 3a 62 d1 44 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 44 | 4 | xmm0=00ff00ff000000ff00ff00ffff00ffff flags=801
            66 0f 3a 63 d1 44 | 0 | rcx=10 flags=c0
            66 0f 3a 63 d1 44 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 44 | 2 | rcx=9 flags=c1
            66 0f 3a 63 d1 44 | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 44 | 4 | rcx=e flags=801
            66 0f 3a 60 d1 4c | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 60 d1 4c | 1 | xmm0=ff000000000000000000000000000000 flags=81
            66 0f 3a 60 d1 4c | 2 | xmm0=0000000000000000ff00000000ff0000 flags=c1
            66 0f 3a 60 d1 4c | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 4c | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 4c | 0 | rcx=10 flags=c0
            66 0f 3a 61 d1 4c | 1 | rcx=f flags=81
            66 0f 3a 61 d1 4c | 2 | rcx=7 flags=c1
            66 0f 3a 61 d1 4c | 3 | rcx=10 flags=40
            66 0f 3a 61 d1 4c | 4 | rcx=10 flags=0
            66 0f 3a 62 d1 4c | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 4c | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 4c | 2 | xmm0=00000000000000000000000000ff0000 flags=c1
            66 0f 3a 62 d1 4c | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 4c | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 4c | 0 | rcx=10 flags=c0
            66 0f 3a 63 d1 4c | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 4c | 2 | rcx=2 flags=c1
            66 0f 3a 63 d1 4c | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 4c | 4 | rcx=10 flags=0
            66 0f 3a 60 d1 4d | 0 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 4d | 1 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 4d | 2 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 60 d1 4d | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 4d | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 4d | 0 | rcx=8 flags=80
            66 0f 3a 61 d1 4d | 1 | rcx=8 flags=80
            66 0f 3a 61 d1 4d | 2 | rcx=8 flags=80
            66 0f 3a 61 d1 4d | 3 | rcx=8 flags=40
            66 0f 3a 61 d1 4d | 4 | rcx=8 flags=0
            66 0f 3a 62 d1 4d | 0 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 62 d1 4d | 1 | xmm0=00000000000000000000000000000000 flags=80
            66 0f 3a 62 d1 4d | 2 | xmm0=000000000000000000000000ffff0000 flags=81
            66 0f 3a 62 d1 4d | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 4d | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 4d | 0 | rcx=8 flags=0
            66 0f 3a 63 d1 4d | 1 | rcx=8 flags=80
            66 0f 3a 63 d1 4d | 2 | rcx=1 flags=81
            66 0f 3a 63 d1 4d | 3 | rcx=8 flags=40
            66 0f 3a 63 d1 4d | 4 | rcx=8 flags=0
            66 0f 3a 60 d1 70 | 0 | xmm0=00000000000000ff0000ff0000000000 flags=c1
            66 0f 3a 60 d1 70 | 1 | xmm0=000000000000000000000000ff00ff00 flags=81
            66 0f 3a 60 d1 70 | 2 | xmm0=00000000ffff000000ffff000000ffff flags=8c1
            66 0f 3a 60 d1 70 | 3 | xmm0=000000000000000000ffffffffffff00 flags=41
            66 0f 3a 60 d1 70 | 4 | xmm0=ffffffffffffffffffffffffffffffff flags=801
            66 0f 3a 61 d1 70 | 0 | rcx=8 flags=c1
            66 0f 3a 61 d1 70 | 1 | rcx=3 flags=81
            66 0f 3a 61 d1 70 | 2 | rcx=b flags=8c1
            66 0f 3a 61 d1 70 | 3 | rcx=6 flags=41
            66 0f 3a 61 d1 70 | 4 | rcx=f flags=801
            66 0f 3a 62 d1 70 | 0 | xmm0=0000000000000000000000000000ffff flags=8c1
            66 0f 3a 62 d1 70 | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 70 | 2 | xmm0=000000000000000000ff00000000ffff flags=8c1
            66 0f 3a 62 d1 70 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 70 | 4 | xmm0=ffffffffffffffffffffffffffffffff flags=801
            66 0f 3a 63 d1 70 | 0 | rcx=1 flags=8c1
            66 0f 3a 63 d1 70 | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 70 | 2 | rcx=6 flags=8c1
            66 0f 3a 63 d1 70 | 3 | rcx=10 flags=40
            66 0f 3a 63 d1 70 | 4 | rcx=f flags=801
            66 0f 3a 60 d1 7e | 0 | xmm0=00000000000000ffffffffffffffffff flags=8c1
            66 0f 3a 60 d1 7e | 1 | xmm0=00ffffffffffffffffffffffffffffff flags=881
            66 0f 3a 60 d1 7e | 2 | xmm0=00000000ffffffff00ffffffff00ffff flags=8c1
            66 0f 3a 60 d1 7e | 3 | xmm0=000000000000000000ffffffffffffff flags=841
            66 0f 3a 60 d1 7e | 4 | xmm0=ffffffffffffffffffffffffffffffff flags=801
            66 0f 3a 61 d1 7e | 0 | rcx=8 flags=8c1
            66 0f 3a 61 d1 7e | 1 | rcx=e flags=881
            66 0f 3a 61 d1 7e | 2 | rcx=b flags=8c1
            66 0f 3a 61 d1 7e | 3 | rcx=6 flags=841
            66 0f 3a 61 d1 7e | 4 | rcx=f flags=801
            66 0f 3a 62 d1 7e | 0 | xmm0=00000000000000000000000000ffffff flags=8c1
            66 0f 3a 62 d1 7e | 1 | xmm0=00000000000000000000000000000000 flags=c0
            66 0f 3a 62 d1 7e | 2 | xmm0=000000000000ffffffffffffff00ffff flags=8c1
            66 0f 3a 62 d1 7e | 3 | xmm0=000000000000000000000000000000ff flags=841
            66 0f 3a 62 d1 7e | 4 | xmm0=ffffffffffffffffffffffffffffffff flags=801
            66 0f 3a 63 d1 7e | 0 | rcx=2 flags=8c1
            66 0f 3a 63 d1 7e | 1 | rcx=10 flags=c0
            66 0f 3a 63 d1 7e | 2 | rcx=9 flags=8c1
            66 0f 3a 63 d1 7e | 3 | rcx=0 flags=841
            66 0f 3a 63 d1 7e | 4 | rcx=f flags=801
            66 0f 3a 60 d1 83 | 0 | xmm0=00000000000000000000000000000008 flags=81
            66 0f 3a 60 d1 83 | 1 | xmm0=0000000000000000000000000000000f flags=881
            66 0f 3a 60 d1 83 | 2 | xmm0=00000000000000000000000000000006 flags=81
            66 0f 3a 60 d1 83 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 60 d1 83 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 61 d1 83 | 0 | rcx=3 flags=81
            66 0f 3a 61 d1 83 | 1 | rcx=0 flags=881
            66 0f 3a 61 d1 83 | 2 | rcx=1 flags=81
            66 0f 3a 61 d1 83 | 3 | rcx=8 flags=40
            66 0f 3a 61 d1 83 | 4 | rcx=8 flags=0
            66 0f 3a 62 d1 83 | 0 | xmm0=00000000000000000000000000000008 flags=1
            66 0f 3a 62 d1 83 | 1 | xmm0=0000000000000000000000000000000f flags=881
            66 0f 3a 62 d1 83 | 2 | xmm0=00000000000000000000000000000006 flags=81
            66 0f 3a 62 d1 83 | 3 | xmm0=00000000000000000000000000000000 flags=40
            66 0f 3a 62 d1 83 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 0f 3a 63 d1 83 | 0 | rcx=3 flags=1
            66 0f 3a 63 d1 83 | 1 | rcx=0 flags=881
            66 0f 3a 63 d1 83 | 2 | rcx=1 flags=81
            66 0f 3a 63 d1 83 | 3 | rcx=8 flags=40
            66 0f 3a 63 d1 83 | 4 | rcx=8 flags=0
            66 48 0f 3a 60 d1 00 | 0 | xmm0=000000000000000000000000000000df flags=8c1
            66 48 0f 3a 60 d1 00 | 1 | xmm0=0000000000000000000000000000fff5 flags=881
            66 48 0f 3a 60 d1 00 | 2 | xmm0=0000000000000000000000000000039c flags=c1
            66 48 0f 3a 60 d1 00 | 3 | xmm0=00000000000000000000000000008801 flags=801
            66 48 0f 3a 60 d1 00 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 48 0f 3a 61 d1 00 | 0 | rcx=0 flags=8c1
            66 48 0f 3a 61 d1 00 | 1 | rcx=0 flags=881
            66 48 0f 3a 61 d1 00 | 2 | rcx=2 flags=c1
            66 48 0f 3a 61 d1 00 | 3 | rcx=0 flags=801
            66 48 0f 3a 61 d1 00 | 4 | rcx=10 flags=0
            66 48 0f 3a 60 d1 0c | 0 | xmm0=00000000000000000000000000000000 flags=c0
            66 48 0f 3a 60 d1 0c | 1 | xmm0=00000000000000000000000000008000 flags=81
            66 48 0f 3a 60 d1 0c | 2 | xmm0=00000000000000000000000000000084 flags=c1
            66 48 0f 3a 60 d1 0c | 3 | xmm0=00000000000000000000000000000000 flags=0
            66 48 0f 3a 60 d1 0c | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 48 0f 3a 61 d1 0c | 0 | rcx=10 flags=c0
            66 48 0f 3a 61 d1 0c | 1 | rcx=f flags=81
            66 48 0f 3a 61 d1 0c | 2 | rcx=2 flags=c1
            66 48 0f 3a 61 d1 0c | 3 | rcx=10 flags=0
            66 48 0f 3a 61 d1 0c | 4 | rcx=10 flags=0
            66 48 0f 3a 60 d1 41 | 0 | xmm0=0000000000000000ffff000000000000 flags=81
            66 48 0f 3a 60 d1 41 | 1 | xmm0=0000000000000000ffffffffffffffff flags=881
            66 48 0f 3a 60 d1 41 | 2 | xmm0=00000000000000000000ffffffff0000 flags=81
            66 48 0f 3a 60 d1 41 | 3 | xmm0=00000000000000000000000000000000 flags=0
            66 48 0f 3a 60 d1 41 | 4 | xmm0=00000000000000000000000000000000 flags=0
            66 48 0f 3a 61 d1 41 | 0 | rcx=3 flags=81
            66 48 0f 3a 61 d1 41 | 1 | rcx=3 flags=881
            66 48 0f 3a 61 d1 41 | 2 | rcx=2 flags=81
            66 48 0f 3a 61 d1 41 | 3 | rcx=8 flags=0
            66 48 0f 3a 61 d1 41 | 4 | rcx=8 flags=0
""";

    @Test
    void lanewiseArithmeticMatchesHardware() {
        check(ARITH);
    }

    @Test
    void shiftsAndPalignrMatchHardware() {
        check(SHIFT);
    }

    @Test
    void shufflesPacksUnpacksBlendsAndExtendsMatchHardware() {
        check(SHUFFLE);
    }

    @Test
    void horizontalOpsPtestPhminposuwAndMpsadbwMatchHardware() {
        check(HORIZONTAL);
    }

    @Test
    void movesInsertsExtractsAndMoveMaskMatchHardware() {
        check(MOVE);
    }

    @Test
    void stringComparesMatchHardware() {
        check(STRING);
    }

    /** Register image of one row: XMM0-2 (lo, hi), RAX, RBX, RCX, RDX, arithmetic flags. */
    private static final class State {
        final long[] xmm = new long[6];
        final long[] gpr = new long[4];
        long flags = FLAGS_IN & Flags.ARITH;

        State copy() {
            State s = new State();
            System.arraycopy(xmm, 0, s.xmm, 0, 6);
            System.arraycopy(gpr, 0, s.gpr, 0, 4);
            s.flags = flags;
            return s;
        }

        void apply(String changes) {
            for (String item : changes.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                String name = item.substring(0, item.indexOf('='));
                String value = item.substring(item.indexOf('=') + 1);
                set(name, value);
            }
        }

        private void set(String name, String value) {
            if (name.startsWith("xmm")) {
                int n = name.charAt(3) - '0';
                xmm[2 * n + 1] = Long.parseUnsignedLong(value.substring(0, 16), 16);
                xmm[2 * n] = Long.parseUnsignedLong(value.substring(16), 16);
                return;
            }
            long v = Long.parseUnsignedLong(value, 16);
            switch (name) {
                case "rax": gpr[0] = v; break;
                case "rbx": gpr[1] = v; break;
                case "rcx": gpr[2] = v; break;
                case "rdx": gpr[3] = v; break;
                case "flags": flags = v; break;
                default: throw new IllegalArgumentException("unknown register " + name);
            }
        }

        static State of(Cpu c) {
            State s = new State();
            for (int k = 0; k < 6; k++) {
                s.xmm[k] = c.xmm[k];
            }
            s.gpr[0] = c.gpr[Cpu.RAX];
            s.gpr[1] = c.gpr[Cpu.RBX];
            s.gpr[2] = c.gpr[Cpu.RCX];
            s.gpr[3] = c.gpr[Cpu.RDX];
            s.flags = c.getRflags() & Flags.ARITH;
            return s;
        }

        void load(Cpu c) {
            System.arraycopy(xmm, 0, c.xmm, 0, 6);
            c.gpr[Cpu.RAX] = gpr[0];
            c.gpr[Cpu.RBX] = gpr[1];
            c.gpr[Cpu.RCX] = gpr[2];
            c.gpr[Cpu.RDX] = gpr[3];
            c.setRflags(FLAGS_IN);
        }

        String describe() {
            return String.format("xmm0=%016x%016x xmm1=%016x%016x xmm2=%016x%016x rax=%x rbx=%x"
                    + " rcx=%x rdx=%x flags=%x", xmm[1], xmm[0], xmm[3], xmm[2], xmm[5], xmm[4],
                    gpr[0], gpr[1], gpr[2], gpr[3], flags);
        }

        boolean sameAs(State o) {
            return java.util.Arrays.equals(xmm, o.xmm) && java.util.Arrays.equals(gpr, o.gpr)
                    && flags == o.flags;
        }
    }

    private static List<State> inputs() {
        List<State> sets = new ArrayList<>();
        for (String line : INPUTS.split("\n")) {
            String[] f = line.split("\\|", -1);
            int k = Integer.parseInt(f[1].trim());
            if (k == sets.size()) {
                sets.add(new State());
            }
            sets.get(k).apply(f[2]);
        }
        return sets;
    }

    private static void check(String table) {
        List<State> sets = inputs();
        List<String> failures = new ArrayList<>();
        int rows = 0;
        for (String line : table.split("\n")) {
            String[] f = line.split("\\|", -1);
            String bytes = f[0].trim();
            State in = sets.get(Integer.parseInt(f[1].trim()));
            State expected = in.copy();
            expected.apply(f[2]);
            CpuHarness h = new CpuHarness();
            in.load(h.cpu);
            int exit = h.exec(bytes);
            State actual = State.of(h.cpu);
            rows++;
            if (exit != Cpu.EXIT_BUDGET || !actual.sameAs(expected)) {
                failures.add(line.trim() + "\n    exit " + exit + ", got " + actual.describe()
                        + "\n    want " + expected.describe());
            }
        }
        assertTrue(rows > 0, "empty table");
        assertTrue(failures.isEmpty(), failures.size() + " of " + rows + " rows differ:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }
}
