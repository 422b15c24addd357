package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.internet.MimeUtility;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Fold} writes exactly what Jakarta Mail's fold writes, on any value (it hands the unusual ones to it). */
class FoldTest {
    @Test
    void foldsExactlyAsJakartaMailDoes() {
        Random random = new Random(5322);
        String[] pieces = {"a", "word", "x".repeat(40), "y".repeat(90), " ", "  ", "\t", ",", "<mailto:u@example.org>", "é", "=?UTF-8?Q?x?=",
                "\r\n", "\n"};
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int k = 0; k < n; k++) sb.append(pieces[random.nextInt(pieces.length - (round % 2 == 0 ? 2 : 0))]);
            String s = sb.toString();
            int used = random.nextInt(30);
            assertEquals(MimeUtility.fold(used, s), Fold.fold(used, s), "used " + used + ", value: " + s);
        }
    }

    @Test
    void aListUnsubscribeFieldFoldsAtItsComma() {
        String value = "<mailto:bounces+u-monthly-1-abcdefghijkl@example.org?subject=unsubscribe>, "
                + "<https://www.example.org/unsubscribe/u-monthly-1-abcdefghijkl>";
        assertEquals(MimeUtility.fold(18, value), Fold.fold(18, value));
        assertEquals(value.replace(", ", ",\r\n "), Fold.fold(18, value));
    }
}
