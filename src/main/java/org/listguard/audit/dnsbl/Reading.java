package org.listguard.audit.dnsbl;

import java.util.List;
import org.listguard.config.ZoneSpec;
import org.listguard.dns.DnsAnswer;

/**
 * What one zone's answer for one target means, before roles and severities are applied
 * (RFC 5782 §2.3: an A record in 127/8 is a listing; NXDOMAIN is not).
 */
public sealed interface Reading {

    /** NXDOMAIN, or a name without an A record. */
    record NotListed(String code, String how) implements Reading {}

    /**
     * Listed. Each hit is one code (or one bit of a bitmask zone).
     */
    record Listed(List<Hit> hits) implements Reading {
        public Listed {
            hits = List.copyOf(hits);
        }
    }

    /** @param code the answer; {@code known} null when the zone's catalog entry does not know it */
    record Hit(String code, ZoneSpec.Code known) {}

    /** An answer the zone documents as an error (public resolver, over quota…): not a listing. */
    record ErrorAnswer(String code, ZoneSpec.Code error) implements Reading {}

    /** An answer outside 127/8: not DNSBL data (a resolver rewriting NXDOMAIN, a wildcard). */
    record Foreign(String code) implements Reading {}

    /** The query itself failed: timeout, SERVFAIL, REFUSED, network. */
    record Failed(DnsAnswer.Failure failure) implements Reading {}
}
