package org.listguard.unsubscribe.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * In-process HTTPS from the PEM files a certificate tool writes (certbot's fullchain.pem and
 * privkey.pem): the chain (leaf first) and a PKCS#8 private key (RSA or EC). Every
 * {@code checkEvery} the files' modification times and sizes are compared; when they changed the
 * pair is read again and Jetty's TLS context reloaded (new connections get the new certificate).
 * A pair that does not load (caught between two writes of a renewal) keeps the old one in use and
 * is tried again at the next check.
 */
public record PemTls(Path certificate, Path key, Duration checkEvery) {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PemTls.class);
    private static final char[] PASSWORD = "in-memory".toCharArray();

    /** The key store Jetty takes, built in memory from the two files. */
    KeyStore keyStore() throws IOException, GeneralSecurityException {
        List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate))));
        if (chain.isEmpty()) throw new GeneralSecurityException(certificate + ": no certificate");
        byte[] der = pem(Files.readString(key, StandardCharsets.US_ASCII), "PRIVATE KEY");
        PrivateKey pk = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                pk = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException tryNext) {
                // another algorithm
            }
        }
        if (pk == null) throw new GeneralSecurityException(key + ": not a PKCS#8 RSA, EC or Ed25519 key (BEGIN PRIVATE KEY)");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("serve", pk, PASSWORD, chain.toArray(new Certificate[0]));
        return ks;
    }

    private static byte[] pem(String text, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf("-----END " + type + "-----");
        if (b < 0 || e < b) throw new GeneralSecurityException("expected a '" + begin + "' block (PKCS#8; convert with `openssl pkcs8 -topk8 -nocrypt`)");
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }

    SslContextFactory.Server contextFactory() throws IOException, GeneralSecurityException {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setKeyStore(keyStore());
        f.setKeyStorePassword(new String(PASSWORD));
        return f;
    }

    /** Schedules the checks; they stop when {@code scheduler} stops. */
    void watch(SslContextFactory.Server factory, Scheduler scheduler) {
        new Watch(factory, scheduler).schedule();
    }

    private final class Watch implements Runnable {
        private final SslContextFactory.Server factory;
        private final Scheduler scheduler;
        private String seen = stamp();

        Watch(SslContextFactory.Server factory, Scheduler scheduler) {
            this.factory = factory;
            this.scheduler = scheduler;
        }

        void schedule() {
            scheduler.schedule(this, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!scheduler.isRunning()) return;
            String now = stamp();
            if (!now.equals(seen)) {
                try {
                    KeyStore ks = keyStore();
                    factory.reload(f -> f.setKeyStore(ks));
                    seen = now;
                    log.info("serve: reloaded the TLS certificate from {}", certificate);
                } catch (Exception e) {
                    log.warn("serve: {} / {} changed but do not load ({}); still using the previous certificate", certificate, key, e.getMessage());
                }
            }
            schedule();
        }
    }

    /** What the two files hold (a digest; the files are small): a renewal is seen whatever it does to times and sizes. */
    private String stamp() {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(certificate));
            d.update(Files.readAllBytes(key));
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (IOException | GeneralSecurityException e) {
            return "unreadable";
        }
    }
}
