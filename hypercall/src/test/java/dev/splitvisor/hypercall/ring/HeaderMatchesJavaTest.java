package dev.splitvisor.hypercall.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The C header states the same ABI numbers as the Java side: every opcode, every offset. */
class HeaderMatchesJavaTest {
    private static final Pattern DEFINE =
            Pattern.compile("(?m)^#define (SVHC_\\w+) (0x[0-9A-Fa-f]+|\\d+)(u|ull)?\\b");

    private static Map<String, Long> defines() throws Exception {
        String text = Files.readString(Path.of("include/splitvisor_hypercall.h"));
        Map<String, Long> out = new HashMap<>();
        Matcher m = DEFINE.matcher(text);
        while (m.find()) {
            String v = m.group(2);
            out.put(m.group(1), v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v));
        }
        return out;
    }

    @Test
    void everyOpcodeHasItsNumberInTheHeader() throws Exception {
        Map<String, Long> h = defines();
        int checked = 0;
        for (Field f : Opcode.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                assertEquals((long) f.getInt(null), h.get("SVHC_OP_" + f.getName()),
                        "SVHC_OP_" + f.getName() + ": run hypercall/gen-opcodes.sh");
                checked++;
            }
        }
        long inHeader = h.keySet().stream().filter(k -> k.startsWith("SVHC_OP_")).count();
        assertEquals(checked, inHeader, "the header names an opcode Java does not");
        assertEquals(Opcode.COUNT + 1, checked, "every opcode and COUNT");
    }

    @Test
    void everyLayoutConstantHasItsValueInTheHeader() throws Exception {
        Map<String, Long> h = defines();
        int checked = 0;
        for (Field f : RingLayout.class.getFields()) {
            long v = f.getType() == long.class ? f.getLong(null) : f.getInt(null);
            if (f.getName().equals("REF_KNOWN_FLAGS")) {
                v &= 0xFFFFFFFFL;
            }
            assertEquals(v, h.get("SVHC_" + f.getName()), "SVHC_" + f.getName());
            checked++;
        }
        assertTrue(checked > 40, "found the layout constants");
        assertEquals(Errno.ECANCELED, h.get("SVHC_ECANCELED"));
    }
}
