package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;

/**
 * Issue 22: "user unknown" with neither an addressing code nor a stage counts against the address
 * only in the mailbox host's own directory notice (Domino/Notes, McAfee, IMail, Verizon vtext, as
 * Sisimai's lhost modules document them); elsewhere it is marked unplaced ({@code +unstaged}) and
 * never suppresses. Real messages of the corpus's development part.
 */
class OwnDirectoryTest {
    private static final Corpus CORPUS = Corpus.load();
    private static final BounceParser PARSER = new BounceParser(ReplyClassifier.standard());

    private static BounceRecord first(String file) {
        ParseResult r = CORPUS.parse(PARSER, file);
        assertTrue(r instanceof ParseResult.Parsed, r.toString());
        return ((ParseResult.Parsed) r).records().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lhost-domino-01.eml", "lhost-domino-02.eml", "lhost-mcafee-05.eml", "lhost-verizon-02.eml"})
    void theHostsOwnDirectoryLookupCountsAgainstTheAddress(String file) {
        BounceRecord r = first(file);
        assertEquals(Action.HARD, r.action(), r.toString());
        assertFalse(r.rule().endsWith(BounceParser.UNSTAGED), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lhost-postfix-07.eml", "lhost-x1-02.eml", "lhost-x2-01.eml", "lhost-amazonses-02.eml"})
    void anUnplacedUserUnknownElsewhereIsMarkedAndNeverSuppresses(String file) {
        BounceRecord r = first(file);
        assertEquals(Action.HARD, r.action(), "the words keep their meaning: " + r);
        assertTrue(r.rule().endsWith(BounceParser.UNSTAGED), r.toString());
        var e = MemberBounces.entry("k", file, r, "run", 1, "m", java.time.Instant.EPOCH, null);
        assertEquals(EvidenceWeights.Grade.UNPROVEN, EvidenceWeights.weigh(e, java.util.List.of(e), org.listguard.config.BounceScore.DEFAULT).grade());
    }
}
