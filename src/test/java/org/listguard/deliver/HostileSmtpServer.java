package org.listguard.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A loopback SMTP server that answers EHLO with one endless reply line ("250-aaaa…", up to
 * {@code bytes} bytes, generated as it goes: nothing is held in memory). It stops when the client
 * hangs up. For the reply-cap tests (issue 13).
 */
final class HostileSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    volatile long sent;

    HostileSmtpServer(long bytes) throws IOException {
        this(bytes, null);
    }

    /** @param tls when given, the server speaks implicit TLS (RFC 8314) with this context's key */
    HostileSmtpServer(long bytes, javax.net.ssl.SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(bytes), "hostile-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() { return server.getLocalPort(); }

    private void serve(long bytes) {
        try (Socket s = server.accept()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("220 hostile.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (in.read() != '\n') { /* the EHLO line */ }
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            out.write("250-".getBytes(StandardCharsets.US_ASCII));
            while (sent < bytes) {
                out.write(chunk);
                sent += chunk.length;
            }
            out.write("\r\n250 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException expected) {
            // the client hung up on the cap
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
