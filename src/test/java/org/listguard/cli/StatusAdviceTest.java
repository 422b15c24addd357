package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.guard.Evidence;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.report.Json;

/** `status` explains a pause and what to do, from the journaled evidence, through the real command line. */
class StatusAdviceTest {
    static final String AUDIT = """
            {"verdict":"go","findings":[
              {"check":"dnsbl","target":"198.51.100.25","role":"relay","source":"zen.spamhaus.org","status":"pass"},
              {"check":"rdns","target":"203.0.113.10","role":"origin","status":"pass"}]}""";
    static final Instant AT = Instant.parse("2026-11-01T09:00:00.250Z");
    static final String ORANGE = "550 5.7.1 Service refused, please try later. Client host blocked for spamming issues. "
            + "OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=192.0.2.77";
    static final String CISCO = "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.";
    static final String MICROSOFT = "550 5.7.1 Unfortunately, messages from [198.51.100.25] weren't sent. Please contact your Internet "
            + "service provider since part of their network is on our block list (S3150).";

    @TempDir
    Path dir;

    Run paused(JournalCliFixture f, String reason, Evidence... evidence) {
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run run = j.runs().create("monthly", AUDIT, false);
            j.runs().setState(run.id(), RunState.PAUSED, reason, Json.write(List.of(evidence)));
            return run;
        }
    }

    static Evidence reply(String kind, String text) {
        return new Evidence(AT, kind, "isp", "orange.fr", Integer.parseInt(text.substring(0, 3)), null, text, "receiver mx.orange.fr");
    }

    JsonNode json(JournalCliFixture f) throws Exception {
        assertEquals(0, f.run("status", "--journal", f.url, "--format", "json"), f.err.toString());
        return Json.mapper().readTree(f.out.toString());
    }

    static JsonNode advice(JsonNode status, String id) {
        for (JsonNode a : status.get("advice")) if (a.get("id").asText().equals(id)) return a;
        throw new AssertionError("no advice " + id + " in " + status.get("advice"));
    }

    @Test
    void aCloudmarkBlockPointsAtTheResetFormWithTheExactReplyAndTheDynamicRdnsWarning() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "receivers rejected mail for the sending IP's reputation", reply("reputation", ORANGE));
        assertEquals(0, f.run("status", "--journal", f.url));
        String text = f.out.toString();
        // the reply names 192.0.2.77 and a URL of its own: evidence, quoted; the advice uses the relay's
        // egress the gate audited (198.51.100.25) and the advice data's URL (issue 18: evidence is not advice)
        assertTrue(text.contains("https://csi.cloudmark.com/reset-request/?ip=198.51.100.25"), text);
        String todo = text.substring(text.indexOf("What to do:"));
        assertTrue(!todo.contains("192.0.2.77") && !todo.contains("http://csi.cloudmark.com"), "nothing of the reply's own text in what to do: " + todo);
        assertTrue(todo.contains("not one of your relay's known egress IPs"), todo);
        assertTrue(text.contains("\"" + ORANGE + "\""), "the exact reply, quoted: " + text);
        assertTrue(text.contains("2026-11-01T09:00:00.250Z"), "the time-stamped line: " + text);
        assertTrue(text.contains("dynamic"), "Cloudmark refuses dynamic-looking rDNS: " + text);
        assertTrue(text.contains("listguard send --journal " + f.url + " --campaign monthly --yes"), "how to resume, runnable as printed: " + text);

        JsonNode cm = advice(json(f), "cloudmark");
        assertEquals("https://csi.cloudmark.com/reset-request/?ip=198.51.100.25", cm.get("url").asText());
        assertEquals(ORANGE, cm.get("quote").asText());
        assertEquals("2026-11-01T09:00:00.250Z", cm.get("at").asText());
        assertTrue(cm.get("source").asText().contains("cloudmark"), cm.toString());
    }

    @Test
    void theJsonKeepsDesignsFieldsInOrderAndAddsOnlyAdvice() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "x", reply("reputation", ORANGE));
        JsonNode n = json(f);
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("run", "campaign", "state", "pause_reason", "total", "counts", "actions", "advice"), names);
    }

    @Test
    void aNewListingGetsTheZoneCatalogsDelistingUrlForTheListedIp() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "new listing between batches: 198.51.100.25 on zen.spamhaus.org",
                Evidence.listing(AT, "198.51.100.25", "zen.spamhaus.org", "127.0.0.4", "XBL: exploited host"));
        JsonNode n = json(f);
        JsonNode d = advice(n, "delist:zen.spamhaus.org");
        assertEquals("https://check.spamhaus.org/results/?query=198.51.100.25", d.get("url").asText());
        assertTrue(d.get("quote").asText().contains("127.0.0.4"), d.toString());
        assertEquals(2, n.get("advice").size(), "the delisting and how to resume, nothing repeated: " + n.get("advice"));
    }

    @Test
    void ciscoSaysThereIsNoRemovalWaitAndReduceVolume() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "the relay isp rejected mail", reply("reputation", CISCO));
        JsonNode t = advice(json(f), "cisco-talos");
        String steps = t.get("steps").toString();
        assertTrue(steps.contains("no removal") && steps.contains("reduce volume"), steps);
        assertEquals("https://talosintelligence.com/reputation_center/lookup?search=198.51.100.25", t.get("url").asText(),
                "the reply names no IP: the relay's egress IP from the gate's audit");
    }

    @Test
    void microsoftAsksForSndsAndJmrpAndTheSenderSupportForm() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "receivers rejected", reply("reputation", MICROSOFT));
        String steps = advice(json(f), "microsoft").get("steps").toString();
        assertTrue(steps.contains("SNDS") && steps.contains("JMRP") && steps.contains("olcsupport.office.com"), steps);
        assertTrue(steps.contains("S3150"), "the exact reply is quoted: " + steps);
    }

    @Test
    void aSilentDiscardNamesTheMessageToTraceAtTheRelay() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "silent discard suspected", new Evidence(AT, "seed", "isp", "seeds.example.com", 250, null,
                "seed seed@seeds.example.com accepted by relay isp", "seed", "seed@seeds.example.com", "<r.0.abc@example.org>", "4XyZ12"));
        String text;
        assertEquals(0, f.run("status", "--journal", f.url));
        text = f.out.toString();
        assertTrue(text.contains("<r.0.abc@example.org>") && text.contains("4XyZ12") && text.contains("2026-11-01T09:00:00.250Z"), text);
        assertTrue(text.contains("https://csi.cloudmark.com/reset-request/?ip=203.0.113.10"), "the origin IP, from the audit: " + text);
    }

    @Test
    void aRunThatIsNotPausedHasNoAdvice() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run r = j.runs().create("monthly", AUDIT, false);
            j.runs().setState(r.id(), RunState.COMPLETED, null, null);
        }
        JsonNode n = json(f);
        assertTrue(n.get("advice").isArray() && n.get("advice").isEmpty(), n.toString());
        assertEquals(0, f.run("status", "--journal", f.url));
        assertTrue(!f.out.toString().contains("What to do"), f.out.toString());
    }

    @Test
    void aUserAdviceFileComesFirstAndCanReplaceABundledAdvisor() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        paused(f, "x", reply("reputation", ORANGE));
        Path file = dir.resolve("advice.yaml");
        Files.writeString(file, """
                advisors:
                  - id: cloudmark
                    source: "our ISP's own instructions"
                    text: "OFR006"
                    title: "Call the ISP"
                    steps: ["Call +1 555 0100 and quote {quote}"]
                """);
        assertEquals(0, f.run("status", "--journal", f.url, "--advice", file.toString()));
        assertTrue(f.out.toString().contains("Call +1 555 0100 and quote the exact reply quoted under Evidence"), f.out.toString());
        assertTrue(f.out.toString().contains("\"" + ORANGE + "\""), "the reply itself, quoted as evidence: " + f.out);
    }

    @Test
    void aReplyQuotingAListguardCommandIsShownAsTheReceiverWroteIt() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        String hostile = "554 5.7.1 blocked; run listguard audit --force and listguard send --campaign x then `listguard status` please";
        paused(f, "the relay isp rejected mail: " + hostile, reply("reputation", hostile));
        Path config = dir.resolve("my conf.yaml");
        assertEquals(0, f.run("status", "--journal", f.url, "-c", config.toString()), f.err.toString());
        String text = f.out.toString();
        assertTrue(text.contains("\"" + hostile + "\""), "the evidence quotes the reply byte for byte: " + text);
        assertTrue(text.contains("State: paused — the relay isp rejected mail: " + hostile + "\n"), "the pause reason, as journaled: " + text);
        String todo = text.substring(text.indexOf("What to do:"));
        assertTrue(todo.contains("listguard send -c '" + config + "' --journal " + f.url + " --campaign monthly --yes"),
                "listguard's own advice still runs as printed: " + todo);
    }
}
