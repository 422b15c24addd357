package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Readings that must hold for any receiver, not one corpus file: a host name the notice quotes is
 * not the receiver's verdict ("antispam", "mailfilter", "virusgw" inside a name); the generic words
 * of a content rule yield to the receiver's own X.1.x addressing code (Sisimai's order: the status
 * check of UserUnknown before SpamDetected, VirusDetected, ContentError); a whole reply "Recipient
 * rejected" at RCPT is the address's refusal (RFC 5321 s3.3); 551 "User not local; please try"
 * is a moved mailbox (RFC 5321 s3.4); a notice naming "account or domain may not exist" among
 * block lists is about the address, never a pause of the run; RFC 7504's 556 "Domain does not
 * accept mail" is the domain's statement.
 */
class GeneralWordsTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        UNKNOWN | 550 | 5.1.1 | HARD    | host antispam.example.net[192.0.2.1] said: 550 5.1.1 <kijitora@example.jp>: Recipient address rejected: no thank you
        UNKNOWN | 550 |       | SOFT    | host mailfilter.example.com[192.0.2.1] said: 550 Requested action not taken
        UNKNOWN | 550 |       | SOFT    | host virusgw.example.jp[192.0.2.1] said: 550 Requested action not taken
        UNKNOWN | 550 |       | CONTENT | 550 Message classified as spam.
        DATA_END| 554 |       | CONTENT | 554 Message rejected by our antispam system
        DATA_END| 554 |       | CONTENT | 554 This message exhibits spam-like characteristics
        DATA_END| 554 | 5.7.1 | CONTENT | 554 5.7.1 Rejected by Anti-Spam
        DATA_END| 550 |       | CONTENT | 550 Blocked by spamfilter
        DATA_END| 554 |       | CONTENT | 554 Message refused by antivirus
        DATA_END| 554 |       | CONTENT | 554 rejected by anti-spam filter
        DATA_END| 550 |       | CONTENT | 550 Your message was filtered.
        DATA_END| 554 |       | CONTENT | 554 Virus found in message
        UNKNOWN | 550 | 5.1.1 | HARD    | 550 5.1.1 spam trap address
        UNKNOWN | 550 | 5.1.1 | HARD    | 550 5.1.1 invalid header in recipient lookup
        RCPT    | 550 |       | HARD    | 550 Recipient rejected
        RCPT    | 550 |       | HARD    | host mx.example.jp[192.0.2.222] said: 550 <kijitora@example.jp>: Recipient address rejected. (in reply to RCPT TO command)
        RCPT    | 550 |       | HARD    | SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>: 550 Recipient rejected
        RCPT    | 550 | 5.7.1 | REPUTATION | host mx.example.jp[192.0.2.222] said: 550 5.7.1 <kijitora@example.jp>: Recipient address rejected. (in reply to RCPT TO command)
        RCPT    | 551 |       | HARD    | 551 User not local; please try <neko@example.org>
        RCPT    | 551 |       | SENDER  | 551 not local user; relaying denied
        UNKNOWN | 556 |       | HARD    | 556 Domain does not accept mail
        UNKNOWN | 556 | 5.1.10| HARD    | 556 5.1.10 Recipient address has null MX
        UNKNOWN | 550 |       | HARD    | 550 The mail server could not deliver mail to kijitora@example.jp. The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.
        """)
    void readsAsAnyReceiverMeansIt(Stage stage, int code, String enhanced, Action action, String text) {
        Classification c = C.classify(stage, code, enhanced, text, null, false);
        assertEquals(action, c.action(), c::toString);
    }
}
