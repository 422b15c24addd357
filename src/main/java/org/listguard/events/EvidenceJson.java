package org.listguard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.listguard.guard.Evidence;

/**
 * The one JSON shape of a guard {@link Evidence}, in a run record and in a paused run's
 * {@code pause_evidence} alike: {@code at, kind, relay, recipient_domain, reply_code, enhanced_code,
 * text, source, seed, message_id, queue_id}; nulls left out; {@code at} ISO-8601 UTC.
 */
public final class EvidenceJson {
    private EvidenceJson() {}

    /** A paused run's evidence, as {@code runs.pause_evidence} keeps it. */
    public static String text(List<Evidence> evidence) {
        return write(evidence).toPrettyString();
    }

    static ObjectNode write(Evidence e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        put(n, "at", e.at() == null ? null : e.at().toString());
        put(n, "kind", e.kind());
        put(n, "relay", e.relay());
        put(n, "recipient_domain", e.recipientDomain());
        if (e.replyCode() != null) n.put("reply_code", e.replyCode());
        put(n, "enhanced_code", e.enhancedCode());
        put(n, "text", e.text());
        put(n, "source", e.source());
        put(n, "seed", e.seed());
        put(n, "message_id", e.messageId());
        put(n, "queue_id", e.queueId());
        return n;
    }

    static ArrayNode write(List<Evidence> evidence) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        evidence.forEach(e -> a.add(write(e)));
        return a;
    }

    /** Null for a missing, null or empty object (a slow-down without evidence is journaled {@code {}}). */
    static Evidence read(JsonNode n) {
        if (n == null || n.isNull() || (n.isObject() && n.isEmpty())) return null;
        if (!n.isObject()) throw new RunRecordCodec.Bad("evidence is not an object");
        JsonNode code = n.get("reply_code");
        if (code != null && !code.isNull() && !code.canConvertToInt()) throw new RunRecordCodec.Bad("reply_code is not a number");
        String at = text(n, "at");
        Instant when;
        try {
            when = at == null ? null : Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RunRecordCodec.Bad("evidence time is not ISO-8601: " + at);
        }
        return new Evidence(when, text(n, "kind"), text(n, "relay"), text(n, "recipient_domain"),
                code == null || code.isNull() ? null : code.asInt(), text(n, "enhanced_code"), text(n, "text"), text(n, "source"),
                text(n, "seed"), text(n, "message_id"), text(n, "queue_id"));
    }

    static List<Evidence> readList(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw new RunRecordCodec.Bad("evidence is not a list");
        List<Evidence> out = new ArrayList<>();
        for (JsonNode e : n) {
            Evidence x = read(e);
            if (x != null) out.add(x);
        }
        return out;
    }

    private static void put(ObjectNode n, String name, String value) {
        if (value != null) n.put(name, value);
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
