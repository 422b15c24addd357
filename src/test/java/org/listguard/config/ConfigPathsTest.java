package org.listguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: one rule for every relative path in the config: relative to the config file's directory. */
class ConfigPathsTest {
    @TempDir
    Path dir;

    @Test
    void everyRelativePathResolvesAgainstTheConfigsDirectoryNotTheWorkingDirectory() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/listguard"));
        Files.createDirectories(dir.resolve("etc/listguard/dkim"));
        Files.copy(Path.of("config/dkim/news.pem"), etc.resolve("dkim/news.pem"));
        Files.createDirectories(dir.resolve("lists"));
        Files.writeString(dir.resolve("lists/m.csv"), "email\na@example.org\n");
        Files.writeString(etc.resolve("news.txt"), "hi");
        Files.writeString(etc.resolve("news.subject"), "hi");
        Path cfg = Files.writeString(etc.resolve("listguard.yaml"), """
                sender:
                  from: "N <news@example.org>"
                  return_path: bounces@example.org
                  previous_token_key_file: old.key
                relays: [{name: isp, host: smtp.isp.example}]
                dkim: {domain: example.org, selector: news, private_key: dkim/news.pem}
                campaigns:
                  monthly: {list: ../../lists/m.csv, template: news}
                journal: {url: "jdbc:sqlite:data/j.db?synchronous=FULL"}
                """);
        Files.writeString(etc.resolve("old.key"), "x");
        Config c = new ConfigLoader().load(cfg);
        assertEquals(etc.resolve("dkim/news.pem"), c.dkim().privateKey());
        assertEquals(dir.resolve("lists/m.csv"), c.campaign("monthly").list());
        assertEquals(etc.resolve("news"), c.campaign("monthly").template());
        assertEquals(etc.resolve("old.key"), c.sender().previousTokenKeyFile());
        assertEquals("jdbc:sqlite:" + etc.resolve("data/j.db") + "?synchronous=FULL", c.journal().url());
        assertEquals(etc.resolve("data/token.key"), org.listguard.compose.TokenKeys.file(c), "the default key beside the config");
    }

    @Test
    void absolutePathsAndOtherJournalsStayAsWritten() {
        assertEquals("jdbc:sqlite:/var/lib/lg/j.db", ConfigLoader.sqliteRelativeTo(dir, "jdbc:sqlite:/var/lib/lg/j.db"));
        assertEquals("jdbc:postgresql://db/lg", ConfigLoader.sqliteRelativeTo(dir, "jdbc:postgresql://db/lg"));
        assertEquals("jdbc:sqlite::memory:", ConfigLoader.sqliteRelativeTo(dir, "jdbc:sqlite::memory:"));
    }
}
