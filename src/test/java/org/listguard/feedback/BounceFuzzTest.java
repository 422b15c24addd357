package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.listguard.reply.Classification;
import org.listguard.reply.ReplyClassifier;
import org.listguard.reply.Stage;

/**
 * Fuzzing with a fixed seed (issue 13): random bytes and corpus messages mutated (bytes flipped,
 * cut, spliced, repeated, boundaries and header names inserted). The parser answers every input with
 * a value, records or the documented per-file error {@link ParseResult.Failed}, and throws nothing;
 * the reply classifier answers every text.
 */
class BounceFuzzTest {
    static final long SEED = 20261126L;
    static final String[] TOKENS = {"\r\n", "\n\n", "--", "Content-Type: multipart/report; boundary=\"x\"\n", "--x\n",
        "Content-Type: message/delivery-status\n\n", "Final-Recipient: rfc822; ", "Status: 5.1.1\n", "Diagnostic-Code: smtp; 550 ",
        "=?utf-8?B?", "Content-Transfer-Encoding: base64\n", "charset=\"x-unknown\"", "<", ">", "@", ":", "\u0000", "\u00ff",
        "Feedback-Type: ", "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{", "From MAILER-DAEMON Thu Jan 1 2026\n"};

    @Test
    void theParserNeverThrowsOnRandomOrMutatedMessages() throws IOException {
        Corpus corpus = Corpus.load();
        List<byte[]> seeds = new ArrayList<>();
        for (String f : corpus.files()) seeds.add(Files.readAllBytes(corpus.file(f)));
        BounceParser parser = new BounceParser(ReplyClassifier.standard());
        Random rnd = new Random(SEED);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int n = 0; n < 3_000; n++) {
                byte[] input = n % 10 == 0 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                ParseResult r = parser.parse("fuzz-" + n, input);
                assertNotNull(r);
                outcome[r instanceof ParseResult.Parsed ? 0 : 1]++;
            }
        });
        // both kinds of answer occur: the mutations keep many messages readable, and break others
        assertTrue(outcome[0] > 100 && outcome[1] > 100, "parsed " + outcome[0] + ", failed " + outcome[1]);
    }

    @Test
    void theClassifierAnswersEveryRandomReply() {
        ReplyClassifier c = ReplyClassifier.standard();
        Random rnd = new Random(SEED);
        Stage[] stages = Stage.values();
        for (int n = 0; n < 3_000; n++) {
            String text = new String(random(rnd), StandardCharsets.ISO_8859_1);
            int code = rnd.nextInt(700) - 50;
            String enhanced = rnd.nextBoolean() ? null : rnd.nextInt(7) + "." + rnd.nextInt(12) + "." + rnd.nextInt(1000);
            Classification cl = c.classify(stages[rnd.nextInt(stages.length)], code, enhanced, text, null, rnd.nextBoolean());
            assertNotNull(cl.action());
        }
    }

    static byte[] random(Random rnd) {
        byte[] b = new byte[rnd.nextInt(4_000)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : " \n:;<>@.-=abcdefghijklmnop0123456789".charAt(rnd.nextInt(36)));
        }
        return b;
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at); // cut
                case 2 -> b = splice(b, at, TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1));
                case 3 -> { // repeat a slice
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(200));
                    byte[] slice = java.util.Arrays.copyOfRange(b, at, at + len);
                    b = splice(b, at, repeat(slice, 1 + rnd.nextInt(50)));
                }
                case 4 -> { // delete a slice
                    int len = Math.min(b.length - at, rnd.nextInt(500));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                default -> { // swap line endings
                    for (int i = 0; i < b.length; i++) if (b[i] == '\n' && rnd.nextInt(8) == 0) b[i] = '\r';
                }
            }
        }
        return b;
    }

    static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    static byte[] repeat(byte[] s, int times) {
        byte[] out = new byte[s.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(s, 0, out, i * s.length, s.length);
        return out;
    }
}
