package org.listguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecordCodec;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Run;
import org.listguard.journal.RunStatus;
import org.listguard.journal.Timestamps;

/**
 * A run as JSON: the status shape of DESIGN.md (run, campaign, state, pause_reason, total,
 * counts, actions) extended with the run's times, relay, pause evidence, audit and events, and
 * the facts of the HTML report (advice, providers, batches, markers, refused / held / never_tried
 * counts, skip_reasons, dsns), and {@code recipients}, one object per recipient in seq order, streamed. Timestamps are ISO-8601
 * UTC with milliseconds; null fields are left out (as in every listguard JSON).
 */
public final class RunJson {
    private RunJson() {}

    public static void write(RunData data, Writer out) throws IOException {
        Run run = data.run();
        RunStatus s = data.status();
        JsonGenerator g = Json.mapper().getFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("run", run.id());
        g.writeStringField("campaign", run.campaign());
        g.writeStringField("state", run.state().db());
        g.writeFieldName("pause_reason");
        if (run.pauseReason() == null) g.writeNull();
        else g.writeString(run.pauseReason());
        g.writeNumberField("total", s.total());
        counts(g, "counts", s.counts());
        counts(g, "actions", s.actions());
        java.util.List<Map<String, Object>> seeds = SeedPlacements.of(data.events());
        if (!seeds.isEmpty()) {
            g.writeFieldName("seeds");
            Json.mapper().writeValue(g, seeds);
        }
        string(g, "started_at", Timestamps.format(run.startedAt()));
        string(g, "finished_at", Timestamps.format(run.finishedAt()));
        string(g, "relay", run.relay());
        g.writeBooleanField("forced", run.forced());
        embedded(g, "pause_evidence", run.pauseEvidence());
        embedded(g, "audit", run.audit());
        g.writeArrayFieldStart("events");
        for (Journaled e : data.events()) {
            g.writeStartObject();
            g.writeStringField("at", Timestamps.format(e.at()));
            g.writeStringField("kind", e.kind());
            if (e.record().provenance().isPresent()) g.writeStringField("provenance", e.record().provenance().get()); // who said it
            embedded(g, "detail", RunRecordCodec.shown(e.record())); // the record's fields, or an unreadable row's text
            g.writeEndObject();
        }
        g.writeEndArray();
        RunFacts facts = RunFacts.of(data);
        facts(g, data, facts);
        g.writeArrayFieldStart("recipients");
        try {
            data.rows().forEach(Set.of(), r -> recipient(g, r, facts));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private static void recipient(JsonGenerator g, RecipientRow r, RunFacts facts) {
        try {
            g.writeStartObject();
            g.writeNumberField("seq", r.seq());
            g.writeStringField("email", r.email());
            g.writeNumberField("list_line", r.listLine());
            g.writeStringField("status", r.status().db());
            g.writeNumberField("attempts", r.attempts());
            if (r.replyCode() != 0) g.writeStringField("reply_code", Integer.toString(r.replyCode()));
            string(g, "enhanced_code", r.enhancedCode());
            string(g, "reply", r.replyText());
            string(g, "stage", r.stage());
            string(g, "relay", r.relay());
            string(g, "updated_at", Timestamps.format(r.updatedAt()));
            string(g, "message_id", r.messageId());
            string(g, "queue_id", r.queueId());
            string(g, "action", r.action());
            string(g, "reason", r.reason());
            string(g, "skip_reason", r.skipReason());
            string(g, "next_attempt_at", Timestamps.format(r.nextAttemptAt()));
            g.writeStringField("provider", Providers.of(r.email()));
            int batch = facts.batchOf(r);
            if (batch > 0) g.writeNumberField("batch", batch);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts the HTML report shows: advice, outcomes per provider and per batch, markers, refusal counts, DSNs. */
    private static void facts(JsonGenerator g, RunData data, RunFacts f) throws IOException {
        g.writeFieldName("advice");
        Json.mapper().writeValue(g, data.advice());
        g.writeArrayFieldStart("providers");
        for (var e : f.providers()) {
            g.writeStartObject();
            g.writeStringField("provider", e.getKey());
            for (var c : e.getValue().tried(true).entrySet()) g.writeNumberField(c.getKey(), c.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("batches");
        for (RunFacts.Batch b : f.batches()) {
            g.writeStartObject();
            g.writeNumberField("batch", b.no());
            g.writeStringField("started_at", Timestamps.format(b.start()));
            for (var c : b.tally().tried(true).entrySet()) g.writeNumberField(c.getKey(), c.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("markers");
        for (RunFacts.Marker m : f.markers()) {
            g.writeStartObject();
            g.writeStringField("at", Timestamps.format(m.at()));
            g.writeStringField("kind", m.kind());
            g.writeNumberField("after_batch", m.afterBatch());
            g.writeStringField("label", m.label());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("refused", f.refusalCount());
        g.writeNumberField("held", f.total().held());
        g.writeNumberField("never_tried", f.untried());
        counts(g, "skip_reasons", f.skipReasons());
        g.writeArrayFieldStart("dsns");
        for (var d : data.dsns()) {
            g.writeStartObject();
            g.writeNumberField("seq", d.seq());
            g.writeStringField("address", d.address());
            string(g, "kind", d.kind());
            string(g, "action", d.action());
            string(g, "reason", d.reason());
            string(g, "enhanced_code", d.enhancedCode());
            if (d.replyCode() != 0) g.writeStringField("reply_code", Integer.toString(d.replyCode()));
            string(g, "diagnostic", d.diagnostic());
            string(g, "remote_host", d.remoteHost());
            string(g, "message_id", d.messageId());
            string(g, "accepted_at", Timestamps.format(d.sentAt()));
            string(g, "processed_at", Timestamps.format(d.at()));
            if (d.sentAt() != null && d.at() != null) g.writeNumberField("delay_seconds", java.time.Duration.between(d.sentAt(), d.at()).toSeconds());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void counts(JsonGenerator g, String name, Map<String, Long> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : m.entrySet()) g.writeNumberField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) g.writeStringField(name, v);
    }

    /** A JSON document kept as text in the journal, embedded as JSON (as a string if it does not parse). */
    private static void embedded(JsonGenerator g, String name, String json) throws IOException {
        if (json == null) return;
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            g.writeStringField(name, json);
            return;
        }
        g.writeFieldName(name);
        Json.mapper().writeTree(g, node);
    }
}
