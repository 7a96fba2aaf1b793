package dev.splitvisor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.mmu.AddressSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The initial process image: the System V stack layout, auxv, and the loaded segments. */
class ElfLoaderTest {
    private static final Path HELLO = Path.of("../testsuite/guest/bin/hello.musl");

    private static String cString(AddressSpace s, long at) {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = s.read8(at++)) != 0; ) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    @Test
    void stackHoldsArgcArgvEnvpAndAuxvAsTheAbiSays() throws Exception {
        ElfImage image = ElfImage.parse("hello.musl", Files.readAllBytes(HELLO));
        AddressSpace space = new AddressSpace();
        MemoryMap map = new MemoryMap(space);
        byte[] random = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        ElfLoader.Loaded l = ElfLoader.load(image, map, space, List.of("hello", "a b"),
                List.of("K=V"), random, 0x1234);
        long sp = l.stackPointer;
        assertEquals(0, sp % 16, "RSP must be 16-byte aligned on argc");
        assertEquals(2, space.read64(sp));
        assertEquals("hello", cString(space, space.read64(sp + 8)));
        assertEquals("a b", cString(space, space.read64(sp + 16)));
        assertEquals(0, space.read64(sp + 24));
        assertEquals("K=V", cString(space, space.read64(sp + 32)));
        assertEquals(0, space.read64(sp + 40));
        Map<Long, Long> auxv = new HashMap<>();
        for (long p = sp + 48; ; p += 16) {
            long key = space.read64(p);
            if (key == 0) {
                break;
            }
            auxv.put(key, space.read64(p + 8));
        }
        assertEquals(4096L, auxv.get((long) ElfLoader.AT_PAGESZ));
        assertEquals(image.entry, (long) auxv.get((long) ElfLoader.AT_ENTRY));
        assertEquals(l.entry, image.entry);
        assertEquals(0x1234L, auxv.get((long) ElfLoader.AT_HWCAP));
        assertEquals("x86_64", cString(space, auxv.get((long) ElfLoader.AT_PLATFORM)));
        assertEquals("hello.musl", cString(space, auxv.get((long) ElfLoader.AT_EXECFN)));
        assertEquals('0', space.read8(auxv.get((long) ElfLoader.AT_RANDOM)));
        long phdr = auxv.get((long) ElfLoader.AT_PHDR);
        assertEquals(1, space.read32(phdr + 56L * firstLoadIndex(image)), "PT_LOAD in memory");
        assertTrue(l.brk > image.entry && l.brk % 4096 == 0);
    }

    private static int firstLoadIndex(ElfImage image) {
        for (int k = 0; k < image.segments.size(); k++) {
            if (image.segments.get(k).type == ElfImage.PT_LOAD) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void dynamicallyLinkedProgramsAreRefusedWithTheInterpreterNamed() throws Exception {
        byte[] bash = Files.readAllBytes(Path.of("/bin/sh").toRealPath());
        ElfImage image = ElfImage.parse("sh", bash);
        AddressSpace space = new AddressSpace();
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(image,
                new MemoryMap(space), space, List.of("sh"), List.of(), new byte[16], 0));
        assertTrue(e.getMessage().startsWith("dynamically linked program: sh (needs /lib64/"),
                e.getMessage());
    }
}
