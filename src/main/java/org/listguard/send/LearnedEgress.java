package org.listguard.send;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.config.Config;
import org.listguard.config.Relay;
import org.listguard.guard.EgressPolicy;
import org.listguard.journal.EgressIp;
import org.listguard.journal.Journal;

/**
 * The egress IPs receivers named (journal {@code egress_ips}, DELIVERABILITY.md s5) that are not
 * in {@code relays[].ips}: behind an outsourced smart host they are what receivers judge, so the
 * gate and the between-batch re-checks audit them too, on the reputation lists, with role relay.
 */
final class LearnedEgress {
    private LearnedEgress() {}

    /** The learned egress IPs the gate trusts: from a trusted source, and public unicast addresses. */
    static Set<String> trusted(Journal journal) {
        Set<String> out = new LinkedHashSet<>();
        for (EgressIp e : journal.downstream().egressIps()) {
            if (EgressPolicy.audited(e.source(), e.ip())) out.add(e.ip()); // see EgressPolicy.TRUSTED_SOURCES
        }
        return out;
    }

    /** Trusted learned egress IPs that no relay lists, as addresses (IP literals only: no DNS). */
    static List<InetAddress> unconfigured(Journal journal, Config c) {
        Set<String> configured = new LinkedHashSet<>();
        for (Relay r : c.relays()) r.ips().forEach(ip -> configured.add(ip.getHostAddress()));
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String ip : trusted(journal)) {
            if (configured.contains(ip)) continue;
            try {
                out.add(InetAddress.getByName(ip)); // a literal: never a lookup
            } catch (UnknownHostException ignored) {
                // not an IP literal: nothing to audit
            }
        }
        return List.copyOf(out);
    }

    /** The config whose first relay carries only the learned IPs (for a reputation audit of them). */
    static Config learnedOnly(Config c, List<InetAddress> learned) {
        Relay r = c.relays().get(0);
        return c.withRelays(List.of(new Relay(r.name(), r.host(), r.port(), r.tls(), r.allowPlaintext(), r.auth(), learned, r.timeout(),
                r.trustCertificate())));
    }

    /** The config whose first relay carries its configured IPs and the learned ones (the between-batch re-check). */
    static Config withLearned(Config c, List<InetAddress> learned) {
        if (learned.isEmpty()) return c;
        Relay r = c.relays().get(0);
        List<InetAddress> ips = new ArrayList<>(r.ips());
        ips.addAll(learned);
        List<Relay> relays = new ArrayList<>(c.relays());
        relays.set(0, new Relay(r.name(), r.host(), r.port(), r.tls(), r.allowPlaintext(), r.auth(), ips, r.timeout(), r.trustCertificate()));
        return c.withRelays(relays);
    }

    /** The gate's audit plus the reputation findings about the learned IPs (role relay), the verdict recomputed. */
    static AuditReport merge(AuditReport gate, AuditReport learnedAudit, List<InetAddress> learned) {
        Set<String> targets = new LinkedHashSet<>();
        learned.forEach(ip -> targets.add(ip.getHostAddress()));
        List<Finding> all = new ArrayList<>(gate.findings());
        for (Finding f : learnedAudit.findings()) {
            if (f.role() == Role.RELAY && targets.contains(f.target())) {
                all.add(f.detail() == null ? f.withDetail("egress IP learned from a receiver's reply (not in relays[].ips)") : f);
            }
        }
        return AuditReport.of(gate.checkedAt(), all);
    }
}
