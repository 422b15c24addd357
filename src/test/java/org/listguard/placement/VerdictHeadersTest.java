package org.listguard.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictHeadersTest {
    private static final String MARKER = "r1.1.abcdef";

    /** Postfix + opendkim/opendmarc (prepended) + spamass-milter (appended) + Dovecot LMTP, as the real stack writes them. */
    private static final String RECEIVED_BY_STACK = String.join("\r\n",
            "Return-Path: <bounces+t@example.org>",
            "Delivered-To: seed@receiver.test",
            "Received: from mx.receiver.test by imap.receiver.test (Dovecot) with LMTP id 4a; Mon, 7 Dec 2026 13:00:01 +0000",
            "Authentication-Results: mx.receiver.test; dmarc=pass (p=none dis=none) header.from=example.org",
            "Authentication-Results: mx.receiver.test;",
            "\tdkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.b=abc",
            "Received: from smtp.isp.example (smtp.isp.example [127.0.0.25])",
            "\tby mx.receiver.test (Postfix) with ESMTP id 1A2B3C",
            "\tfor <seed@receiver.test>; Mon, 7 Dec 2026 13:00:00 +0000 (UTC)",
            "Received: from list.example.org by smtp.isp.example (Postfix) with ESMTPSA id 9Z",
            "Authentication-Results: mx.receiver.test; spf=pass smtp.mailfrom=example.org; dkim=pass; dmarc=pass",
            "X-Spam-Status: No, score=-5.0 required=5.0 tests=NONE",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=news; b=xyz",
            "X-Listguard-Seed: " + MARKER,
            "From: Retirees News <news@example.org>",
            "Subject: Monthly",
            "X-Listguard-Seed-End: " + MARKER,
            "X-Spam-Flag: YES",
            "X-Spam-Status: Yes, score=7.1 required=5.0 tests=DKIM_SIGNED,",
            "\tDKIM_VALID,LG_EGRESS_LISTED autolearn=no autolearn_force=no",
            "\tversion=4.0.1",
            "",
            "body");

    private static ReceiverVerdict read(String message, String authservId) {
        return VerdictHeaders.read(HeaderFields.parse(message.getBytes(StandardCharsets.ISO_8859_1)), authservId, MARKER);
    }

    @Test
    void readsTheReceiversAuthenticationAndItsAppendedSpamAssassinVerdict() {
        ReceiverVerdict v = read(RECEIVED_BY_STACK, null);
        assertEquals("mx.receiver.test", v.authservId());
        assertEquals(new ReceiverVerdict.Authentication(null, "pass", "pass"), v.authentication());
        assertEquals("spamassassin", v.spam().engine());
        assertEquals(7.1, v.spam().score());
        assertEquals(5.0, v.spam().threshold());
        assertTrue(v.spam().flagged());
        assertEquals(List.of("DKIM_SIGNED", "DKIM_VALID", "LG_EGRESS_LISTED"), v.spam().rules());
        assertEquals("127.0.0.25", v.egressIp(), "the receiver's own hop, not Dovecot's LMTP line");
    }

    @Test
    void resultsWrittenBelowTheReceiversHopAreIgnoredEvenWithItsAuthservId() {
        ReceiverVerdict v = read(RECEIVED_BY_STACK, null);
        assertNull(v.authentication().spf(), "spf=pass below the receiver's Received: line was forged upstream");
        assertTrue(v.ignored().stream().anyMatch(s -> s.startsWith("Authentication-Results")));
        assertTrue(v.ignored().stream().anyMatch(s -> s.startsWith("X-Spam-Status")));
    }

    @Test
    void aConfiguredAuthservIdSelectsOnlyThatReceiversResults() {
        String m = String.join("\r\n",
                "Authentication-Results: other.test; spf=fail; dkim=fail; dmarc=fail",
                "Authentication-Results: mx.google.com; dkim=pass header.i=@example.org; spf=softfail (google.com: domain of transitioning x) smtp.mailfrom=x; dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=example.org",
                "Received: by 2002:a05:6520:1:b0:1 with SMTP id x; Mon, 7 Dec 2026 05:00:01 -0800 (PST)",
                "Received: from smtp.isp.example (smtp.isp.example. [198.51.100.25]) by mx.google.com with ESMTPS id y",
                "X-Listguard-Seed: " + MARKER, "", "");
        ReceiverVerdict v = read(m, "mx.google.com");
        assertEquals(new ReceiverVerdict.Authentication("softfail", "pass", "fail"), v.authentication());
        assertEquals("198.51.100.25", v.egressIp(), "Gmail's internal 'Received: by' line has no from clause");
        assertNull(v.spam());
    }

    @Test
    void withoutAConfiguredIdTheTopmostAuthservIdWins() {
        String m = String.join("\r\n",
                "Authentication-Results: mx.receiver.test; dkim=fail",
                "Authentication-Results: relay.forger.test; dkim=pass; dmarc=pass",
                "Received: from smtp.isp.example ([198.51.100.25]) by mx.receiver.test", "", "");
        ReceiverVerdict v = read(m, null);
        assertEquals("fail", v.authentication().dkim());
        assertNull(v.authentication().dmarc());
    }

    @Test
    void microsoftSclAndForefrontReport() {
        String m = String.join("\r\n",
                "X-MS-Exchange-Organization-SCL: 5",
                "X-Forefront-Antispam-Report: CIP:198.51.100.25;CTRY:US;LANG:en;SCL:5;SRV:BULK;IPV:NLI;SFV:SPM;H:smtp.isp.example;CAT:SPM;DIR:INB;",
                "Authentication-Results: spf=pass (sender IP is 198.51.100.25) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100",
                "Received: from smtp.isp.example (198.51.100.25) by BN1.mail.protection.outlook.com (10.0.0.1) with Microsoft SMTP Server id 15.20 via Frontend Transport",
                "Received: from smtp.isp.example ([198.51.100.25]) by edge.outlook.com", "", "");
        ReceiverVerdict v = read(m, null);
        assertEquals("microsoft", v.spam().engine());
        assertEquals(5.0, v.spam().score());
        assertTrue(v.spam().flagged());
        assertEquals(List.of("SFV:SPM", "CAT:SPM"), v.spam().rules());
    }

    @Test
    void rspamdResultScoreAndSymbols() {
        String m = String.join("\r\n",
                "X-Spamd-Result: default: True [16.20 / 15.00];",
                "\tRBL_LOCAL(8.00)[198.51.100.25:from]; R_DKIM_ALLOW(-0.20)[example.org:s=news]; BAYES_SPAM(5.10)[99.0%]",
                "X-Rspamd-Score: 16.20",
                "X-Spam: Yes",
                "Received: from smtp.isp.example ([198.51.100.25]) by mx.receiver.test", "", "");
        ReceiverVerdict.Spam s = read(m, null).spam();
        assertEquals("rspamd", s.engine());
        assertEquals(16.2, s.score());
        assertEquals(15.0, s.threshold());
        assertTrue(s.flagged());
        assertEquals(List.of("RBL_LOCAL", "R_DKIM_ALLOW", "BAYES_SPAM"), s.rules());
    }

    @Test
    void spamAssassinSaysNo() {
        String m = String.join("\r\n",
                "X-Spam-Status: No, score=0.3 required=5.0 tests=DKIM_SIGNED,DKIM_VALID",
                "Received: from smtp.isp.example ([198.51.100.25]) by mx.receiver.test", "", "");
        ReceiverVerdict.Spam s = read(m, null).spam();
        assertFalse(s.flagged());
        assertEquals(0.3, s.score());
    }

    @Test
    void noReceivedLineTrustsNothing() {
        ReceiverVerdict v = read("X-Spam-Flag: YES\r\nAuthentication-Results: a.test; dkim=pass\r\n\r\n", null);
        assertNull(v.spam());
        assertNull(v.authentication().dkim());
        assertEquals(2, v.ignored().size());
    }

    @Test
    void hostileHeadersAreBoundedAndQuick() {
        StringBuilder m = new StringBuilder("Authentication-Results: ").append("(".repeat(50_000)).append("mx; dkim=pass\r\n");
        m.append("X-Spam-Status: Yes, score=").append("9".repeat(10_000)).append(" tests=").append("A.".repeat(40_000)).append("\r\n");
        m.append("Received: from x ([192.0.2.1]) by mx.receiver.test\r\n");
        for (int i = 0; i < 5_000; i++) m.append("X-Junk-").append(i).append(": ").append("a.".repeat(30)).append("\r\n\t").append("b".repeat(100)).append("\r\n");
        byte[] raw = m.append("\r\nbody").toString().getBytes(StandardCharsets.ISO_8859_1);
        long t0 = System.nanoTime();
        List<HeaderFields.Field> fields = HeaderFields.parse(raw);
        ReceiverVerdict v = VerdictHeaders.read(fields, null, MARKER);
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertTrue(fields.size() <= HeaderFields.MAX_FIELDS);
        assertTrue(fields.stream().allMatch(f -> f.value().length() <= HeaderFields.MAX_VALUE));
        assertTrue(v.spam().rules().size() <= VerdictHeaders.MAX_RULES);
        assertNull(v.authentication().dkim(), "an unbalanced comment swallows the rest of the value");
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }
}
