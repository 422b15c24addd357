package org.listguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PDF's text page by page, from poppler's {@code pdftotext} (Debian's poppler-utils, installed
 * by scripts/install-peers): it ends every page with a form feed, so page {@code i} is the text
 * before the {@code i}-th one. A missing {@code pdftotext} fails under
 * {@code -Dlistguard.peers=required}, like every peer.
 */
public final class PdfText {
    private static final Path BINARY = Path.of("/usr/bin/pdftotext");

    private PdfText() {}

    public static List<String> pages(Path pdf) throws IOException, InterruptedException {
        Peers.requireOrSkip(Files.isExecutable(BINARY), "pdftotext is not installed (" + BINARY + ")",
                "run scripts/install-peers (Debian package poppler-utils)");
        Path txt = pdf.resolveSibling(pdf.getFileName() + ".txt");
        Process p = new ProcessBuilder(BINARY.toString(), "-enc", "UTF-8", pdf.toString(), txt.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("pdftotext did not finish in 60 s");
        }
        if (p.exitValue() != 0) throw new IOException("pdftotext exited " + p.exitValue() + " for " + pdf);
        String text = Files.readString(txt, StandardCharsets.UTF_8);
        List<String> pages = Arrays.asList(text.split("\f", -1));
        return pages.subList(0, pages.size() - 1); // the text after the last form feed is not a page
    }
}
