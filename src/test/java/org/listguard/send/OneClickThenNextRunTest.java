package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RecipientStatus;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;
import org.listguard.unsubscribe.http.OneClickServer;

/**
 * The whole loop: a member's message carries a one-click URL; POSTing it (as Gmail does) to the
 * endpoint unsubscribes them; the campaign's next run skips them as suppressed.
 */
class OneClickThenNextRunTest {
    static final Pattern URL = Pattern.compile("<https://example\\.org/unsubscribe\\?t=([a-z0-9-]+)>");

    @TempDir
    Path dir;

    @Test
    void aMemberWhoClickedIsSkippedByTheNextRunsPlan() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(5);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(100, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome first = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, first, first.message());
                String token = tokenSentTo(relay.directory(), "member03@example.net");

                try (OneClickServer server = OneClickServer.start(new InetSocketAddress("127.0.0.1", 0),
                        UnsubscribeUrl.of(c.sender().unsubscribeUrl()), new Unsubscriber(j, new KeyedTokens(TokenKeys.forConfig(c)), f.clock()),
                        RateLimiter.standard(f.clock()))) {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.address().getPort() + "/unsubscribe?t=" + token))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                }

                f.clock.advance(Duration.ofDays(31));
                SendOutcome second = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, second, second.message());
                assertNotEquals(first.runId(), second.runId());
                RecipientRow row = j.recipients().get(second.runId(), 3).orElseThrow();
                assertEquals("member03@example.net", row.email());
                assertEquals(RecipientStatus.SKIPPED, row.status());
                assertTrue(row.skipReason().contains("suppressed"), row.skipReason());
            }
            assertEquals(9, relay.accepted(), "five, then the four still subscribed");
        }
    }

    /** The one-click token in the List-Unsubscribe header of the message the relay received for this member. */
    static String tokenSentTo(Path received, String member) throws Exception {
        try (Stream<Path> files = Files.walk(received)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p).replaceAll("\r?\n[ \t]+", " "); // unfold
                if (!text.contains("X-Envelope-To: <" + member + ">")) continue;
                Matcher m = URL.matcher(text);
                if (m.find()) return m.group(1);
            }
        }
        throw new AssertionError("no message with a one-click URL for " + member + " in " + List.of(received));
    }
}
