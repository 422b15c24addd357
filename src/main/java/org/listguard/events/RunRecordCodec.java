package org.listguard.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.listguard.events.RunRecord.Again;
import org.listguard.events.RunRecord.Batch;
import org.listguard.events.RunRecord.BlockedUncorroborated;
import org.listguard.events.RunRecord.Bounce;
import org.listguard.events.RunRecord.CanarySent;
import org.listguard.events.RunRecord.EgressLearned;
import org.listguard.events.RunRecord.Failover;
import org.listguard.events.RunRecord.Forced;
import org.listguard.events.RunRecord.Interrupted;
import org.listguard.events.RunRecord.MemberNeedsLook;
import org.listguard.events.RunRecord.NamedZoneChecked;
import org.listguard.events.RunRecord.Planned;
import org.listguard.events.RunRecord.PlannedOnResume;
import org.listguard.events.RunRecord.ProviderResumed;
import org.listguard.events.RunRecord.ProviderSuspended;
import org.listguard.events.RunRecord.RateRecovered;
import org.listguard.events.RunRecord.Resumed;
import org.listguard.events.RunRecord.ResumedAfterWait;
import org.listguard.events.RunRecord.ReturnPathSkipped;
import org.listguard.events.RunRecord.ReturnPathUnreadable;
import org.listguard.events.RunRecord.SeedArrived;
import org.listguard.events.RunRecord.SeedMailboxUnreachable;
import org.listguard.events.RunRecord.SeedOverdue;
import org.listguard.events.RunRecord.SeedPlaced;
import org.listguard.events.RunRecord.SeedRefused;
import org.listguard.events.RunRecord.SeedRefusedDownstream;
import org.listguard.events.RunRecord.SeedSent;
import org.listguard.events.RunRecord.SlowDown;
import org.listguard.events.RunRecord.Unreadable;
import org.listguard.reply.Action;

/**
 * The journaled form of a {@link RunRecord}: its {@link RunRecord#kind()} and a JSON object
 * detail whose snake_case field names are those the journal has always held (reports, scripts and
 * tests read them), plus {@code "v": }{@value #VERSION}, the schema version.
 *
 * <p>Versioning: a row without {@code v} was written before the schema had a number and has the
 * same fields as version 1, so it reads the same. A row whose {@code v} is greater than
 * {@value #VERSION} (a newer listguard wrote it), of a kind this version does not know, whose
 * detail does not parse, or that lacks a required field reads as {@link Unreadable} with the text
 * as stored: {@link #decode} never throws. A field added later is optional for its readers; a
 * field renamed or removed takes a new version number.
 */
public final class RunRecordCodec {
    /** The schema version this code writes and the newest it reads. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRecordCodec() {}

    /** A detail this version cannot read (a missing required field, a wrong type); becomes {@link Unreadable}. */
    static final class Bad extends RuntimeException {
        Bad(String why) {
            super(why, null, false, false);
        }
    }

    /** The detail to store: compact JSON, {@code v} first. An {@link Unreadable} is stored as it was read. */
    public static String encode(RunRecord r) {
        if (r instanceof Unreadable u) return u.raw();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("v", VERSION);
        n.setAll(fields(r));
        return write(n);
    }

    /**
     * The detail as views show it: the record's fields without the version, in the schema's order;
     * an {@link Unreadable}'s text as stored (null when none).
     */
    public static String shown(RunRecord r) {
        return r instanceof Unreadable u ? u.raw() : write(fields(r));
    }

    /** Reads a journaled row; never throws (see the class comment). */
    public static RunRecord decode(String kind, String detail) {
        if (kind == null) return new Unreadable(null, detail);
        try {
            JsonNode n = detail == null || detail.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(detail);
            if (n == null || !n.isObject()) return new Unreadable(kind, detail);
            JsonNode v = n.get("v");
            if (v != null && (!v.isInt() || v.asInt() < 1 || v.asInt() > VERSION)) return new Unreadable(kind, detail);
            RunRecord r = read(kind, n);
            return r == null ? new Unreadable(kind, detail) : r;
        } catch (JsonProcessingException | Bad | IllegalArgumentException e) {
            return new Unreadable(kind, detail);
        }
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a run record as JSON", e);
        }
    }

    // ---- writing: one branch per record, fields in the order the journal has always had them ----

    static ObjectNode fields(RunRecord r) {
        Fields f = new Fields();
        if (r instanceof Batch b) {
            f.put("batch", b.batch()).put("size", b.size());
            if (!b.seqs().isEmpty()) {
                com.fasterxml.jackson.databind.node.ArrayNode a = f.n.putArray("seqs");
                for (long q : b.seqs()) a.add(q);
            }
        } else if (r instanceof Planned p) {
            f.put("rows", p.rows()).put("to_send", p.toSend());
        } else if (r instanceof PlannedOnResume p) {
            f.put("resumed_at_row", p.resumedAtRow());
        } else if (r instanceof Resumed x) {
            f.put("verdict", x.verdict()).put("forced", x.forced()).put("previous_state", x.previousState());
        } else if (r instanceof ResumedAfterWait x) {
            f.put("after_wait_seconds", x.afterWaitSeconds());
        } else if (r instanceof Again a) {
            f.put("reason", a.reason());
        } else if (r instanceof Forced x) {
            f.put("verdict", x.verdict());
        } else if (r instanceof Interrupted i) {
            f.put("signal", i.signal());
        } else if (r instanceof SlowDown s) {
            f.put("reason", s.reason()).put("rate_factor", s.rateFactor());
            f.n.set("evidence", s.evidence() == null ? JsonNodeFactory.instance.objectNode() : EvidenceJson.write(s.evidence()));
        } else if (r instanceof RateRecovered x) {
            f.put("rate_factor", x.rateFactor());
        } else if (r instanceof Failover x) {
            f.put("from", x.from()).put("to", x.to()).put("reason", x.reason()).put("verdict", x.verdict());
            f.n.set("evidence", EvidenceJson.write(x.evidence()));
        } else if (r instanceof BlockedUncorroborated b) {
            f.put("members", b.members());
        } else if (r instanceof ProviderSuspended s) {
            f.put("provider", s.provider()).put("reason", s.reason());
            if (s.evidence() != null) f.n.set("evidence", EvidenceJson.write(s.evidence()));
            if (s.remembered()) f.put("remembered", true);
        } else if (r instanceof ProviderResumed p) {
            f.put("provider", p.provider()).put("released", p.released());
        } else if (r instanceof CanarySent c) {
            f.put("provider", c.provider()).put("seq", c.seq()).put("domain", c.domain());
        } else if (r instanceof EgressLearned e) {
            f.put("ip", e.ip()).put("source", e.source()).put("witnesses", e.witnesses()).put("receiver", e.receiver())
                    .put("in_relays_ips", e.inRelaysIps()).put("zone", e.zone());
        } else if (r instanceof NamedZoneChecked z) {
            f.put("ip", z.ip()).put("zone", z.zone()).put("answer", z.answer());
        } else if (r instanceof ReturnPathUnreadable u) {
            f.put("mailbox", u.mailbox()).put("error", u.error());
        } else if (r instanceof ReturnPathSkipped s) {
            f.put("source", s.source()).put("why", s.why());
        } else if (r instanceof Bounce b) {
            f.put("action", b.action().json()).put("reason", b.reason()).put("recipient", b.recipient()).put("status", b.status())
                    .put("reply_code", b.replyCode()).put("diagnostic", b.diagnostic()).put("remote_host", b.remoteHost())
                    .put("kind", b.reportKind()).put("report", b.report()).put("source", b.source()).put("run", b.run())
                    .put("seq", b.seq()).put("matched_by", b.matchedBy()).put("processed_at", b.processedAt())
                    .put("reporting_mta", b.reportingMta()).put("dsn_action", b.dsnAction());
        } else if (r instanceof MemberNeedsLook m) {
            f.put("address", m.address()).put("reason", m.reason()).put("why", m.why());
            if (m.by() != null) f.put("by", m.by());
        } else if (r instanceof SeedSent s) {
            f.put("seed", s.seed()).put("message_id", s.messageId()).put("marker", s.marker()).put("relay", s.relay())
                    .put("reply", s.reply()).put("accepted_at", s.acceptedAt()).put("queue_id", s.queueId());
        } else if (r instanceof SeedRefused s) {
            f.put("seed", s.seed()).put("message_id", s.messageId()).put("marker", s.marker()).put("relay", s.relay())
                    .put("reply", s.reply()).put("action", s.action() == null ? null : s.action().json()).put("reason", s.reason());
        } else if (r instanceof SeedArrived s) {
            f.put("seed", s.seed()).put("message_id", s.messageId()).put("after_seconds", s.afterSeconds())
                    .put("egress_ip", s.egressIp()).put("cleared_blocks_of", s.clearedBlocksOf());
        } else if (r instanceof SeedRefusedDownstream s) {
            f.put("seed", s.seed()).put("message_id", s.messageId()).put("relay", s.relay())
                    .put("action", s.action() == null ? null : s.action().json()).put("reason", s.reason()).put("status", s.status())
                    .put("diagnostic", s.diagnostic()).put("reporting_mta", s.reportingMta()).put("remote_mta", s.remoteMta())
                    .put("egress_ip", s.egressIp()).put("zone", s.zone()).put("after_seconds", s.afterSeconds());
        } else if (r instanceof SeedOverdue s) {
            f.put("reason", s.reason());
            f.n.set("evidence", EvidenceJson.write(s.evidence()));
        } else if (r instanceof SeedMailboxUnreachable u) {
            f.put("mailbox", u.mailbox()).put("error", u.error());
        } else if (r instanceof SeedPlaced p) {
            f.put("seed", p.seed()).put("provider", p.provider()).put("placement", p.placement().json()).put("folder", p.folder())
                    .put("message_id", p.messageId()).put("relay", p.relay()).put("after_seconds", p.afterSeconds());
            JsonNode v = JSON.valueToTree(p.verdict().json()); // authentication, spam, authserv_id, egress_ip, received, ignored
            v.fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue()));
        } else {
            throw new IllegalArgumentException("no fields for " + r); // Unreadable has none: it is stored as read
        }
        return f.n;
    }

    /** An ordered object that leaves nulls out (as every listguard JSON does). */
    private static final class Fields {
        final ObjectNode n = JsonNodeFactory.instance.objectNode();

        Fields put(String name, String v) {
            if (v != null) n.put(name, v);
            return this;
        }

        Fields put(String name, Number v) {
            if (v instanceof Integer i) n.put(name, i);
            else if (v instanceof Long l) n.put(name, l);
            else if (v instanceof Double d) n.put(name, d);
            return this;
        }

        Fields put(String name, boolean v) {
            n.put(name, v);
            return this;
        }

        Fields put(String name, JsonNode v) {
            if (v != null && !v.isNull()) n.set(name, v);
            return this;
        }
    }

    // ---- reading: null for a kind this version does not know ----

    private static RunRecord read(String kind, JsonNode n) {
        if (kind.startsWith("bounce-")) return bounce(Action.parse(kind.substring("bounce-".length())), n);
        switch (kind) {
            case "batch": return new Batch(integer(n, "batch"), integer(n, "size"), longs(n.get("seqs")));
            case "planned": return n.has("resumed_at_row") ? new PlannedOnResume(lng(n, "resumed_at_row"))
                    : new Planned(lng(n, "rows"), lng(n, "to_send"));
            case "resumed": return n.has("after_wait_seconds") ? new ResumedAfterWait(lng(n, "after_wait_seconds"))
                    : new Resumed(str(n, "verdict"), bool(n, "forced"), str(n, "previous_state"));
            case "again": return new Again(str(n, "reason"));
            case "forced": return new Forced(str(n, "verdict"));
            case "interrupted": return new Interrupted(str(n, "signal"));
            case "slow_down": return new SlowDown(str(n, "reason"), dbl(n, "rate_factor"), EvidenceJson.read(n.get("evidence")));
            case "rate_recovered": return new RateRecovered(dbl(n, "rate_factor"));
            case "failover": return new Failover(str(n, "from"), str(n, "to"), str(n, "reason"), str(n, "verdict"), list(n));
            case "blocked_uncorroborated": return new BlockedUncorroborated(lng(n, "members"));
            case "provider_suspended": return new ProviderSuspended(str(n, "provider"), str(n, "reason"),
                    EvidenceJson.readList(n.get("evidence")), n.path("remembered").asBoolean(false));
            case "provider_resumed": return new ProviderResumed(str(n, "provider"), integer(n, "released"));
            case "canary_sent": return new CanarySent(str(n, "provider"), lng(n, "seq"), str(n, "domain"));
            case "egress_learned": return new EgressLearned(str(n, "ip"), str(n, "source"),
                    n.hasNonNull("witnesses") ? integer(n, "witnesses") : null, str(n, "receiver"),
                    n.path("in_relays_ips").asBoolean(false), str(n, "zone"));
            case "named_zone_checked": return new NamedZoneChecked(str(n, "ip"), str(n, "zone"), str(n, "answer"));
            case "return_path_unreadable": return new ReturnPathUnreadable(str(n, "mailbox"), str(n, "error"));
            case "return_path_skipped": return new ReturnPathSkipped(str(n, "source"), str(n, "why"));
            case "member_needs_look": return new MemberNeedsLook(str(n, "address"), str(n, "reason"), str(n, "why"), str(n, "by"));
            case "seed_sent": return new SeedSent(str(n, "seed"), str(n, "message_id"), str(n, "marker"), str(n, "relay"),
                    str(n, "reply"), str(n, "accepted_at"), str(n, "queue_id"));
            case "seed_refused": return new SeedRefused(str(n, "seed"), str(n, "message_id"), str(n, "marker"), str(n, "relay"),
                    str(n, "reply"), action(n), str(n, "reason"));
            case "seed_arrived": return new SeedArrived(str(n, "seed"), str(n, "message_id"), lng(n, "after_seconds"),
                    str(n, "egress_ip"), str(n, "cleared_blocks_of"));
            case "seed_refused_downstream": return new SeedRefusedDownstream(str(n, "seed"), str(n, "message_id"), str(n, "relay"),
                    action(n), str(n, "reason"), str(n, "status"), str(n, "diagnostic"), str(n, "reporting_mta"),
                    str(n, "remote_mta"), str(n, "egress_ip"), str(n, "zone"), lng(n, "after_seconds"));
            case "seed_overdue": return new SeedOverdue(str(n, "reason"), list(n));
            case "seed_mailbox_unreachable": return new SeedMailboxUnreachable(str(n, "mailbox"), str(n, "error"));
            case "seed_placed": return seedPlaced(n);
            default: return null;
        }
    }

    private static Bounce bounce(Action action, JsonNode n) {
        return new Bounce(action, str(n, "reason"), str(n, "recipient"), str(n, "status"),
                n.hasNonNull("reply_code") ? integer(n, "reply_code") : null, str(n, "diagnostic"), str(n, "remote_host"),
                str(n, "kind"), str(n, "report"), str(n, "source"), str(n, "run"), lng(n, "seq"), str(n, "matched_by"),
                str(n, "processed_at"), str(n, "reporting_mta"), str(n, "dsn_action"));
    }

    private static List<org.listguard.guard.Evidence> list(JsonNode n) {
        List<org.listguard.guard.Evidence> l = EvidenceJson.readList(n.get("evidence"));
        return l == null ? List.of() : l;
    }

    private static Action action(JsonNode n) {
        String a = str(n, "action");
        return a == null ? null : Action.parse(a);
    }

    private static SeedPlaced seedPlaced(JsonNode n) {
        String placement = str(n, "placement");
        if (placement == null || str(n, "seed") == null) throw new Bad("seed_placed needs seed and placement");
        org.listguard.placement.Placement p = org.listguard.placement.Placement.valueOf(placement.toUpperCase(java.util.Locale.ROOT));
        JsonNode a = n.path("authentication");
        var auth = new org.listguard.placement.ReceiverVerdict.Authentication(str(a, "spf"), str(a, "dkim"), str(a, "dmarc"));
        JsonNode sp = n.get("spam");
        org.listguard.placement.ReceiverVerdict.Spam spam = null;
        if (sp != null && sp.isObject()) {
            java.util.List<String> rules = new java.util.ArrayList<>();
            sp.path("rules").forEach(x -> rules.add(x.asText()));
            spam = new org.listguard.placement.ReceiverVerdict.Spam(str(sp, "engine"), sp.path("score").isNumber() ? sp.get("score").asDouble() : null,
                    sp.path("threshold").isNumber() ? sp.get("threshold").asDouble() : null,
                    sp.path("flagged").isBoolean() ? sp.get("flagged").asBoolean() : null, rules);
        }
        java.util.List<String> ignored = new java.util.ArrayList<>();
        n.path("ignored").forEach(x -> ignored.add(x.asText()));
        return new SeedPlaced(str(n, "seed"), str(n, "provider"), p, str(n, "folder"), str(n, "message_id"), str(n, "relay"),
                lng(n, "after_seconds"), new org.listguard.placement.ReceiverVerdict(str(n, "authserv_id"), auth, spam, str(n, "received"),
                        str(n, "egress_ip"), ignored));
    }

    /** A text field; null when absent (text fields are optional: every writer leaves nulls out). */
    private static String str(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isContainerNode()) throw new Bad(name + " is not a value");
        return v.asText();
    }

    /** A required number. */
    private static JsonNode number(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isNumber()) throw new Bad(name + " is missing or not a number");
        return v;
    }

    private static int integer(JsonNode n, String name) {
        JsonNode v = number(n, name);
        if (!v.canConvertToInt()) throw new Bad(name + " is out of range");
        return v.asInt();
    }

    /** A JSON array of whole numbers; empty when absent or not an array (older records). */
    private static List<Long> longs(JsonNode a) {
        if (a == null || !a.isArray()) return List.of();
        List<Long> l = new java.util.ArrayList<>(a.size());
        for (JsonNode x : a) {
            if (!x.isIntegralNumber() || !x.canConvertToLong()) throw new Bad("seqs: not a whole number");
            l.add(x.asLong());
        }
        return l;
    }

    private static long lng(JsonNode n, String name) {
        JsonNode v = number(n, name);
        if (!v.canConvertToLong()) throw new Bad(name + " is out of range");
        return v.asLong();
    }

    private static double dbl(JsonNode n, String name) {
        return number(n, name).asDouble();
    }

    /** A required boolean. */
    private static boolean bool(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isBoolean()) throw new Bad(name + " is missing or not a boolean");
        return v.asBoolean();
    }
}
