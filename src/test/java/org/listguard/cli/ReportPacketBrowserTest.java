package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;
import org.listguard.report.Json;
import org.listguard.testing.Chromium;
import org.listguard.testing.PdfText;

/**
 * The HTML evidence packet of real sandbox runs (issue 19), as headless Chromium renders and
 * prints it: on a 390 px phone and a 1280 px desktop the page never scrolls sideways, no visible
 * text (chart text included) is under 11 px, every batch's bar is as tall as the batch the journal
 * recorded (the same pixels per recipient for all), no two chart texts overprint; printed on A4 and
 * on Letter, the page count fits the content and no page ends on a heading. Screenshots at both
 * widths go to target/report-screenshots/.
 */
class ReportPacketBrowserTest {
    private static final Path SHOTS = Path.of("target", "report-screenshots");
    /** The print margins (report.css: 16 mm top and bottom) and paper heights in CSS px (96 per inch). */
    private static final double A4_CONTENT_PX = (297 - 32) / 25.4 * 96, LETTER_CONTENT_PX = (11 * 25.4 - 32) / 25.4 * 96;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"receiver-block", "receiver-block-resumed", "relay-block", "silent-discard", "long-200"})
    void theReportIsReadableOnAPhoneAndADesktopAndPrintsWithHeadingsKeptWithTheirContent(String scenario) throws Exception {
        Chromium chromium = Chromium.find(dir).orElse(null);
        org.listguard.testing.Peers.requireOrSkip(chromium != null, "headless Chromium is not installed (/usr/bin/chromium)",
                "install Debian's chromium (scripts/install-peers) to run the browser tests");
        SandboxWorld w = new SandboxWorld(dir);
        if (scenario.equals("long-200")) longList(w, 200, 10);
        // the long run is the clean world's, 20 batches of 10 (the throttle world pauses a 200-member run at its 5th 4.7.28)
        SandboxWorld.Result sent = scenario.equals("long-200") ? w.send(null) : w.send(scenario.replace("-resumed", ""));
        assertEquals(scenario.equals("long-200") ? 0 : 75, sent.code(), sent.toString());
        if (scenario.endsWith("-resumed")) { // as the README tells it: lift, send again; the held members go in later batches
            assertEquals(0, w.run("sandbox", "lift").code());
            SandboxWorld.Result resumed = w.send(scenario.replace("-resumed", ""));
            assertEquals(0, resumed.code(), resumed.toString());
        }
        String run = w.status().path("run").asText();
        assertFalse(run.isEmpty(), "status names the run: " + w.status());
        Path html = dir.resolve(scenario + ".html");
        SandboxWorld.Result wrote = w.run("report", run, "--sandbox", "--format", "html", "-o", html.toString());
        assertEquals(0, wrote.code(), wrote.toString());
        List<Integer> sizes = journaledBatchSizes(w, run);
        assertFalse(sizes.isEmpty(), "the run journaled its batches");

        String script = resource("report-measure.js");
        Files.createDirectories(SHOTS);
        double height800 = 0;
        for (int width : new int[] {390, 800, 1280}) {
            JsonNode m = measure(chromium, html, width, script);
            String at = scenario + " at " + width + " px: ";
            assertEquals(width, m.get("viewport").asInt(), at + "the viewport is as wide as asked");
            assertTrue(m.get("scrollWidth").asInt() <= m.get("clientWidth").asInt(), at + "the page scrolls sideways: " + m);
            assertEquals(0, m.get("wide").size(), at + "elements stick out of the page: " + m.get("wide"));
            assertTrue(m.get("texts").asInt() > 50 && m.get("chartTexts").asInt() > 5, at + "text was measured, charts too: " + m);
            assertTrue(m.get("minFont").asDouble() >= 11, at + "the smallest text is " + m.get("minFont") + " px: " + m.get("minFontText"));
            assertEquals(0, m.get("overlaps").size(), at + "chart texts overprint: " + m.get("overlaps"));
            bars(at, m.get("bars"), sizes);
            counts(at, m);
            if (width == 800) height800 = m.get("height").asDouble();
            else {
                int h = Math.min(16_000, m.get("height").asInt() + 10);
                Files.copy(chromium.screenshotAt(html, width, h), SHOTS.resolve(scenario + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (width == 1280) printed(chromium, html, scenario, m, height800);
        }
    }

    /** Every bar as tall as its journaled batch, at one scale: the tallest bar's pixels per recipient. */
    private static void bars(String at, JsonNode bars, List<Integer> sizes) {
        assertEquals(sizes.size(), bars.size(), at + "one bar per journaled batch: " + bars + " for " + sizes);
        int tallest = 0;
        for (int i = 1; i < sizes.size(); i++) if (sizes.get(i) > sizes.get(tallest)) tallest = i;
        double perRecipient = bars.get(tallest).get("height").asDouble() / sizes.get(tallest);
        assertTrue(perRecipient > 0, at + "bars are drawn: " + bars);
        for (int i = 0; i < sizes.size(); i++) {
            assertEquals(i + 1, bars.get(i).get("batch").asInt(), at + "bars in batch order: " + bars);
            double expected = sizes.get(i) == 0 ? 1 : sizes.get(i) * perRecipient;
            assertEquals(expected, bars.get(i).get("height").asDouble(), 1.0,
                    at + "batch " + (i + 1) + " sent " + sizes.get(i) + ": its bar is " + bars.get(i).get("height") + " px, "
                            + perRecipient + " px a recipient: " + bars + " for " + sizes);
        }
    }

    /** The sentences' counts are the rows listed under them (the refusals: all are listed, these runs have fewer than 500). */
    private static void counts(String at, JsonNode m) {
        Matcher refused = Pattern.compile("^(\\d+) recipient\\(s\\) were tried and not accepted").matcher(m.get("refusalsText").asText());
        assertTrue(refused.find(), at + m.get("refusalsText"));
        assertEquals(Integer.parseInt(refused.group(1)), m.get("refusalRows").asInt(), at + "refusals listed: " + m.get("refusalsText"));
        String dsns = m.get("dsnsText").asText();
        if (m.get("dsnRows").asInt() == 0) assertTrue(dsns.startsWith("No DSN or complaint"), at + dsns);
        else assertTrue(dsns.startsWith(m.get("dsnRows").asInt() + " bounce(s) and complaint(s) are journaled"), at + dsns + " over " + m.get("dsnRows") + " rows");
    }

    private void printed(Chromium chromium, Path html, String scenario, JsonNode m, double height800) throws Exception {
        Set<String> headings = new HashSet<>();
        for (JsonNode h : m.get("headings")) headings.add(h.asText().replaceAll("\\s+", " ").strip());
        for (String paper : List.of("A4", "letter")) {
            Path pdf = chromium.printToPdf(html, paper);
            Files.copy(pdf, SHOTS.resolve(scenario + "-" + paper + ".pdf"), StandardCopyOption.REPLACE_EXISTING);
            List<String> pages = PdfText.pages(pdf);
            double perPage = paper.equals("A4") ? A4_CONTENT_PX : LETTER_CONTENT_PX;
            int expected = (int) Math.ceil(height800 / perPage);
            String at = scenario + " on " + paper + ": ";
            assertTrue(pages.size() >= 1 && pages.size() <= expected + 2,
                    at + pages.size() + " pages for content " + Math.round(height800) + " px tall at print width (" + expected + " pages of it)");
            for (int i = 0; i < pages.size() - 1; i++) {
                List<String> lines = pages.get(i).lines().map(l -> l.replaceAll("\\s+", " ").strip()).filter(l -> !l.isEmpty()).toList();
                assertFalse(lines.isEmpty(), at + "page " + (i + 1) + " is blank");
                String last = lines.get(lines.size() - 1);
                assertFalse(headings.contains(last), at + "page " + (i + 1) + " ends with the heading \"" + last + "\"");
            }
        }
    }

    private static JsonNode measure(Chromium chromium, Path html, int width, String script) throws Exception {
        String out = chromium.measure(html, width, script);
        assertFalse(out.startsWith("ERROR") || out.startsWith("not measured"), "the measuring script: " + out);
        return Json.mapper().readTree(out);
    }

    private static List<Integer> journaledBatchSizes(SandboxWorld w, String run) {
        List<Integer> sizes = new ArrayList<>();
        try (Journal j = Journal.open(w.journal, Clock.systemUTC())) {
            for (Journaled e : j.runEvents().list(run)) if (e.record() instanceof RunRecord.Batch b) sizes.add(b.size());
        }
        return sizes;
    }

    /** The world's campaign sends to {@code n} members of the sandbox's three providers, {@code batch} a batch. */
    private static void longList(SandboxWorld w, int n, int batch) throws IOException {
        Path list = w.dir.resolve("members-" + n + ".csv");
        StringBuilder csv = new StringBuilder("email,first_name,last_name,member_since\n");
        String[] domains = {"example.com", "example.net", "example.org"};
        for (int i = 1; i <= n; i++) csv.append("member").append(i).append('@').append(domains[i % 3]).append(",Member,No").append(i).append(",2020\n");
        Files.writeString(list, csv);
        String yaml = Files.readString(w.config);
        String members = Path.of("").toAbsolutePath().resolve("lists/members.csv").toString();
        assertTrue(yaml.contains(members) && yaml.contains("batch_size: 100"), "the example config as this test knows it");
        Files.writeString(w.config, yaml.replace(members, list.toString()).replace("batch_size: 100", "batch_size: " + batch));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportPacketBrowserTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException(name + " is missing from the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
