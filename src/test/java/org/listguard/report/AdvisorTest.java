package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.listguard.guard.Evidence;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/** The bundled advice table over the real reputation replies of DELIVERABILITY.md §4. */
class AdvisorTest {
    static Run paused(String reply) {
        Evidence e = new Evidence(Instant.parse("2026-11-01T09:00:00Z"), "reputation", "isp", "example.net", 554, null, reply, "relay");
        return new Run("20261101-090000-monthly", "monthly", RunState.PAUSED, Instant.EPOCH, null, "paused",
                Json.write(List.of(e)), null, false, "isp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cisco-talos        | 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.
            spamhaus           | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org
            barracuda          | 554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation
            gmail              | 421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. gsmtp
            microsoft          | 550 5.7.606 Access denied, banned sending IP [192.0.2.1]
            microsoft          | 451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation (S3113)
            yahoo              | 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints
            cloudmark          | 550 Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=192.0.2.1
            cloudmark          | 554 Connection refused. This IP has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103
            gmx                | 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/
            reputation-generic | 550 5.7.1 Mail refused: 192.0.2.1 has a bad name here
            gmail-quota        | 421-4.7.28 [192.0.2.1] Gmail has detected an unusual rate of mail originating from your IP address. gsmtp
            gmail-auth         | 550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy. gsmtp
            gmail-auth         | 550-5.7.27 Your email has been blocked because the sender is unauthenticated (SPF). gsmtp
            microsoft-bulk-auth | 550 5.7.515 Access denied, sending domain example.org does not meet the required authentication level.
            yahoo              | 553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed.
            receiver-named-list | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using rep.rbl.test
            """)
    void eachProvidersReplyGetsItsOwnAdviceFirst(String id, String reply) {
        List<Advice> advice = Advisor.bundled().advise(paused(reply));
        assertEquals(id, advice.get(0).id(), advice.toString());
        assertEquals(org.listguard.reply.MultiLine.join(reply), advice.get(0).quote());
        assertTrue(advice.get(0).steps().stream().noneMatch(s -> s.contains("{")), "every placeholder filled: " + advice.get(0).steps());
        assertEquals("resume", advice.get(advice.size() - 1).id());
    }

    @org.junit.jupiter.api.Test
    void aCiscoRefusalOverThreeContinuationLinesReachesItsAdviceAndIsQuotedAsOneSentence() {
        String relayed = "554-Your access to this mail system has been\n554-rejected due to the sending MTA's poor\n554 reputation.";
        List<Advice> advice = Advisor.bundled().advise(paused(relayed));
        assertEquals("cisco-talos", advice.get(0).id(), advice.toString());
        assertEquals("554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.", advice.get(0).quote());
    }
}
