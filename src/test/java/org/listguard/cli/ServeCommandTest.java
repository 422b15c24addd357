package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.journal.Journal;
import org.listguard.testing.TestKeys;
import org.listguard.unsubscribe.http.OneClickServer;

/** {@code serve}: the listener the command starts, and its exit-2 cases through the real command line. */
class ServeCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);

    Path config() throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("jdbc:sqlite:data/listguard.db", "jdbc:sqlite:" + dir.resolve("j.db"))
                .replace("\nsender:\n", "\nsender:\n  token_key_file: " + TestKeys.write(dir) + "\n")
                .replace("https://example.org/unsubscribe?t={token}", "https://lists.example.org/u/{token}");
        return Files.writeString(dir.resolve("listguard.yaml"), yaml);
    }

    @Test
    void theListenerAnswersAtThePathOfTheConfiguredUrlAndSaysWhere() throws Exception {
        Config c = new ConfigLoader().load(config());
        try (Journal j = Journal.open(c.journal().url(), Clock.systemUTC());
             OneClickServer s = ServeCommand.start(c, j, env, "127.0.0.1:" + freePort())) {
            String base = "http://127.0.0.1:" + s.address().getPort();
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(base + "/u/not-a-token")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "the path form of the URL");
            assertTrue(err.toString().contains("/u/TOKEN for https://lists.example.org/u/{token}"), err.toString());
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Test
    void anAddressInUseIsExitTwoNamingHttp() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertEquals(2, Main.run(env, "serve", "-c", config().toString(), "--http", "127.0.0.1:" + taken.getLocalPort()));
            assertTrue(err.toString().contains("--http") && err.toString().contains("cannot listen"), err.toString());
        }
    }

    @Test
    void aBadAddressIsExitTwo() throws Exception {
        assertEquals(2, Main.run(env, "serve", "-c", config().toString(), "--http", "127.0.0.1:99999"));
        assertTrue(err.toString().contains("--http"), err.toString());
    }
}
