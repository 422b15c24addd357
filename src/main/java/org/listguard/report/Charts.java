package org.listguard.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as inline SVG, drawn here (no JavaScript, no library, nothing fetched): they
 * render in any browser, print, and survive being mailed as one file. Each chart is an
 * {@code <svg role="img">} with a {@code <title>}; every mark carries a {@code <title>} tooltip with
 * its exact numbers, and every text is HTML-escaped.
 */
final class Charts {
    static final Map<String, String> COLORS = Map.of("accepted", "#2e7d32", "deferred", "#f9a825", "held", "#ef6c00",
            "rejected", "#c62828", "unknown", "#6d4c41", "unconfirmed", "#7b1fa2");
    private static final int W = 760;

    private Charts() {}

    /** Outcomes per batch (stacked bars, one {@code <g class="batch">} per batch) with the run's markers between batches. */
    static String batches(List<RunFacts.Batch> batches, List<RunFacts.Marker> markers) {
        int h = 260, left = 48, right = 12, top = 34, bottom = 40;
        if (batches.isEmpty()) {
            return open("chart-batches", W, 40, "Outcomes per batch").append(text(12, 24, "start", "no-data",
                    "No batch was recorded for this run (runs sent before listguard recorded batches, or none was sent yet).")).append("</svg>").toString();
        }
        StringBuilder sb = open("chart-batches", W, h, "Outcomes per batch, with pauses, suspensions and slow-downs");
        long max = 1;
        for (RunFacts.Batch b : batches) max = Math.max(max, b.tally().tried());
        double plotW = W - left - right, plotH = h - top - bottom, slot = plotW / batches.size();
        double bar = Math.max(1, slot * 0.75);
        axis(sb, left, top, plotW, plotH, max);
        int labelEvery = (int) Math.ceil(batches.size() / 20.0);
        for (RunFacts.Batch b : batches) {
            double x = left + (b.no() - 1) * slot + (slot - bar) / 2;
            Map<String, Long> t = b.tally().tried(true);
            sb.append("<g class=\"batch\" data-batch=\"").append(b.no()).append("\"><title>")
                    .append(RunHtml.esc("Batch " + b.no() + ", started " + org.listguard.journal.Timestamps.format(b.start()) + " UTC: "
                            + describe(t)))
                    .append("</title>");
            double y = top + plotH;
            if (b.tally().tried() == 0) sb.append(rect(x, y - 1, bar, 1, "#9e9e9e"));
            for (String k : RunFacts.OUTCOMES) {
                long n = t.get(k);
                if (n == 0) continue;
                double hh = plotH * n / max;
                y -= hh;
                sb.append(rect(x, y, bar, hh, COLORS.get(k)));
            }
            sb.append("</g>");
            if ((b.no() - 1) % labelEvery == 0) sb.append(text(x + bar / 2, top + plotH + 14, "middle", "tick", Integer.toString(b.no())));
        }
        sb.append(text(left + plotW / 2, h - 6, "middle", "axis-label", "batch"));
        for (RunFacts.Marker m : markers) {
            double x = left + m.afterBatch() * slot;
            String cls = m.kind().contains("suspend") ? "suspend" : m.kind().contains("paus") ? "pause" : m.kind().replace('_', '-');
            String color = cls.equals("pause") ? "#c62828" : cls.equals("suspend") ? "#6a1b9a" : "#455a64";
            sb.append("<g class=\"marker marker-").append(RunHtml.esc(cls)).append("\"><title>")
                    .append(RunHtml.esc(org.listguard.journal.Timestamps.format(m.at()) + " UTC " + m.label())).append("</title>")
                    .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>",
                            x, top - 14, x, top + plotH, color))
                    .append(x > W - 90 ? text(x - 3, top - 18, "end", "marker-label", m.kind().replace('_', ' '))
                            : text(x + 3, top - 18, "start", "marker-label", m.kind().replace('_', ' '))).append("</g>");
        }
        legend(sb, left, 14);
        return sb.append("</svg>").toString();
    }

    /** Outcomes per receiving provider (horizontal stacked bars, the {@code limit} largest). */
    static String providers(List<Map.Entry<String, RunFacts.Tally>> providers, int limit) {
        List<Map.Entry<String, RunFacts.Tally>> shown = providers.subList(0, Math.min(limit, providers.size()));
        int row = 22, top = 30, left = 190, right = 70;
        int h = top + Math.max(1, shown.size()) * row + 12;
        StringBuilder sb = open("chart-providers", W, h, "Outcomes per receiving provider");
        if (shown.isEmpty()) {
            sb.append(text(W / 2, top + 14, "middle", "no-data", "No recipient was tried yet."));
            return sb.append("</svg>").toString();
        }
        long max = 1;
        for (var e : shown) max = Math.max(max, e.getValue().tried());
        double plotW = W - left - right;
        int i = 0;
        for (var e : shown) {
            double y = top + i++ * row;
            Map<String, Long> t = e.getValue().tried(true);
            sb.append("<g class=\"provider\"><title>").append(RunHtml.esc(e.getKey() + ": " + describe(t))).append("</title>");
            sb.append(text(left - 8, y + 15, "end", "provider-name", shorten(e.getKey(), 28)));
            double x = left;
            for (String k : RunFacts.OUTCOMES) {
                long n = t.get(k);
                if (n == 0) continue;
                double w = plotW * n / max;
                sb.append(rect(x, y + 3, w, row - 6, COLORS.get(k)));
                x += w;
            }
            sb.append(text(x + 6, y + 15, "start", "count", Long.toString(e.getValue().tried()))).append("</g>");
        }
        legend(sb, left, 14);
        return sb.append("</svg>").toString();
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

    /** How long DSNs took to arrive: a histogram over {@link #DELAY_BUCKETS}. */
    static String dsnDelays(List<Duration> delays) {
        int h = delays.isEmpty() ? 40 : 220, left = 48, right = 12, top = 20, bottom = 40;
        StringBuilder sb = open("chart-dsn-delays", W, h, "DSN arrival delays after the relay accepted the message");
        if (delays.isEmpty()) {
            sb.append(text(12, 24, "start", "no-data", "No DSN arrival delay to show for this run."));
            return sb.append("</svg>").toString();
        }
        long[] counts = new long[DELAY_BUCKETS.size()];
        for (Duration d : delays) counts[bucket(d)]++;
        long max = 1;
        for (long c : counts) max = Math.max(max, c);
        double plotW = W - left - right, plotH = h - top - bottom, slot = plotW / counts.length, bar = slot * 0.7;
        axis(sb, left, top, plotW, plotH, max);
        for (int i = 0; i < counts.length; i++) {
            double x = left + i * slot + (slot - bar) / 2, hh = plotH * counts[i] / max;
            sb.append("<g class=\"bucket\"><title>").append(RunHtml.esc(DELAY_BUCKETS.get(i) + ": " + counts[i] + " DSN(s)")).append("</title>")
                    .append(rect(x, top + plotH - hh, bar, hh, "#1565c0")).append("</g>")
                    .append(text(x + bar / 2, top + plotH + 14, "middle", "tick", DELAY_BUCKETS.get(i)));
        }
        sb.append(text(left + plotW / 2, h - 6, "middle", "axis-label", "delay after the relay accepted the message"));
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(String cls, int w, int h, String title) {
        return new StringBuilder(2048).append("<svg class=\"chart ").append(cls).append("\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ')
                .append(h).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" aria-label=\"").append(RunHtml.esc(title)).append("\"><title>")
                .append(RunHtml.esc(title)).append("</title>");
    }

    private static void axis(StringBuilder sb, int left, int top, double plotW, double plotH, long max) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>", left, top + plotH, left + plotW, top + plotH));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", left, top, left, top + plotH));
        sb.append(text(left - 6, top + 4, "end", "tick", Long.toString(max))).append(text(left - 6, (int) (top + plotH), "end", "tick", "0"));
    }

    private static void legend(StringBuilder sb, int left, int y) {
        int x = left;
        for (String k : RunFacts.OUTCOMES) {
            sb.append(rect(x, y - 9, 10, 10, COLORS.get(k))).append(text(x + 14, y, "start", "legend", k));
            x += 24 + k.length() * 7;
        }
    }

    private static String describe(Map<String, Long> t) {
        StringBuilder sb = new StringBuilder();
        t.forEach((k, v) -> {
            if (v > 0) sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k);
        });
        return sb.length() == 0 ? "nothing tried" : sb.toString();
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, y, w, h, fill);
    }

    private static String text(double x, double y, String anchor, String cls, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls) + RunHtml.esc(s) + "</text>";
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
