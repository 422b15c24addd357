package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The IP a receiver's Received: line names as the client that delivered a seed (RFC 5321 s4.4). */
class SeedsEgressTest {
    @Test
    void postfixReceivedLineNamesTheConnectingIp() {
        assertEquals("127.0.0.25", Seeds.egressOf("from smarthost.isp.test (unknown [127.0.0.25]) by mx.receiver.test (Postfix) "
                + "with ESMTP id 4Qx; Thu, 26 Nov 2026 13:00:00 +0000 (UTC)"));
    }

    @Test
    void gmailReceivedLineNamesTheConnectingIp() {
        assertEquals("198.51.100.25", Seeds.egressOf("from mail.isp.example (mail.isp.example. [198.51.100.25]) by mx.google.com "
                + "with ESMTPS id x; Thu, 26 Nov 2026 13:00:00 -0800 (PST)"));
    }

    @Test
    void aLineWithoutAFromClauseNamesNothing() {
        assertNull(Seeds.egressOf("by mx.example with LMTP id 1; Thu, 26 Nov 2026 13:00:00 +0000"));
        assertNull(Seeds.egressOf(null));
    }
}
