package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trigram pre-check never changes an answer: {@link Folded#contains} is exactly {@code String.contains}. */
class FoldedTest {
    @Test
    void containsIsExactOnRandomTextsAndLiterals() {
        Random rnd = new Random(20261126);
        String alphabet = "abcdefghij .:<>@5-é";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(300);
            for (int i = 0; i < n; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String text = sb.toString();
            Folded f = Folded.of(text);
            for (int k = 0; k < 20; k++) {
                String lit;
                if (n > 0 && rnd.nextBoolean()) {
                    int a = rnd.nextInt(n), b = Math.min(n, a + 1 + rnd.nextInt(12));
                    lit = Literals.fold(text.substring(a, b));
                } else {
                    StringBuilder l = new StringBuilder();
                    for (int i = 0, m = 1 + rnd.nextInt(10); i < m; i++) l.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    lit = l.toString();
                }
                assertEquals(Literals.fold(text).contains(lit), f.contains(lit), () -> "'" + lit + "' in '" + text + "'");
            }
        }
    }
}
