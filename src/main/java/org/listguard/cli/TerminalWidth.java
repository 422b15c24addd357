package org.listguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The width of the terminal the progress line is drawn on: {@code COLUMNS} when exported, else
 * {@code stty size} on {@code /dev/tty} (asked again at most every few seconds, so a resized
 * window is followed), else 80. Never less than 20.
 */
final class TerminalWidth implements IntSupplier {
    static final int FALLBACK = 80;
    private static final Duration ASK_EVERY = Duration.ofSeconds(3);

    private final Map<String, String> vars;
    private final Clock clock;
    private Instant asked = Instant.EPOCH;
    private int width = FALLBACK;

    TerminalWidth(Map<String, String> vars, Clock clock) {
        this.vars = vars;
        this.clock = clock;
    }

    @Override
    public synchronized int getAsInt() {
        String c = vars.get("COLUMNS");
        if (c != null && c.matches("\\d{1,4}")) return Math.max(20, Integer.parseInt(c));
        Instant now = clock.instant();
        if (Duration.between(asked, now).compareTo(ASK_EVERY) >= 0) {
            asked = now;
            width = stty().orElse(width);
        }
        return Math.max(20, width);
    }

    private static java.util.OptionalInt stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) return java.util.OptionalInt.empty();
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            String[] parts = s.split("\\s+");
            if (parts.length == 2 && parts[1].matches("\\d{1,4}") && Integer.parseInt(parts[1]) > 0) {
                return java.util.OptionalInt.of(Integer.parseInt(parts[1]));
            }
        } catch (IOException e) {
            // no stty: keep the last width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.OptionalInt.empty();
    }
}
