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
 * parsing ({@code --dump-dom}) and a screenshot. Each call uses a fresh profile directory and
 * every background feature that could reach the network is off. {@link #find()} is empty when
 * Chromium is not installed (the test then skips with a message saying so).
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
