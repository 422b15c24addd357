package org.listguard.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.list.Recipient;

/** A campaign in a temp dir: config from YAML, template files, a fixed clock. */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-11-23T07:30:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final Path dir;
    String senderExtra = "";
    String returnPath = "bounces@example.org";
    String campaignExtra = "";

    Fixture(Path dir) {
        this.dir = dir;
        write("members.csv", "email,first_name,last_name\na@example.net,Ann,Lee\n");
    }

    Fixture write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Config config() {
        String yaml = """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                SENDER_EXTRA
                relays:
                  - name: isp
                    host: smtp.isp.example
                    port: 587
                    auth: { username: list@example.org, password_env: LISTGUARD_SMTP_PASSWORD }
                campaigns:
                  monthly:
                    list: DIR/members.csv
                    template: DIR/news
                CAMPAIGN_EXTRA
                journal:
                  url: jdbc:sqlite:DIR/lg.db
                """.replace("SENDER_EXTRA\n", senderExtra).replace("bounces@example.org", returnPath).replace("CAMPAIGN_EXTRA\n", campaignExtra)
                .replace("DIR", dir.toString());
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
    }

    Composer composer() {
        Config c = config();
        return new Composer(c, c.campaign("monthly"), CLOCK, new SplittableRandom(42), org.listguard.testing.TestKeys.KEYS);
    }

    static Recipient row(long line, String email, String first, String last) {
        return new Recipient(line, email, Map.of("email", email, "first_name", first, "last_name", last));
    }
}
