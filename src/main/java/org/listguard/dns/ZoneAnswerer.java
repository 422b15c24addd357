package org.listguard.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * Answers DNS queries authoritatively from RFC 1035 master files (dnsjava {@link Zone}). Used by
 * {@code --sandbox} (a simulated world shipped in config/) and by the test DNS server. A name
 * under none of the zones is answered REFUSED, as an authoritative server does.
 */
public final class ZoneAnswerer {
    private final List<Zone> zones;

    public ZoneAnswerer(List<Zone> zones) {
        this.zones = List.copyOf(zones);
    }

    /** Loads every {@code *.zone} file in a directory; the origin is the file's {@code $ORIGIN} or its name. */
    public static ZoneAnswerer fromDirectory(Path dir) throws IOException {
        List<Zone> zs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".zone")).sorted().toList()) zs.add(load(f));
        }
        return new ZoneAnswerer(zs);
    }

    /**
     * These zones with records added: {@code records} maps a zone origin to master-file lines
     * (RFC 1035 §5.1, owner names relative to the origin, default TTL 300). An origin no zone has
     * becomes a new zone of its own. Used by sandbox scenarios (a listing, a private list zone).
     *
     * @throws IOException when a line is not a valid record (the message names it)
     */
    public ZoneAnswerer with(java.util.Map<String, List<String>> records) throws IOException {
        List<Zone> out = new ArrayList<>(zones);
        for (var e : records.entrySet()) {
            Name origin = DnsNames.name(e.getKey());
            Zone zone = out.stream().filter(z -> z.getOrigin().equals(origin)).findFirst().orElse(null);
            if (zone == null) {
                Name ns = Name.concatenate(Name.fromConstantString("ns"), origin);
                zone = new Zone(origin, new Record[] {
                    new org.xbill.DNS.SOARecord(origin, org.xbill.DNS.DClass.IN, 300, ns,
                            Name.concatenate(Name.fromConstantString("hostmaster"), origin), 1, 3600, 600, 86400, 60),
                    new org.xbill.DNS.NSRecord(origin, org.xbill.DNS.DClass.IN, 300, ns)});
                out.add(zone);
            }
            String text = "$ORIGIN " + origin + "\n$TTL 300\n" + String.join("\n", e.getValue()) + "\n";
            try (org.xbill.DNS.Master m = new org.xbill.DNS.Master(
                    new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), origin, 300)) {
                Record r;
                while ((r = m.nextRecord()) != null) zone.addRecord(r);
            } catch (IOException | RuntimeException ex) {
                throw new IOException("zone " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return new ZoneAnswerer(out);
    }

    public static Zone load(Path file) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.zone$", "");
        return new Zone(DnsNames.name(base), file.toString());
    }

    public Message answer(Message query) {
        Message resp = new Message(query.getHeader().getID());
        resp.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) resp.getHeader().setFlag(Flags.RD);
        Record q = query.getQuestion();
        if (q == null) {
            resp.getHeader().setRcode(Rcode.FORMERR);
            return resp;
        }
        resp.addRecord(q, Section.QUESTION);
        Zone zone = zoneFor(q.getName());
        if (zone == null) {
            resp.getHeader().setRcode(Rcode.REFUSED);
            return resp;
        }
        resp.getHeader().setFlag(Flags.AA);
        Name name = q.getName();
        for (int hops = 0; hops < 8; hops++) {
            SetResponse sr = zone.findRecords(name, q.getType());
            if (sr.isSuccessful()) {
                for (RRset set : sr.answers()) for (Record r : set.rrs()) resp.addRecord(r, Section.ANSWER);
                return resp;
            }
            if (sr.isCNAME()) {
                resp.addRecord(sr.getCNAME(), Section.ANSWER);
                name = sr.getCNAME().getTarget();
                Zone next = zoneFor(name);
                if (next == null) return resp;
                zone = next;
                continue;
            }
            if (sr.isNXDOMAIN()) resp.getHeader().setRcode(Rcode.NXDOMAIN);
            resp.addRecord(zone.getSOA(), Section.AUTHORITY);
            return resp;
        }
        return resp;
    }

    private Zone zoneFor(Name name) {
        Zone best = null;
        for (Zone z : zones) {
            if (name.subdomain(z.getOrigin()) && (best == null || z.getOrigin().labels() > best.getOrigin().labels())) best = z;
        }
        return best;
    }
}
