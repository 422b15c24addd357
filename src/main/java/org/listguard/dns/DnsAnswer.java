package org.listguard.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * The outcome of one DNS query, as a value. {@link Failure} (timeout, SERVFAIL, REFUSED, network)
 * is never the same as {@link NxDomain}: a caller that cannot get an answer must say "unknown",
 * not "not listed".
 */
public sealed interface DnsAnswer {

    /** The records of the asked type (CNAMEs followed), with the smallest TTL among them. */
    record Records(List<Record> records, long ttlSeconds) implements DnsAnswer {
        public Records {
            records = List.copyOf(records);
        }

        public List<InetAddress> addresses() {
            return records.stream().map(r -> r instanceof ARecord a ? a.getAddress()
                    : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null)
                    .filter(java.util.Objects::nonNull).toList();
        }

        /** Each TXT record's strings joined (RFC 7208 §3.3: character-strings are concatenated). */
        public List<String> texts() {
            return records.stream().filter(r -> r instanceof TXTRecord)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
        }

        /** PTR targets without the trailing dot. */
        public List<String> names() {
            return records.stream().filter(r -> r instanceof PTRRecord)
                    .map(r -> DnsNames.strip(((PTRRecord) r).getTarget().toString())).toList();
        }

        @Override
        public String toString() {
            return records.stream().map(Record::rdataToString).collect(Collectors.joining(", "));
        }
    }

    /** The name does not exist (RCODE 3). */
    record NxDomain(long negativeTtlSeconds) implements DnsAnswer {}

    /** The name exists but has no record of the asked type. */
    record NoData(long negativeTtlSeconds) implements DnsAnswer {}

    /** No usable answer: the caller cannot decide from this. */
    record Failure(Kind kind, String detail) implements DnsAnswer {
        public enum Kind { TIMEOUT, SERVFAIL, REFUSED, NETWORK, OTHER }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    default boolean isFailure() { return this instanceof Failure; }

    /** For messages: what came back, in words. */
    default String describe() {
        if (this instanceof Records r) return r.toString();
        if (this instanceof NxDomain) return "NXDOMAIN";
        if (this instanceof NoData) return "no record (NODATA)";
        return "lookup failed: " + this;
    }
}
