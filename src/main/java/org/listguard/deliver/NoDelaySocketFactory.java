package org.listguard.deliver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories whose sockets have TCP_NODELAY: Angus Mail has no property for it, and without
 * it SMTP commands stall on Nagle's algorithm against delayed ACKs (~40 ms each, LIBRARIES.md).
 * Every socket is a {@link ReplyCap}, bounding what the server may send per reply; TLS (implicit
 * or STARTTLS) is layered over it by {@link Ssl}, so the cap holds under TLS too.
 * Pass as {@code mail.smtp.socketFactory} / {@code mail.smtp.ssl.socketFactory}.
 */
public class NoDelaySocketFactory extends SocketFactory {
    private final ReplyCap.Limits limits;

    /** With SMTP's caps. */
    public NoDelaySocketFactory() {
        this(ReplyCap.Limits.SMTP);
    }

    public NoDelaySocketFactory(ReplyCap.Limits limits) {
        this.limits = limits;
    }
    /** Turns Nagle off on a socket (before or after connect). */
    static Socket tune(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    /** An unconnected capped socket (Angus connects it, with its connect timeout). */
    static Socket capped(ReplyCap.Limits limits) throws IOException {
        return TlsTrust.noDelay(new ReplyCap(limits));
    }

    static Socket capped(ReplyCap.Limits limits, InetSocketAddress to, InetAddress local, int localPort) throws IOException {
        Socket s = capped(limits);
        if (local != null) s.bind(new InetSocketAddress(local, localPort));
        s.connect(to);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException { return capped(limits); }

    @Override
    public Socket createSocket(String host, int port) throws IOException { return capped(limits, new InetSocketAddress(host, port), null, 0); }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return capped(limits, new InetSocketAddress(host, port), local, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException { return capped(limits, new InetSocketAddress(host, port), null, 0); }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return capped(limits, new InetSocketAddress(host, port), local, localPort);
    }

    /**
     * The TLS variant, wrapping a configured {@link SSLSocketFactory}: TLS is always layered over a
     * capped plain socket ({@link #createSocket()} returns one, and Angus's SocketFetcher layers TLS
     * over a non-TLS socket from an SSLSocketFactory through {@link #createSocket(Socket, String, int, boolean)}).
     */
    static final class Ssl extends SSLSocketFactory {
        private final SSLSocketFactory d;
        private final ReplyCap.Limits limits;

        Ssl(SSLSocketFactory d, ReplyCap.Limits limits) {
            this.d = d;
            this.limits = limits;
        }

        @Override
        public String[] getDefaultCipherSuites() { return d.getDefaultCipherSuites(); }

        @Override
        public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            if (s instanceof ReplyCap cap) cap.encrypted();
            // Angus passes its own (write-timeout) socket here, for implicit TLS one that never came
            // from createSocket(): the cap goes under the TLS layer in every case
            return d.createSocket(new CappedLayer(s, limits), host, port, autoClose);
        }

        @Override
        public Socket createSocket() throws IOException { return capped(limits); }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return createSocket(capped(limits, new InetSocketAddress(host, port), null, 0), host, port, true);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return createSocket(capped(limits, new InetSocketAddress(host, port), local, localPort), host, port, true);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(capped(limits, new InetSocketAddress(host, port), null, 0), host.getHostName(), port, true);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return createSocket(capped(limits, new InetSocketAddress(host, port), local, localPort), host.getHostName(), port, true);
        }
    }
}
