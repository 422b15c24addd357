package org.listguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}) for tests of the HTML report: the DOM after
 * parsing ({@code --dump-dom}), a screenshot, measurements taken by a script in a viewport of a
 * given width ({@link #measure}), and a print to PDF ({@link #printToPdf}). Each call uses a fresh
 * profile directory and every background feature that could reach the network is off.
 * {@link #find} is empty when Chromium is not installed (the test then fails with
 * {@code -Dlistguard.peers=required}, else skips, saying so).
 *
 * <p>Headless Chromium's window is at least 500 px wide, so a narrower viewport (a 390 px phone)
 * is an iframe of that width in a wrapper page: the report is the iframe's document (srcdoc, so
 * the wrapper's script may read it), its media queries and layout see the iframe's width, and the
 * screenshot is cropped to it.
 */
public final class Chromium {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    public static Optional<Chromium> find(Path work) {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst().map(b -> new Chromium(b, work));
    }

    public String dumpDom(Path html) throws IOException, InterruptedException {
        Path out = work.resolve("dom-" + System.nanoTime() + ".html");
        run(List.of("--dump-dom", html.toUri().toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public Path screenshot(Path html, int width, int height) throws IOException, InterruptedException {
        Path png = work.resolve("shot-" + System.nanoTime() + ".png");
        run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png, html.toUri().toString()), null);
        if (!Files.exists(png)) throw new IOException("chromium wrote no screenshot " + png);
        return png;
    }

    /** Headless Chromium's narrowest window. */
    static final int MIN_WINDOW = 500;

    /**
     * Loads {@code html} in a viewport {@code width} px wide and runs {@code script} (a function
     * body given {@code doc} and {@code win}, the report's document and window, returning a
     * string) after the load event; returns that string.
     */
    public String measure(Path html, int width, String script) throws IOException, InterruptedException {
        String report = Files.readString(html, StandardCharsets.UTF_8);
        String wrapper = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0}iframe{border:0;display:block}</style></head><body>"
                + "<iframe id=\"lg-report\" style=\"width:" + width + "px;height:2000px\" srcdoc=\"" + attr(report) + "\"></iframe>"
                + "<pre id=\"lg-measure\">not measured</pre><script>window.addEventListener('load', function () {"
                + "var f = document.getElementById('lg-report'); var out;"
                + "try { out = (function (doc, win) {" + script + "})(f.contentDocument, f.contentWindow); } catch (e) { out = 'ERROR ' + e + ' ' + e.stack; }"
                + "document.getElementById('lg-measure').textContent = out; });</script></body></html>";
        Path page = work.resolve("measure-" + System.nanoTime() + ".html");
        Files.writeString(page, wrapper, StandardCharsets.UTF_8);
        Path out = work.resolve("dom-" + System.nanoTime() + ".html");
        run(List.of("--window-size=" + Math.max(MIN_WINDOW, width + 20) + ",2000", "--virtual-time-budget=10000", "--dump-dom",
                page.toUri().toString()), out);
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        int at = dom.indexOf("<pre id=\"lg-measure\">");
        if (at < 0) throw new IOException("the measuring page lost its output element: " + dom.substring(0, Math.min(500, dom.length())));
        String text = dom.substring(at + "<pre id=\"lg-measure\">".length(), dom.indexOf("</pre>", at));
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    /** The whole page {@code height} px tall, as it shows in a viewport {@code width} px wide (any width, see the class comment). */
    public Path screenshotAt(Path html, int width, int height) throws IOException, InterruptedException {
        if (width >= MIN_WINDOW) return screenshot(html, width, height);
        String report = Files.readString(html, StandardCharsets.UTF_8);
        Path page = work.resolve("frame-" + System.nanoTime() + ".html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0;background:#fff}iframe{border:0;display:block}</style>"
                + "</head><body><iframe style=\"width:" + width + "px;height:" + height + "px\" srcdoc=\"" + attr(report) + "\"></iframe></body></html>",
                StandardCharsets.UTF_8);
        Path wide = screenshot(page, MIN_WINDOW, height);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(wide.toFile());
        Path png = work.resolve("shot-" + width + "-" + System.nanoTime() + ".png");
        javax.imageio.ImageIO.write(img.getSubimage(0, 0, width, Math.min(height, img.getHeight())), "png", png.toFile());
        return png;
    }

    /** The page printed to PDF on {@code pageSize} paper (a CSS {@code @page size}: "A4", "letter"), without Chromium's header and footer. */
    public Path printToPdf(Path html, String pageSize) throws IOException, InterruptedException {
        String report = Files.readString(html, StandardCharsets.UTF_8);
        int head = report.indexOf("</head>");
        if (head < 0) throw new IOException(html + " has no </head>");
        Path sized = work.resolve("print-" + pageSize + "-" + System.nanoTime() + ".html");
        Files.writeString(sized, report.substring(0, head) + "<style>@page{size:" + pageSize + "}</style>" + report.substring(head), StandardCharsets.UTF_8);
        Path pdf = work.resolve("print-" + pageSize + "-" + System.nanoTime() + ".pdf");
        run(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf, sized.toUri().toString()), null);
        if (!Files.exists(pdf)) throw new IOException("chromium wrote no PDF " + pdf);
        return pdf;
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;");
    }

    private void run(List<String> args, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--user-data-dir=" + profile));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(work.resolve("chromium-stderr.txt").toFile());
        if (stdout != null) pb.redirectOutput(stdout.toFile());
        else pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 60 s");
        }
        if (p.exitValue() != 0) throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(work.resolve("chromium-stderr.txt")));
    }
}
