package org.listguard.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.listguard.testing.Peers;

/**
 * Issue 24's end-to-end world, as the test suite runs it (scripts/dmarc-e2e): `listguard send`
 * delivers to a receiving Postfix with the opendkim and opendmarc milters, OpenDMARC's own tools
 * (opendmarc-import into a private MariaDB, opendmarc-reports) write the aggregate report, and
 * `listguard dmarc import` applies it: the new egress is learned and the next gate audits it.
 * Everything runs on loopback and in a network namespace of the script's own.
 */
class OpenDmarcEndToEndTest {
    @Test
    void openDmarcsOwnReportOfARealSendTeachesTheEgressAndTheNextGateAuditsIt() throws Exception {
        Peers.requireOrSkip("root".equals(System.getProperty("user.name")), "the OpenDMARC world needs root (network namespace, daemons)",
                "run the tests as root (CI does)");
        for (String tool : new String[] {"/usr/sbin/opendmarc", "/usr/sbin/opendkim", "/usr/sbin/unbound", "/usr/sbin/mariadbd",
                "/usr/sbin/opendmarc-import", "/usr/sbin/opendmarc-reports"}) {
            Peers.requireExecutable(Path.of(tool), "scripts/install-peers (opendmarc, opendkim, unbound, mariadb-server)");
        }
        Path log = Files.createTempFile("dmarc-e2e", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/dmarc-e2e").redirectErrorStream(true).redirectOutput(log.toFile());
        // listguard from this build's classes (the jar is made after the tests)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        pb.environment().put("LISTGUARD_CMD", java + " -cp " + System.getProperty("java.class.path") + " org.listguard.cli.Main");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bounded");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("dmarc-egress 1.2.3.77"), "the report's new egress is a gate finding: " + out);
        assertTrue(out.contains("the next send's gate audits the learned egress 1.2.3.77"), out);
    }
}
