package org.listguard.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher.Look;

/** The local-directory seed watcher (a Maildir, or the --sandbox relay's store). */
class MaildirSeedWatcherTest {
    @TempDir
    Path dir;

    static Seed seed(String marker, String id) {
        return new Seed("seed@example.com", id, marker, "isp", Instant.now(), null, "250 ok");
    }

    @Test
    void findsSeedsInCurAndNewByMarkerOrMessageIdReadingOnlyHeaders() throws Exception {
        Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve("new"));
        Files.writeString(dir.resolve("new/1.host"), "X-Listguard-Seed: r.1.aa\r\nSubject: x\r\n\r\nbody\r\n");
        Files.writeString(dir.resolve("cur/2.host:2,S"), "Message-ID:\r\n <b@example.org>\r\n\r\n");
        Files.writeString(dir.resolve("cur/3.host:2,S"), "Subject: x\r\n\r\nX-Listguard-Seed: r.3.cc\r\n");
        Look l = new MaildirSeedWatcher(dir).look(List.of(seed("r.1.aa", "<a@x>"), seed("r.2.bb", "<b@example.org>"), seed("r.3.cc", "<c@x>")));
        assertEquals(Set.of("r.1.aa", "r.2.bb"), assertInstanceOf(Look.Seen.class, l).markers(), "a marker in a body does not count");
    }

    @Test
    void aSeedInTheMaildirPlusPlusJunkFolderIsPlacedJunk() throws Exception {
        Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve(".Junk/new"));
        Files.writeString(dir.resolve("cur/1.host:2,S"), "X-Listguard-Seed: r.1.aa\r\n\r\nbody\r\n");
        Files.writeString(dir.resolve(".Junk/new/2.host"), "Received: from relay ([198.51.100.25]) by mx.example.com\r\n"
                + "X-Listguard-Seed: r.2.bb\r\nX-Listguard-Seed-End: r.2.bb\r\nX-Spam-Flag: YES\r\n\r\nbody\r\n");
        Look.Seen seen = assertInstanceOf(Look.Seen.class, new MaildirSeedWatcher(dir).look(List.of(seed("r.1.aa", "<a@x>"), seed("r.2.bb", "<b@x>"))));
        assertEquals(org.listguard.placement.Placement.INBOX, seen.arrival("r.1.aa").placement());
        assertEquals(org.listguard.placement.Placement.JUNK, seen.arrival("r.2.bb").placement());
        assertEquals(".Junk", seen.arrival("r.2.bb").folder());
        assertEquals(Boolean.TRUE, seen.arrival("r.2.bb").verdict().spam().flagged());
    }

    @Test
    void aJunkFolderSettingCannotLeaveTheMailbox() throws Exception {
        Files.createDirectories(dir.resolve("box/cur"));
        Files.createDirectories(dir.resolve("elsewhere/new"));
        Files.writeString(dir.resolve("elsewhere/new/1.host"), "X-Listguard-Seed: r.1.aa\r\n\r\n");
        Look.Seen seen = assertInstanceOf(Look.Seen.class, new MaildirSeedWatcher(dir.resolve("box"), "../elsewhere", null)
                .look(List.of(seed("r.1.aa", "<a@x>"))));
        assertEquals(Set.of(), seen.markers());
    }

    @Test
    void aMissingDirectoryIsNothingSeen() {
        Look l = new MaildirSeedWatcher(dir.resolve("none")).look(List.of(seed("m", "<m@x>")));
        assertEquals(Set.of(), assertInstanceOf(Look.Seen.class, l).markers());
    }
}
