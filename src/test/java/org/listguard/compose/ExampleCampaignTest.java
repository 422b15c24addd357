package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.list.Recipient;
import org.listguard.testing.TestKeys;

/** The shipped example (templates/newsletter.*, lists/members.csv) composes for every member. */
class ExampleCampaignTest {
    @TempDir
    Path dir;

    static List<Recipient> members(Path csv) throws Exception {
        List<Recipient> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord r : p) out.add(new Recipient(r.getRecordNumber() + 1, r.get("email"), r.toMap()));
        }
        return out;
    }

    @Test
    void everyExampleMemberGetsAPersonalisedMultipartMessage() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        String yaml = """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                  unsubscribe_url: https://lists.example.org/unsubscribe/{token}
                relays:
                  - { name: isp, host: smtp.isp.example, port: 587 }
                campaigns:
                  monthly: { list: ROOT/lists/members.csv, template: ROOT/templates/newsletter }
                """.replace("ROOT", root.toString());
        Config config = new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
        Composer composer = new Composer(config, config.campaign("monthly"), Fixture.CLOCK, new SplittableRandom(1), TestKeys.KEYS);
        List<Recipient> members = members(root.resolve("lists/members.csv"));
        composer.requireColumns(members.get(0).fields().keySet());
        assertTrue(members.size() >= 10, "members: " + members.size());
        boolean sawNonAscii = false;
        for (int i = 0; i < members.size(); i++) {
            Recipient r = members.get(i);
            ComposedMessage c = composer.compose("example", i, r);
            MimeMessage m = ComposerTest.parse(c.raw());
            assertTrue(m.getSubject().startsWith(r.fields().get("first_name") + ","), m.getSubject());
            InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
            assertEquals(r.fields().get("first_name") + " " + r.fields().get("last_name"), to.getPersonal());
            String html = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
            assertTrue(html.contains("https://lists.example.org/unsubscribe/" + TestKeys.unsubscribeToken("example", i)), html);
            assertTrue(html.contains("member since " + r.fields().get("member_since")), html);
            sawNonAscii |= !r.fields().get("first_name").chars().allMatch(ch -> ch < 128);
        }
        assertTrue(sawNonAscii, "the example list should show a non-ASCII name");
    }
}
