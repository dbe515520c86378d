package dev.jembed.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Backend;
import dev.jembed.engine.BackendStatus;
import dev.jembed.engine.BackendUnavailableException;
import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backend interface on the one backend every build has, {@code cpu}: discovery, selection by
 * name, {@code auto}'s fallback, and the error for a backend that is not installed (the engine's
 * tests run without the tornado module).
 */
class BackendsTest {

    @Test
    void cpuIsInstalledFirstAndAvailable() {
        List<Backend> installed = Backends.installed();
        assertEquals("cpu", installed.getFirst().name());
        assertEquals(1, installed.stream().filter(b -> b.name().equals("cpu")).count(), "cpu listed once");
        BackendStatus status = Backends.status(installed.getFirst());
        assertTrue(status.available());
        assertTrue(status.detail().contains(Runtime.getRuntime().availableProcessors() + " cores"), status.detail());
    }

    @Test
    void cpuByName() {
        Backends.Selection s = Backends.select("cpu");
        assertInstanceOf(CpuBackend.class, s.backend());
        assertNull(s.warning());
    }

    @Test
    void autoFallsBackToCpuWithAReason() {
        Backends.Selection s = Backends.select("auto");
        assertEquals("cpu", s.backend().name());
        assertTrue(s.warning().startsWith("backend auto runs on the CPU: "), s.warning());
        assertTrue(s.warning().contains("tornado"), s.warning());
    }

    @Test
    void aBackendThatIsNotInstalledIsOneClearLine() {
        BackendUnavailableException e =
                assertThrows(BackendUnavailableException.class, () -> Backends.select("tornado"));
        assertTrue(e.getMessage().startsWith("backend tornado is not installed (installed: cpu)"), e.getMessage());
        assertTrue(e.getMessage().contains("TORNADOVM_HOME"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(BackendUnavailableException.class, () -> Backends.select("cuda"));
    }

    @Test
    void engineOptionsCarryTheBackend() {
        EngineOptions o = EngineOptions.defaults().withThreads(1);
        assertEquals(System.getProperty(EngineOptions.BACKEND_PROPERTY, "cpu"), o.backend());
        assertEquals("auto", o.withBackend("auto").backend());
        assertEquals(
                "auto",
                o.withBackend("auto").withThreads(2).withWeights(o.weights()).backend());
        assertEquals("cpu", new EngineOptions(1, o.kernels(), o.weights()).backend());
        assertThrows(IllegalArgumentException.class, () -> o.withBackend("Tornado"));
        assertThrows(IllegalArgumentException.class, () -> o.withBackend(""));
        assertThrows(NullPointerException.class, () -> o.withBackend(null));
    }

    @Test
    void encodersLoadOnTheSelectedBackend() {
        EngineOptions cpu = EngineOptions.defaults().withThreads(1).withBackend("cpu");
        int[][] ids = {{101, 7, 8, 9, 102}, {101, 5, 102}};
        try (Encoder a = Encoders.load(Fixtures.tinyModel("bert"), cpu);
                Encoder b = Encoders.load(Fixtures.tinyModel("bert"), cpu.withBackend("auto"))) {
            float[][] x = a.forward(ids, null), y = b.forward(ids, null);
            for (int i = 0; i < ids.length; i++)
                assertArrayEquals(x[i], y[i], "auto without an offload backend is the cpu engine");
        }
        assertThrows(
                BackendUnavailableException.class,
                () -> Encoders.load(Fixtures.tinyModel("bert"), cpu.withBackend("tornado")));
    }
}
