package org.listguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dmarc section: defaults named once, each bad value named with its line. */
class DmarcConfigTest {
    @TempDir
    Path dir;

    Config load(String dmarc) throws IOException {
        Files.writeString(dir.resolve("members.csv"), "email\na@example.net\n");
        String yaml = """
                sender:
                  from: "News <news@example.org>"
                  return_path: bounces@example.org
                relays:
                  - name: isp
                    host: smtp.isp.example
                    auth: { username: list@example.org, password_env: PW }
                campaigns:
                  monthly:
                    list: DIR/members.csv
                    template: DIR/news
                journal:
                  url: jdbc:sqlite:DIR/lg.db
                """.replace("DIR", dir.toString()) + dmarc;
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
    }

    @Test
    void withoutTheSectionTheDefaultsApply() throws IOException {
        DmarcSettings d = load("").dmarc();
        assertEquals(2.0, d.maxDkimFail());
        assertEquals(Duration.ofDays(7), d.window());
        assertTrue(d.mailboxSettings().isEmpty());
    }

    @Test
    void theKeysLoad() throws IOException {
        DmarcSettings d = load("dmarc:\n  mailbox: { maildir: " + dir + "/rua }\n  max_dkim_fail: 5\n  window: 14d\n").dmarc();
        assertEquals(5.0, d.maxDkimFail());
        assertEquals(Duration.ofDays(14), d.window());
        assertEquals(dir.resolve("rua"), d.mailbox().maildir());
    }

    @Test
    void aLimitAtOrAboveTheFailLineNamesItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("dmarc:\n  window: 7d\n  max_dkim_fail: 10\n"));
        assertEquals(16, e.line()); // max_dkim_fail, after the 13 lines above and dmarc:, window:
        assertEquals("dmarc.max_dkim_fail", e.field());
    }

    @Test
    void aWindowShorterThanADayNamesItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("dmarc:\n  window: 2h\n"));
        assertEquals(15, e.line());
        assertTrue(e.getMessage().contains("at least 1d"), e.getMessage());
    }

    @Test
    void anImapMailboxWithoutAuthNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("dmarc:\n  mailbox: { host: imap.example.org }\n"));
        assertEquals("dmarc.mailbox.auth", e.field());
    }

    @Test
    void anUnknownKeyIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("dmarc:\n  max_dkim_failure: 3\n"));
        assertTrue(e.getMessage().contains("max_dkim_failure"), e.getMessage());
    }
}
