package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several user VMs of one tenant working in one shared volume from their own threads. */
class ConcurrencyTest {
    @TempDir
    Path shared;

    @Test
    void sessionsOnThreadsCreateRenameAndRemoveWithoutInterference() throws Exception {
        SystemVm vm = new SystemVm("t");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            results.add(pool.submit(() -> work(vm, id)));
        }
        for (Future<String> f : results) {
            assertEquals("ok", f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        try (var names = Files.list(shared)) {
            assertEquals(4, names.count(), "one kept file per session");
        }
    }

    private String work(SystemVm vm, int id) {
        GuestCalls g = new GuestCalls(vm.attach(new SessionSpec()
                .mount(new Mount(shared, "/shared", false))));
        String dir = "/shared/d" + id;
        for (int k = 0; k < 200; k++) {
            if (g.mkdir(dir) != 0) {
                return "mkdir " + k;
            }
            if (g.put(dir + "/f", "v" + k) != 0) {
                return "put " + k;
            }
            if (g.rename(dir + "/f", dir + "/g", 0) != 0) {
                return "rename " + k;
            }
            if (!g.slurp(dir + "/g").equals("v" + k)) {
                return "content " + k;
            }
            if (g.unlink(dir + "/g", 0) != 0 || g.unlink(dir, AT_REMOVEDIR) != 0) {
                return "remove " + k;
            }
        }
        g.put("/shared/kept" + id, "done");
        g.port.detach();
        return "ok";
    }
}
