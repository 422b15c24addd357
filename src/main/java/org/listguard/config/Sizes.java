package org.listguard.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes in the config: a number of bytes, or a number with KB, MB or GB (powers of 1024). */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kb|k|mb|m|gb|g)?");

    private Sizes() {}

    /** @throws IllegalArgumentException naming the accepted forms */
    public static long parse(String s) {
        Matcher m = SIZE.matcher(s == null ? "" : s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("'" + s + "' is not a size: write e.g. 10MB, 512KB or 1048576");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'k' -> n * 1024;
            case 'm' -> n * 1024 * 1024;
            case 'g' -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }
}
