package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;

/** Writes a small valid config and the files it names into a directory. */
public final class TestConfigs {
    private TestConfigs() {}

    /** The YAML text; {@code extra} is appended (e.g. more campaigns). */
    public static String yaml(Path dir, String extra) throws IOException {
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("members.csv"), "email,first_name\nann@example.net,Ann\n");
        Files.writeString(dir.resolve("news.txt"), "Hello {{first_name}}\n");
        Files.writeString(dir.resolve("news.subject"), "News\n");
        return """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                  origin_ip: 203.0.113.10
                relays:
                  - name: isp
                    host: 127.0.0.1
                    port: 2525
                    tls: none
                    ips: [198.51.100.25]
                dkim: { domain: example.org, selector: news, private_key: DIR/key.pem }
                campaigns:
                  monthly:
                    list: DIR/members.csv
                    template: DIR/news
                    schedule: "0 0 9 1 * ?"
                  adhoc:
                    list: DIR/members.csv
                    template: DIR/news
                journal:
                  url: jdbc:sqlite:DIR/lg.db
                """.replace("DIR", dir.toString()) + extra;
    }

    public static Config load(Path dir) throws IOException {
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml(dir, ""));
    }
}
