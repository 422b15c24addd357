package org.listguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiving stack's supervision of its children, with {@code sh} as the child. */
class StackPeerTest {
    @TempDir
    Path dir;

    @Test
    void aPeerThatKeepsDyingIsRestartedWithinItsBudgetThenReportedDeadWithEveryRunsOutput() throws Exception {
        StackPeer peer = StackPeer.start("quitter", List.of("sh", "-c", "echo run; exit 3"), dir, 2);
        awaitUntil(() -> peer.exits() == 3 && !peer.alive());

        String diagnosis = peer.diagnosis();
        assertTrue(diagnosis.startsWith("quitter is dead (") && diagnosis.contains("restart budget 2 spent"), diagnosis);
        assertEquals(3, diagnosis.split("exit 3", -1).length - 1, diagnosis);
        assertEquals(List.of("run", "run", "run"), Files.readAllLines(dir.resolve("quitter.out.log")));
    }

    @Test
    void aKilledPeerIsRestartedAndItsDeathByASignalRecorded() throws Exception {
        StackPeer peer = StackPeer.start("sleeper", List.of("sh", "-c", "exec sleep 60"), dir, 1);
        Process first = peer.process();
        first.destroyForcibly().waitFor();
        awaitUntil(() -> peer.process() != first && peer.alive());

        assertEquals("", peer.diagnosis());
        assertTrue(peer.history().matches("sleeper running, exits: \\S+ killed by signal 9"), peer.history());
        peer.close();
    }

    @Test
    void aClosedPeerIsNotRestarted() throws Exception {
        StackPeer peer = StackPeer.start("sleeper", List.of("sh", "-c", "exec sleep 60"), dir, 3);
        Process only = peer.process();
        peer.close();

        assertFalse(only.isAlive());
        assertEquals(0, peer.exits());
        assertTrue(peer.process() == only && !peer.alive());
    }

    /** Polls a child's state (process exits are asynchronous), bounded; not timing an assertion. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) Thread.sleep(10);
    }
}
