package org.listguard.deliver.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A server connection's input buffer (RFC 2920 §3.2). The commands of a pipelined group arrive
 * together and are each read from here in turn, none lost; the data after a 354 is read from the
 * same buffer. The replies held back in {@code replies} while commands of the group were waiting
 * are flushed before the server waits for more input, so a client that has sent its whole group is
 * never left waiting for replies the server holds. {@code read()} per byte is cheap: the socket is
 * read only when the buffer is empty, in reads of up to {@value #SIZE} bytes.
 */
final class ServerInput extends InputStream {
    private static final int SIZE = 8192;

    private final InputStream in;
    private final OutputStream replies;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    private int limit;

    ServerInput(InputStream in, OutputStream replies) {
        this.in = in;
        this.replies = replies;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) return -1;
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == limit && !fill()) return -1;
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        replies.flush();
        int n = in.read(buf, 0, SIZE);
        if (n <= 0) return false;
        pos = 0;
        limit = n;
        return true;
    }
}
