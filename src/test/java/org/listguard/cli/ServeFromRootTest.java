package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's "done when": a one-click from a message sent by {@code send} is accepted by
 * {@code serve} started as systemd would, from {@code /} with {@code -c /abs/path/config.yaml}:
 * every relative path of the config, and the default key beside it, resolve against the config's
 * directory, so both commands find the same key.
 */
class ServeFromRootTest {
    @TempDir
    Path dir;

    /** The repository's example layout (config/, lists/, templates/) copied under {@code dir}, config untouched. */
    Path layout() throws Exception {
        for (String top : new String[] {"config", "lists", "templates"}) {
            try (Stream<Path> files = Files.walk(Path.of(top))) {
                for (Path p : files.toList()) {
                    if (p.startsWith("config/data")) continue;
                    Path target = dir.resolve(p.toString());
                    if (Files.isDirectory(p)) Files.createDirectories(target);
                    else Files.copy(p, target);
                }
            }
        }
        return dir.resolve("config/listguard.yaml").toAbsolutePath();
    }

    @Test
    void aOneClickFromASentMessageIsAcceptedByServeStartedFromRoot() throws Exception {
        Path cfg = layout();
        String journal = "jdbc:sqlite:" + dir.resolve("out/listguard.db");
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), false);
        assertEquals(0, Main.run(env, "send", "--sandbox", "-c", cfg.toString(), "--campaign", "monthly", "--yes", "--journal", journal), err.toString());
        Path key = dir.resolve("config/data/token.key");
        assertTrue(Files.exists(key), "the first send made the key beside the config");

        String token = null;
        Pattern url = Pattern.compile("https://example\\.org/unsubscribe\\?t=([A-Za-z0-9-]+)");
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
                Matcher m = url.matcher(Files.readString(eml, StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    token = m.group(1);
                    break;
                }
            }
        }
        assertTrue(token != null, "a sent message carries the one-click URL");

        int port = ServeCommandTest.freePort();
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.listguard.cli.Main",
                "serve", "-c", cfg.toString(), "--journal", journal, "--http", "127.0.0.1:" + port)
                .directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String l; (l = lines.readLine()) != null && !l.contains("one-click unsubscribe on"); ) said.append(l).append('\n');
            assertTrue(serve.isAlive(), "serve started: " + said);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/unsubscribe?t=" + token)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        } finally {
            serve.destroy(); // SIGTERM: the graceful stop
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stopped on SIGTERM");
        }
        assertEquals(143, serve.exitValue(), "SIGTERM's exit, after the graceful stop");
        assertFalse(Files.exists(Path.of("/data/token.key")), "nothing made relative to /");
    }
}
