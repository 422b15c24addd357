package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property (issue 9), fixed seed: no 4xx reply and no reply naming the sender's IP, domain or
 * authentication ever comes out hard, whatever the stage, status and recipient wording. The
 * recipient wordings are real bad-address replies (sources in {@link RuleFamiliesTest}); the
 * sender-naming phrases are real too (DELIVERABILITY.md s4, RFC 7372, Postfix).
 */
class NeverHardPropertyTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    static final List<String> BAD_ADDRESS = List.of(
            "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in local recipient table",
            "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos",
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            "550 Requested action not taken: mailbox unavailable",
            "554 delivery error: dd This user doesn't have a yahoo.com account (gone@yahoo.com) [0]",
            "User gone not listed in Domino Directory",
            "550 5.1.2 Host unknown (Name server: example.invalid: host not found)",
            "550 Rejected",
            "5.1.0 Address rejected",
            "550 No such user here");

    static final List<String> NAMES_SENDER = List.of(
            "Client host [192.0.2.10] blocked using zen.spamhaus.org",
            "your IP 192.0.2.10 is on our block list",
            "the sending IP 192.0.2.10 has a poor reputation",
            "SPF check failed for sender domain example.org",
            "DKIM signature did not verify",
            "message fails DMARC policy of example.org",
            "authentication required",
            "sender domain example.org has no PTR for 192.0.2.10",
            "reverse DNS of your host does not match");

    @Test
    void noFourHundredReplyIsEverHard() {
        Random rnd = new Random(9);
        Stage[] stages = Stage.values();
        for (int n = 0; n < 2_000; n++) {
            String text = BAD_ADDRESS.get(rnd.nextInt(BAD_ADDRESS.size()));
            int code = 400 + rnd.nextInt(100);
            String status = switch (rnd.nextInt(3)) {
                case 0 -> null;
                case 1 -> "4." + rnd.nextInt(8) + "." + rnd.nextInt(12);
                default -> "5.1." + rnd.nextInt(11); // a reporting MTA's status does not make a 4xx reply permanent
            };
            Stage stage = stages[rnd.nextInt(stages.length)];
            Classification c = C.classify(stage, code, status, text.replaceFirst("^5\\d\\d", String.valueOf(code)), null, rnd.nextBoolean());
            if (c.action() == Action.HARD) throw new AssertionError(code + " " + status + " " + stage + " " + text + " -> " + c);
        }
    }

    @Test
    void noReplyNamingTheSenderIsEverHard() {
        Random rnd = new Random(13);
        Stage[] stages = Stage.values();
        int checked = 0;
        for (int n = 0; n < 2_000; n++) {
            String addr = BAD_ADDRESS.get(rnd.nextInt(BAD_ADDRESS.size()));
            String us = NAMES_SENDER.get(rnd.nextInt(NAMES_SENDER.size()));
            String text = switch (rnd.nextInt(3)) {
                case 0 -> addr + "; " + us;
                case 1 -> us + ". " + addr;
                default -> addr.replaceFirst(" ", " " + us + " ");
            };
            int code = rnd.nextBoolean() ? 550 : 554;
            String status = rnd.nextBoolean() ? null : "5.1.1";
            Classification c = C.classify(stages[rnd.nextInt(stages.length)], code, status, text, null, rnd.nextBoolean());
            if (c.action() == Action.HARD) throw new AssertionError(text + " -> " + c);
            checked++;
        }
        assertEquals(2_000, checked);
    }
}
