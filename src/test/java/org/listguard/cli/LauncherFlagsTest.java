package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./listguard} launcher's JVM flags per command: C1 and the serial collector for
 * one-shot commands, the tiered JIT for a real send (DKIM's RSA needs C2: about ten times faster),
 * the JVM's defaults for daemon and serve, and {@code LISTGUARD_JAVA_OPTS} over all of them. The
 * launcher runs against a stand-in {@code java} that prints what it was given.
 */
class LauncherFlagsTest {
    @TempDir Path dir;
    private String lastRaw;

    private String flags(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path home = dir.resolve("home");
        if (!Files.exists(home)) {
            Files.createDirectories(home.resolve("src/main"));
            Files.createDirectories(home.resolve("target"));
            Files.writeString(home.resolve("pom.xml"), "<project/>");
            Files.copy(Path.of("listguard"), home.resolve("listguard"));
            Path jar = Files.writeString(home.resolve("target/listguard.jar"), "");
            Instant old = Instant.now().minusSeconds(3600);
            Files.setLastModifiedTime(home.resolve("pom.xml"), FileTime.from(old));
            Files.setLastModifiedTime(home.resolve("src/main"), FileTime.from(old));
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nwhile [ \"$1\" != -jar ]; do printf '%s ' \"$1\"; shift; done\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("listguard").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LISTGUARD_JAVA_OPTS");
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        lastRaw = out;
        return out.replaceFirst("^-Dfile.encoding=UTF-8 ?", "");
    }

    @Test
    void everyCommandRunsWithUtf8WhateverTheLocale() throws Exception {
        for (String[] args : new String[][] {{"send", "--campaign", "m"}, {"audit"}, {"daemon"}}) {
            flags(Map.of(), args);
            org.junit.jupiter.api.Assertions.assertTrue(lastRaw.startsWith("-Dfile.encoding=UTF-8"), lastRaw);
        }
        flags(Map.of("LISTGUARD_JAVA_OPTS", "-Xmx64m"), "audit");
        assertEquals("-Dfile.encoding=UTF-8 -Xmx64m", lastRaw);
    }

    @Test
    void aRealSendKeepsTheTieredJitForDkim() throws Exception {
        assertEquals("-XX:+UseSerialGC", flags(Map.of(), "-c", "x.yaml", "send", "--campaign", "monthly", "--yes"));
    }

    @Test
    void oneShotCommandsADryRunAndASandboxSendUseC1Alone() throws Exception {
        String c1 = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
        assertEquals(c1, flags(Map.of(), "audit"));
        assertEquals(c1, flags(Map.of(), "bounces", "process"));
        assertEquals(c1, flags(Map.of(), "send", "--campaign", "monthly", "--dry-run"));
        assertEquals(c1, flags(Map.of(), "send", "--sandbox", "--campaign", "monthly", "--yes"));
    }

    @Test
    void theDaemonAndServeKeepTheJvmDefaultsAndTheEnvironmentWins() throws Exception {
        assertEquals("", flags(Map.of(), "daemon"));
        assertEquals("", flags(Map.of(), "serve", "send"));
        assertEquals("-Xmx64m", flags(Map.of("LISTGUARD_JAVA_OPTS", "-Xmx64m"), "send", "--campaign", "monthly"));
        assertEquals("", flags(Map.of("LISTGUARD_JAVA_OPTS", ""), "audit"));
    }
}
