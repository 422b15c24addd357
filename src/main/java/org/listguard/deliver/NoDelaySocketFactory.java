package org.listguard.deliver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories whose sockets have TCP_NODELAY: Angus Mail has no property for it, and without
 * it SMTP commands stall on Nagle's algorithm against delayed ACKs (~40 ms each, LIBRARIES.md).
 * Pass as {@code mail.smtp.socketFactory} / {@code mail.smtp.ssl.socketFactory}.
 */
public class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory plain = SocketFactory.getDefault();

    /** Turns Nagle off on a socket (before or after connect). */
    static Socket tune(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException { return TlsTrust.noDelay(plain.createSocket()); }

    @Override
    public Socket createSocket(String host, int port) throws IOException { return TlsTrust.noDelay(plain.createSocket(host, port)); }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return TlsTrust.noDelay(plain.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException { return TlsTrust.noDelay(plain.createSocket(host, port)); }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return TlsTrust.noDelay(plain.createSocket(host, port, local, localPort));
    }

    /** The TLS variant, wrapping a configured {@link SSLSocketFactory} (also used for STARTTLS layering). */
    static final class Ssl extends SSLSocketFactory {
        private final SSLSocketFactory d;

        Ssl(SSLSocketFactory d) { this.d = d; }

        @Override
        public String[] getDefaultCipherSuites() { return d.getDefaultCipherSuites(); }

        @Override
        public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            return d.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket() throws IOException { return TlsTrust.noDelay(d.createSocket()); }

        @Override
        public Socket createSocket(String host, int port) throws IOException { return TlsTrust.noDelay(d.createSocket(host, port)); }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return TlsTrust.noDelay(d.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException { return TlsTrust.noDelay(d.createSocket(host, port)); }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return TlsTrust.noDelay(d.createSocket(host, port, local, localPort));
        }
    }
}
