package org.listguard.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.listguard.journal.Timestamps;

/**
 * The report's charts as inline SVG, drawn here (no JavaScript, no library, nothing fetched): they
 * render in any browser, print, and survive being mailed as one file. Each chart is an
 * {@code <svg role="img">} with a {@code <title>}; every mark carries a {@code <title>} tooltip with
 * its exact numbers, and every text is HTML-escaped.
 *
 * <p>The SVGs have no viewBox: horizontal positions are percentages of the page's width and
 * heights are CSS pixels, so a chart fills a 390 px phone or a desktop column and its text stays
 * at the stylesheet's size (a scaled-down viewBox shrank it to 4 px). Nothing the chart says is
 * written where it could overprint: the legend is HTML, markers are numbered badges that the list
 * under the chart explains, and badges closer than {@link #BADGE_GAP} % move aside or down a lane.
 */
final class Charts {
    static final Map<String, String> COLORS = Map.of("accepted", "#2e7d32", "deferred", "#f9a825", "held", "#ef6c00",
            "rejected", "#c62828", "unknown", "#6d4c41", "unconfirmed", "#7b1fa2", "later", "#bdbdbd");
    /** Sent in a batch, latest outcome journaled in a later one (a retry, a later verdict): the rest of the batch's bar. */
    static final String LATER = "later";
    /** Plot from 10 % to 98 % of the width: the gutter holds the y labels (24 px of it at 390 px). */
    private static final double L = 10, R = 98;
    /** Badge centres at least this far apart (7 % of a 300 px chart is 21 px; a badge is 18 px wide). */
    static final double BADGE_GAP = 7;
    private static final int PLOT_H = 170, LANE_H = 24;

    private Charts() {}

    /**
     * Outcomes per batch: one stacked bar per batch ({@code <g class="batch">}) as tall as the batch
     * the journal recorded ({@code sizes}, the {@code batch} records' sizes, in order), split by the
     * outcomes journaled during it; what was sent in it but answered later is the grey rest. The
     * run's markers are numbered badges between batches.
     */
    static String batches(List<RunFacts.Batch> batches, List<Integer> sizes, List<RunFacts.Marker> markers) {
        if (batches.isEmpty()) {
            return empty("chart-batches", "Outcomes per batch",
                    "No batch was recorded for this run (none was sent yet, or it was sent before listguard recorded batches).");
        }
        int n = batches.size();
        List<double[]> badges = badges(markers, n); // {badge x %, lane, marker x %}
        int lanes = 0;
        for (double[] b : badges) lanes = Math.max(lanes, (int) b[1] + 1);
        int top = 8 + lanes * LANE_H, bottom = top + PLOT_H, h = bottom + 40;
        StringBuilder sb = open("chart-batches", h, "Outcomes per batch, with pauses, suspensions and slow-downs");
        long max = 1;
        boolean later = false;
        for (int i = 0; i < n; i++) {
            long tried = batches.get(i).tally().tried();
            max = Math.max(max, Math.max(size(sizes, i), tried));
            later |= size(sizes, i) > tried;
        }
        double slot = (R - L) / n, bar = Math.min(slot * 0.75, 8);
        axis(sb, top, bottom, max);
        int labelEvery = (int) Math.ceil(n / 8.0);
        for (RunFacts.Batch b : batches) {
            int i = b.no() - 1;
            long size = size(sizes, i);
            double x = L + i * slot + (slot - bar) / 2;
            Map<String, Long> t = b.tally().tried(true);
            sb.append("<g class=\"batch\" data-batch=\"").append(b.no()).append("\" data-size=\"").append(size).append("\"><title>")
                    .append(RunHtml.esc("Batch " + b.no() + ", started " + Timestamps.format(b.start()) + " UTC: " + size + " sent; "
                            + describe(t) + (size > b.tally().tried() ? ", " + (size - b.tally().tried()) + " answered in a later batch" : "")))
                    .append("</title>");
            double y = bottom;
            if (size == 0 && b.tally().tried() == 0) sb.append(rect(x, y - 1, bar, 1, COLORS.get(LATER)));
            for (String k : RunFacts.OUTCOMES) {
                long c = t.get(k);
                if (c == 0) continue;
                double hh = (double) PLOT_H * c / max;
                y -= hh;
                sb.append(rect(x, y, bar, hh, COLORS.get(k)));
            }
            if (size > b.tally().tried()) {
                double hh = (double) PLOT_H * (size - b.tally().tried()) / max;
                sb.append(rect(x, y - hh, bar, hh, COLORS.get(LATER)));
            }
            sb.append("</g>");
            if (i % labelEvery == 0) sb.append(text(x + bar / 2, bottom + 16, "middle", "tick", Integer.toString(b.no())));
        }
        sb.append(text((L + R) / 2, h - 4, "middle", "axis-label", "batch"));
        for (int j = 0; j < markers.size(); j++) {
            RunFacts.Marker m = markers.get(j);
            double[] b = badges.get(j);
            String cls = markerClass(m);
            String color = cls.equals("pause") ? "#c62828" : cls.equals("suspend") ? "#6a1b9a" : "#455a64";
            double cy = 8 + b[1] * LANE_H + 9;
            sb.append("<g class=\"marker marker-").append(RunHtml.esc(cls)).append("\"><title>")
                    .append(RunHtml.esc((j + 1) + ". " + Timestamps.format(m.at()) + " UTC " + m.label())).append("</title>")
                    .append(line(b[0], cy + 9, b[2], top, color, null))
                    .append(line(b[2], top, b[2], bottom, color, "4 3"))
                    .append(String.format(Locale.ROOT, "<circle cx=\"%.2f%%\" cy=\"%.1f\" r=\"9\" fill=\"%s\"/>", b[0], cy, color))
                    .append(text(b[0], cy + 4, "middle", "badge-no", Integer.toString(j + 1))).append("</g>");
        }
        List<String> keys = new ArrayList<>(RunFacts.OUTCOMES);
        if (later) keys.add(LATER);
        return figure(sb.append("</svg>"), keys, "");
    }

    private static long size(List<Integer> sizes, int i) {
        return i < sizes.size() ? sizes.get(i) : 0;
    }

    static String markerClass(RunFacts.Marker m) {
        return m.kind().contains("suspend") ? "suspend" : m.kind().contains("paus") ? "pause" : m.kind().replace('_', '-');
    }

    /**
     * Where each marker's badge goes: {badge x %, lane, marker x %}. In time order, a badge takes
     * the first lane where it can sit at its marker's x, or to the right of that lane's last badge
     * by {@link #BADGE_GAP}, without leaving the plot.
     */
    static List<double[]> badges(List<RunFacts.Marker> markers, int batches) {
        double slot = (R - L) / Math.max(1, batches);
        List<Double> laneEnd = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        for (RunFacts.Marker m : markers) {
            double x = L + Math.min(m.afterBatch(), batches) * slot;
            int lane = 0;
            double bx;
            while (true) { // a badge's centre stays 2 % inside the plot: its 9 px radius never leaves the chart
                if (lane == laneEnd.size()) laneEnd.add(-100.0);
                bx = Math.max(Math.min(Math.max(x, L + 2), R - 2), laneEnd.get(lane) + BADGE_GAP);
                if (bx <= R - 2) break;
                lane++;
            }
            laneEnd.set(lane, bx);
            out.add(new double[] {bx, lane, x});
        }
        return out;
    }

    /** Outcomes per receiving provider (horizontal stacked bars, the {@code limit} largest), each name above its bar. */
    static String providers(List<Map.Entry<String, RunFacts.Tally>> providers, int limit) {
        List<Map.Entry<String, RunFacts.Tally>> shown = providers.subList(0, Math.min(limit, providers.size()));
        int row = 38;
        if (shown.isEmpty()) {
            return empty("chart-providers", "Outcomes per receiving provider", "No recipient was tried yet.");
        }
        StringBuilder sb = open("chart-providers", shown.size() * row + 4, "Outcomes per receiving provider");
        long max = 1;
        for (var e : shown) max = Math.max(max, e.getValue().tried());
        int i = 0;
        for (var e : shown) {
            int y = i++ * row;
            Map<String, Long> t = e.getValue().tried(true);
            sb.append("<g class=\"provider\"><title>").append(RunHtml.esc(e.getKey() + ": " + describe(t))).append("</title>");
            sb.append(text(0, y + 13, "start", "provider-name", shorten(e.getKey(), 40)));
            double x = 0;
            for (String k : RunFacts.OUTCOMES) {
                long c = t.get(k);
                if (c == 0) continue;
                double w = 86.0 * c / max;
                sb.append(rect(x, y + 18, w, 14, COLORS.get(k)));
                x += w;
            }
            sb.append(text(x + 1, y + 30, "start", "count", Long.toString(e.getValue().tried()))).append("</g>");
        }
        return figure(sb.append("</svg>"), RunFacts.OUTCOMES, "");
    }

    /** Buckets of the delay from the relay's acceptance to the DSN's processing. */
    static final List<String> DELAY_BUCKETS = List.of("< 1 min", "1–5 min", "5–15 min", "15–60 min", "1–6 h", "6–24 h", "> 24 h");

    static int bucket(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return 0;
        if (s < 300) return 1;
        if (s < 900) return 2;
        if (s < 3600) return 3;
        if (s < 6 * 3600) return 4;
        if (s < 24 * 3600) return 5;
        return 6;
    }

    /** How long DSNs took to arrive: a histogram over {@link #DELAY_BUCKETS}, one row per bucket. */
    static String dsnDelays(List<Duration> delays, String emptyWhy) {
        String title = "DSN arrival delays after the relay accepted the message";
        if (delays.isEmpty()) {
            return empty("chart-dsn-delays", title, emptyWhy);
        }
        long[] counts = new long[DELAY_BUCKETS.size()];
        for (Duration d : delays) counts[bucket(d)]++;
        long max = 1;
        for (long c : counts) max = Math.max(max, c);
        int row = 24;
        StringBuilder sb = open("chart-dsn-delays", counts.length * row + 4, title);
        for (int i = 0; i < counts.length; i++) {
            int y = i * row;
            double w = 62.0 * counts[i] / max;
            sb.append("<g class=\"bucket\"><title>").append(RunHtml.esc(DELAY_BUCKETS.get(i) + ": " + counts[i] + " DSN(s)")).append("</title>")
                    .append(text(23, y + 16, "end", "tick", DELAY_BUCKETS.get(i)))
                    .append(counts[i] == 0 ? "" : rect(25, y + 4, w, 16, "#1565c0"))
                    .append(text(25 + w + 1, y + 16, "start", "count", Long.toString(counts[i]))).append("</g>");
        }
        return figure(sb.append("</svg>"), List.of(), "Delay after the relay accepted the message, per DSN.");
    }

    private static StringBuilder open(String cls, int h, String title) {
        return new StringBuilder(2048).append("<svg class=\"chart ").append(cls).append("\" role=\"img\" width=\"100%\" height=\"").append(h)
                .append("\" aria-label=\"").append(RunHtml.esc(title)).append("\"><title>").append(RunHtml.esc(title)).append("</title>");
    }

    /** A chart without data: the reason as a paragraph (it wraps on a phone, an SVG text would not). */
    private static String empty(String cls, String title, String why) {
        return "<figure class=\"chart\">" + open(cls, 0, title).append("</svg><p class=\"note no-data\">").append(RunHtml.esc(why))
                .append("</p></figure>");
    }

    /** The chart with its legend (HTML, so it wraps on a phone) and caption. */
    private static String figure(StringBuilder svg, List<String> legend, String caption) {
        StringBuilder f = new StringBuilder(svg.length() + 512).append("<figure class=\"chart\">");
        if (!legend.isEmpty()) {
            f.append("<ul class=\"legend\">");
            for (String k : legend) {
                f.append("<li><span class=\"sw\" style=\"background:").append(COLORS.get(k)).append("\"></span>")
                        .append(k.equals(LATER) ? "answered in a later batch" : k).append("</li>");
            }
            f.append("</ul>");
        }
        f.append(svg);
        if (!caption.isEmpty()) f.append("<figcaption class=\"note\">").append(RunHtml.esc(caption)).append("</figcaption>");
        return f.append("</figure>").toString();
    }

    private static void axis(StringBuilder sb, int top, int bottom, long max) {
        sb.append(line(L, bottom, R, bottom, "#888", null)).append(line(L, top, L, bottom, "#888", null));
        sb.append(text(L - 1, top + 10, "end", "tick", Long.toString(max))).append(text(L - 1, bottom, "end", "tick", "0"));
    }

    private static String describe(Map<String, Long> t) {
        StringBuilder sb = new StringBuilder();
        t.forEach((k, v) -> {
            if (v > 0) sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k);
        });
        return sb.length() == 0 ? "no outcome journaled" : sb.toString();
    }

    /** x and w in % of the chart's width, y and h in px. */
    private static String rect(double x, double y, double w, double h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%.3f%%\" y=\"%.2f\" width=\"%.3f%%\" height=\"%.2f\" fill=\"%s\"/>", x, y, w, h, fill);
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.3f%%\" y1=\"%.1f\" x2=\"%.3f%%\" y2=\"%.1f\" stroke=\"%s\"%s/>", x1, y1, x2, y2, color,
                dash == null ? "" : " stroke-width=\"2\" stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String anchor, String cls, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.3f%%\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls) + RunHtml.esc(s) + "</text>";
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
