package org.listguard.audit.dnsbl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.listguard.config.ZoneSpec;
import org.listguard.dns.DnsAnswer;

/**
 * Reads a zone's A answer through its catalog entry. Order matters and follows DELIVERABILITY.md
 * §1: a failure is never "not listed"; an error answer inside 127/8 is never a listing; an answer
 * outside 127/8 is not data (RFC 5782 §2.3); an unrecognised 127/8 code is still a listing.
 */
public final class AnswerReader {
    private AnswerReader() {}

    public static Reading read(ZoneSpec zone, DnsAnswer answer) {
        if (answer instanceof DnsAnswer.Failure f) return new Reading.Failed(f);
        if (answer instanceof DnsAnswer.NxDomain) return new Reading.NotListed("NXDOMAIN", "NXDOMAIN");
        if (answer instanceof DnsAnswer.NoData) return new Reading.NotListed("NODATA", "no A record (NODATA)");
        List<InetAddress> ips = ((DnsAnswer.Records) answer).addresses();
        if (ips.isEmpty()) return new Reading.NotListed("NODATA", "no A record");
        List<Reading.Hit> hits = new ArrayList<>();
        for (InetAddress ip : ips) {
            String code = ip.getHostAddress();
            if (!(ip instanceof Inet4Address) || (ip.getAddress()[0] & 0xff) != 127) return new Reading.Foreign(code);
            int last = ip.getAddress()[3] & 0xff;
            if (zone.bitmask()) {
                ZoneSpec.Code err = bitMatch(zone.errors(), last);
                if (err != null) return new Reading.ErrorAnswer(code, err);
                int explained = 0;
                for (Map.Entry<String, ZoneSpec.Code> e : zone.codes().entrySet()) {
                    int bit = bit(e.getKey());
                    if (bit != 0 && (last & bit) == bit) {
                        hits.add(new Reading.Hit(code + " (bit " + bit + ")", e.getValue()));
                        explained |= bit;
                    }
                }
                if ((last & ~explained) != 0) hits.add(new Reading.Hit(code, null));
            } else {
                ZoneSpec.Code err = match(zone.errors(), code);
                if (err != null) return new Reading.ErrorAnswer(code, err);
                hits.add(new Reading.Hit(code, match(zone.codes(), code)));
            }
        }
        return new Reading.Listed(hits);
    }

    /** An exact key, else the first pattern key ({@code *} = any octet) that matches. */
    static ZoneSpec.Code match(Map<String, ZoneSpec.Code> table, String code) {
        ZoneSpec.Code exact = table.get(code);
        if (exact != null) return exact;
        String[] have = code.split("\\.");
        for (Map.Entry<String, ZoneSpec.Code> e : table.entrySet()) {
            String[] want = e.getKey().split("\\.");
            if (want.length != 4 || !e.getKey().contains("*")) continue;
            boolean ok = true;
            for (int i = 0; i < 4 && ok; i++) ok = want[i].equals("*") || want[i].equals(have[i]);
            if (ok) return e.getValue();
        }
        return null;
    }

    private static ZoneSpec.Code bitMatch(Map<String, ZoneSpec.Code> table, int last) {
        for (Map.Entry<String, ZoneSpec.Code> e : table.entrySet()) {
            int bit = bit(e.getKey());
            if (bit != 0 && (last & bit) == bit) return e.getValue();
        }
        return null;
    }

    private static int bit(String key) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
