package org.listguard.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.listguard.InputException;

/**
 * TLS for relay connections: the JVM's trust store, plus the certificates of
 * {@code relays[].trust_certificate} when given (a private CA or a self-signed smart host).
 * Verification is never switched off; host names are checked by the mail session
 * ({@code mail.smtp.ssl.checkserveridentity}). The sockets have TCP_NODELAY set (LIBRARIES.md).
 * Shared by the audit's relay probe and the submitter.
 */
public final class TlsTrust {
    private TlsTrust() {}

    /** A socket factory trusting the JVM's CAs and, if {@code extraPem} is given, its certificates too. */
    public static SSLSocketFactory socketFactory(Path extraPem) {
        return socketFactory(extraPem, "relays[].trust_certificate");
    }

    /** As {@link #socketFactory(Path)}; {@code key} names the config key in an error about the file. */
    public static SSLSocketFactory socketFactory(Path extraPem, String key) {
        return socketFactory(extraPem, key, ReplyCap.Limits.SMTP);
    }

    /** As {@link #socketFactory(Path, String)}, bounding what the server may send per response ({@link ReplyCap}). */
    public static SSLSocketFactory socketFactory(Path extraPem, String key, ReplyCap.Limits limits) {
        try {
            X509TrustManager jvm = trustManager(null);
            X509TrustManager trusted = extraPem == null ? jvm : new EitherTrustManager(jvm, trustManager(load(extraPem, key)));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trusted}, null);
            return new NoDelaySocketFactory.Ssl(ctx.getSocketFactory(), limits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path pem, String key) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new InputException(pem.toString(), 0, key, "no PEM certificate in the file");
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("trusted-" + i++, c);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new InputException(pem.toString(), 0, key, "cannot read the certificate: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /** Trusts a chain that either manager trusts. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notByJvm) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }

    static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

}
