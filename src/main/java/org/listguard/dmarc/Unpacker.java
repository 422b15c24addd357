package org.listguard.dmarc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A report attachment's bytes to XML: plain, gzip (RFC 1952; Google, Yahoo) or zip (Microsoft),
 * recognised by their first bytes, not by the file name (reporters and gateways get names and
 * content types wrong). {@code GZIPInputStream} and {@code ZipInputStream} bound nothing, so every
 * byte read is counted here (LIBRARIES.md): the compressed size, the uncompressed size and, past
 * the first megabyte, the expansion ratio are capped, and the read stops at the first byte over a
 * cap, so a bomb costs at most a cap's worth of memory and time.
 */
public final class Unpacker {
    /**
     * @param maxCompressed   largest attachment read (bytes)
     * @param maxUncompressed largest XML produced (bytes)
     * @param maxRatio        largest uncompressed/compressed ratio once past {@link #RATIO_FREE} bytes
     */
    public record Limits(long maxCompressed, long maxUncompressed, int maxRatio) {
        /**
         * 10 MB in, 50 MB out (100,000 rows of Google-shaped XML are 42 MB), 400:1. Measured: a generated
         * 10,000-row report with sequential IPs gzips 110:1 (real reports vary more and shrink less),
         * deflate's ceiling on zeros is about 1,030:1; the absolute cap does most of the work, the
         * ratio stops a small bomb early.
         */
        public static final Limits DEFAULT = new Limits(10L << 20, 50L << 20, 400);
    }

    /** Below this many uncompressed bytes the ratio is not checked (a tiny gzip of repetitive XML). */
    static final long RATIO_FREE = 1L << 20;
    static final int MAX_ZIP_ENTRIES = 16;

    /** The XML, or why not. */
    public sealed interface Result {
        record Xml(byte[] xml, String packing) implements Result {}

        record Refused(String reason) implements Result {}
    }

    private Unpacker() {}

    public static Result unpack(byte[] data, Limits limits) {
        if (data.length > limits.maxCompressed()) {
            return new Result.Refused("the attachment is " + data.length + " bytes, over the " + limits.maxCompressed() + "-byte limit");
        }
        try {
            if (isGzip(data)) {
                byte[] xml = bounded(new GZIPInputStream(new ByteArrayInputStream(data)), data.length, limits, "gzip");
                return nested(xml, "gzip");
            }
            if (isZip(data)) return zip(data, limits);
            return new Result.Xml(data, "xml");
        } catch (Over e) {
            return new Result.Refused(e.getMessage());
        } catch (EOFException e) {
            return new Result.Refused("truncated compressed data (the archive ends early)");
        } catch (ZipException e) {
            return new Result.Refused("corrupt compressed data: " + e.getMessage());
        } catch (IOException e) {
            return new Result.Refused("unreadable compressed data: " + e.getMessage());
        }
    }

    private static Result zip(byte[] data, Limits limits) throws IOException {
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(data))) {
            ZipEntry e;
            int entries = 0;
            while ((e = z.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) return new Result.Refused("a zip of more than " + MAX_ZIP_ENTRIES + " entries");
                if (e.isDirectory()) continue;
                String name = e.getName().toLowerCase(Locale.ROOT);
                if (!name.endsWith(".xml")) continue;
                return nested(bounded(z, data.length, limits, "zip"), "zip");
            }
            return new Result.Refused(entries == 0 ? "not a readable zip (no entries)" : "a zip without an .xml entry");
        }
    }

    private static Result nested(byte[] xml, String packing) {
        if (isGzip(xml) || isZip(xml)) return new Result.Refused("an archive inside a " + packing + " (not a report)");
        return new Result.Xml(xml, packing);
    }

    /** Reads {@code in} to the end, stopping with {@link Over} at the first byte over a limit. */
    private static byte[] bounded(InputStream in, long compressed, Limits limits, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limits.maxUncompressed()) {
                throw new Over("the " + what + " expands past the " + limits.maxUncompressed() + "-byte limit (a compression bomb?)");
            }
            if (total > RATIO_FREE && total > compressed * limits.maxRatio()) {
                throw new Over("the " + what + " of " + compressed + " bytes expands more than " + limits.maxRatio()
                        + ":1 (a compression bomb?)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static final class Over extends IOException {
        Over(String why) {
            super(why);
        }
    }
}
