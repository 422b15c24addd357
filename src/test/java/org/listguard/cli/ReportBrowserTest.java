package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Run;
import org.listguard.testing.Chromium;

/** The HTML report as a browser renders it: headless Chromium's DOM and a screenshot (skipped only where Chromium is absent). */
class ReportBrowserTest {
    @TempDir
    Path dir;

    private Chromium chromium() {
        Optional<Chromium> c = Chromium.find(dir);
        org.listguard.testing.Peers.requireOrSkip(c.isPresent(), "headless Chromium is not installed (/usr/bin/chromium)",
                "install Debian's chromium (scripts/install-peers) to run the browser tests");
        return c.get();
    }

    private Path html(JournalCliFixture f, Run run) {
        Path file = dir.resolve(run.id() + ".html");
        assertEquals(0, f.run("report", run.id(), "--format", "html", "-o", file.toString(), "--journal", f.url), f.err.toString());
        return file;
    }

    /** The chart's SVG element, by its class. */
    private static String svg(String dom, String cls) {
        Matcher m = Pattern.compile("(?s)<svg class=\"chart " + cls + "\".*?</svg>").matcher(dom);
        assertTrue(m.find(), "no " + cls + " chart in the DOM");
        return m.group();
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }

    @Test
    void aPausedRunShowsVerdictAdviceTheWholeReplyAndChartsWithOneMarkPerBatch() throws Exception {
        Chromium chromium = chromium();
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = ReportRuns.paused(f);
        String dom = chromium.dumpDom(html(f, run));

        assertTrue(dom.contains("<p class=\"words\">Paused</p>"), "the verdict in words");
        assertTrue(dom.contains("receivers rejected mail for the sending IP's reputation"), "why");
        String advice = dom.substring(dom.indexOf("id=\"advice\""), dom.indexOf("id=\"evidence\""));
        assertTrue(advice.contains("Cloudmark Sender Intelligence"), "the advice status gives: " + advice);
        assertTrue(advice.contains("https://csi.cloudmark.com/reset-request/?ip=198.51.100.25"), advice);
        assertTrue(advice.contains("listguard send --journal " + f.url + " --campaign monthly --yes"), "runs as printed: " + advice);
        assertFalse(advice.contains("DELIVERABILITY.md") || advice.contains("context/"), "no internal references: " + advice);

        String evidence = dom.substring(dom.indexOf("id=\"evidence\""), dom.indexOf("id=\"audit\""));
        assertTrue(evidence.contains("<dd class=\"reply\">" + ReportRuns.CLOUDMARK.replace("'", "'") + "</dd>"), "the exact reply, whole: " + evidence);
        assertTrue(evidence.contains("<dt>Egress IP</dt><dd>198.51.100.25</dd>"), evidence);
        assertTrue(evidence.contains("<dt>Receiving provider</dt><dd>orange.fr</dd>"), evidence);
        assertTrue(evidence.contains("<pre class=\"copy\">"), "a copy-ready block");
        assertTrue(evidence.contains("Exact SMTP reply: " + ReportRuns.CLOUDMARK.replace("'", "'")), evidence);
        assertTrue(dom.contains("rdns-generic"), "the gate's audit findings");

        String batches = svg(dom, "chart-batches");
        assertEquals(2, count(batches, "<g class=\"batch\""), "one mark per batch");
        assertEquals(1, count(batches, "class=\"marker marker-pause\""), "the pause marker");
        assertEquals(3, count(svg(dom, "chart-providers"), "<g class=\"provider\""), "one bar per provider tried");
        svg(dom, "chart-dsn-delays");

        String refusals = dom.substring(dom.indexOf("id=\"refusals\""), dom.indexOf("id=\"dsns\""));
        assertTrue(refusals.contains("7 pending recipient(s) were never tried"), "never-tried rows are a count: " + refusals);
        assertFalse(refusals.contains("member12@"), "never-tried rows are not listed");
        assertTrue(refusals.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "remote text is escaped");
        assertFalse(dom.contains("<script"), "no script element at all");
        assertFalse(dom.matches("(?s).*(src=|href=|<link|@import|url\\().*"), "nothing fetched");
    }

    @Test
    void aCompletedRunSaysSoAndChartsEachBatch() throws Exception {
        Chromium chromium = chromium();
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = ReportRuns.completed(f);
        String dom = chromium.dumpDom(html(f, run));

        assertTrue(dom.contains("<p class=\"words\">Completed</p>"), "the verdict in words");
        assertTrue(dom.contains("9 of 9 accepted by the relay"), dom);
        assertTrue(dom.contains("Nothing: the run is not paused."), "what to do now");
        assertEquals(3, count(svg(dom, "chart-batches"), "<g class=\"batch\""), "one mark per batch");
        assertFalse(dom.contains("{\""), "no raw JSON anywhere");
        assertTrue(dom.contains("rows: 9; to send: 9"), "events in words");
        String delays = svg(dom, "chart-dsn-delays");
        assertTrue(delays.contains("5–15 min: 1 DSN(s)"), "member2's DSN, 10+ minutes after it was accepted: " + delays);
        assertTrue(dom.contains("550 5.1.1 &lt;member2@example.net&gt;: user unknown"), "the DSN listed");
    }

    @Test
    void theTopOfThePausedReportIsNotBlank() throws Exception {
        Chromium chromium = chromium();
        JournalCliFixture f = new JournalCliFixture(dir);
        Path report = html(f, ReportRuns.paused(f));
        Path png = chromium.screenshot(report, 1280, 1600);
        Files.copy(report, Path.of("target", "report-paused.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 1280 && img.getHeight() >= 800, img.getWidth() + "x" + img.getHeight());
        long ink = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 800; y++) {
            for (int x = 0; x < 1280; x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff) ink++;
                if (colours.size() < 64) colours.add(rgb);
            }
        }
        assertTrue(ink > 1280 * 800 / 50, "more than 2 % of the top 1280x800 is drawn: " + ink);
        assertTrue(colours.size() >= 8, "text and the verdict's colours: " + colours.size());
        Files.copy(png, Path.of("target", "report-paused.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
