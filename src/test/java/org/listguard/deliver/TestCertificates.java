package org.listguard.deliver;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A self-signed server certificate made with the JDK's keytool, exported as PEM (certificate, PKCS#8 key). */
public final class TestCertificates {
    private TestCertificates() {}

    public record Pem(Path certificate, Path key) {}

    /** @param san subjectAltName entries in keytool syntax, e.g. "dns:localhost" */
    public static Pem selfSigned(Path dir, String san) throws Exception {
        Path p12 = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=listguard test relay", "-ext", "san=" + san, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit"))
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        Path cert = dir.resolve("server.crt.pem");
        Path key = dir.resolve("server.key.pem");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("server").getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(key, pem("PRIVATE KEY", ((PrivateKey) ks.getKey("server", "changeit".toCharArray())).getEncoded()), StandardCharsets.US_ASCII);
        dir.toFile().setExecutable(true, false);
        key.toFile().setReadable(true, false);
        cert.toFile().setReadable(true, false);
        return new Pem(cert, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
