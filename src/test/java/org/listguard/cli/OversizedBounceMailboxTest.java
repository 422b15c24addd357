package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.feedback.BounceMailbox;
import org.listguard.feedback.ProcessFixture;

/**
 * Issue 13: a 120 MB message in the bounce Maildir, processed by {@code bounces process} in a JVM
 * of 256 MB, is set aside unread with a note; the bounce next to it is applied; a second run does
 * not look at it again. The large file is generated (sparse) in the test, never committed.
 */
class OversizedBounceMailboxTest {
    @TempDir
    Path dir;

    private Path config(Path maildir) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("\nsender:\n", "\nsender:\n  token_key_file: " + org.listguard.testing.TestKeys.write(dir) + "\n");
        yaml = yaml.replace("jdbc:sqlite:data/listguard.db", "jdbc:sqlite:" + dir.resolve("journal.db"))
                + "bounces:\n  mailbox: { maildir: " + maildir + " }\n";
        return Files.writeString(dir.resolve("listguard.yaml"), yaml);
    }

    private JsonNode processInA256MbJvm(Path cfg) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.listguard.cli.Main", "bounces", "process", "-c", cfg.toString(), "--format", "json"))
                .redirectError(dir.resolve("err.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "finished within 120 s");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out + Files.readString(dir.resolve("err.log")));
        return new ObjectMapper().readTree(out);
    }

    @Test
    void a120MegabyteMessageIsSetAsideUnreadAndTheBounceBesideItIsApplied() throws Exception {
        Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        try (ProcessFixture f = new ProcessFixture(dir, 10)) {
            ProcessFixture.deliver(maildir, "1000.eml", f.sample("hard.eml", 1));
        }
        // a bounce by its headers (junk would be passed over on its headers alone, never read: issue 21)
        Path huge = ProcessFixture.deliver(maildir, "0999.huge", "From: MAILER-DAEMON@example.net\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (RandomAccessFile raf = new RandomAccessFile(huge.toFile(), "rw")) {
            raf.setLength(120L * 1024 * 1024);
        }
        Path cfg = config(maildir);

        JsonNode first = processInA256MbJvm(cfg);
        assertEquals(2, first.get("read").asInt(), first.toString());
        assertEquals(1, first.get("actions").get("hard").asInt(), first.toString());
        assertTrue(first.toString().contains("max_message_size") && first.toString().contains("set aside"), first.toString());
        assertFalse(Files.exists(huge), "moved out of the mailbox");
        try (var s = Files.list(maildir.resolve("." + BounceMailbox.SET_ASIDE_FOLDER).resolve("cur"))) {
            assertEquals(1, s.count(), "kept, never deleted");
        }

        JsonNode second = processInA256MbJvm(cfg);
        assertEquals(0, second.get("read").asInt(), "never retried: " + second);
    }
}
