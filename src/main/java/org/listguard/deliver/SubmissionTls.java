package org.listguard.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for submission (RFC 8314): the JVM's trust store, plus optionally the certificates of one
 * PEM file ({@code relays[].trust_certificate}: a private CA or a self-signed relay), and never
 * "trust all". Host names are verified by Jakarta Mail ({@code mail.smtp.ssl.checkserveridentity},
 * RFC 6125). Sockets get TCP_NODELAY like the plain ones.
 */
public final class SubmissionTls {
    private SubmissionTls() {}

    /** A socket factory trusting the JVM's CAs and, when given, the certificates in {@code pem}. */
    public static SSLSocketFactory socketFactory(Optional<Path> pem) throws GeneralSecurityException, IOException {
        List<X509TrustManager> managers = new ArrayList<>();
        managers.add(trustManager(null));
        if (pem.isPresent()) managers.add(trustManager(keyStore(pem.get())));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AnyOf(managers)}, null);
        return new NoDelay(ctx.getSocketFactory());
    }

    static KeyStore keyStore(Path pem) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("trusted-" + i++, c);
            if (i == 0) throw new CertificateException("no certificate in " + pem);
        }
        return ks;
    }

    private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager tm : f.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /** Trusts a chain when any of the managers does; the first failure is reported otherwise. */
    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException first = null;
            for (X509TrustManager m : managers) {
                try {
                    m.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    if (first == null) first = e;
                }
            }
            throw first;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
        }
    }

    private static final class NoDelay extends SSLSocketFactory {
        private final SSLSocketFactory d;

        NoDelay(SSLSocketFactory d) { this.d = d; }

        @Override public String[] getDefaultCipherSuites() { return d.getDefaultCipherSuites(); }
        @Override public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }
        @Override public Socket createSocket() throws IOException { return NoDelaySocketFactory.tune(d.createSocket()); }
        @Override public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            NoDelaySocketFactory.tune(s);
            return d.createSocket(s, host, port, autoClose);
        }
        @Override public Socket createSocket(String host, int port) throws IOException { return NoDelaySocketFactory.tune(d.createSocket(host, port)); }
        @Override public Socket createSocket(String host, int port, InetAddress lh, int lp) throws IOException {
            return NoDelaySocketFactory.tune(d.createSocket(host, port, lh, lp));
        }
        @Override public Socket createSocket(InetAddress host, int port) throws IOException { return NoDelaySocketFactory.tune(d.createSocket(host, port)); }
        @Override public Socket createSocket(InetAddress a, int port, InetAddress la, int lp) throws IOException {
            return NoDelaySocketFactory.tune(d.createSocket(a, port, la, lp));
        }
    }
}
