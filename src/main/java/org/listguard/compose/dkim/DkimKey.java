package org.listguard.compose.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.listguard.InputException;

/**
 * A DKIM signing key: an RSA private key read from a PKCS#8 PEM file, and its public half (what
 * must be published at {@code <selector>._domainkey.<domain>}, RFC 6376 §3.6.1). Problems are
 * {@link InputException}s naming the file and {@code dkim.private_key}; no message, log line or
 * {@link #toString()} ever contains key material.
 */
public final class DkimKey {
    static final String FIELD = "dkim.private_key";
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private final Path file;
    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;

    private DkimKey(Path file, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
        this.file = file;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static DkimKey load(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw error(file, "cannot read the DKIM private key: " + e.getClass().getSimpleName());
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw error(file, "the key is in PKCS#1 form (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out " + file + ".pkcs8 (then point dkim.private_key at the new file)");
        }
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw error(file, "the key is encrypted; write it unencrypted with: openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out " + file + ".pkcs8");
        }
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw error(file, "not a PEM private key: expected a '" + PKCS8_BEGIN + "' block (PKCS#8)");
        }
        String body = pem.substring(begin + PKCS8_BEGIN.length(), end).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw error(file, "the PEM block is not valid base64");
        }
        if (der.length == 0) throw error(file, "the PEM block is empty");
        try {
            PrivateKey k = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(k instanceof RSAPrivateCrtKey crt)) {
                throw error(file, "the RSA key has no public exponent (not a CRT key); regenerate it with openssl genpkey -algorithm RSA");
            }
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new DkimKey(file, crt, pub);
        } catch (GeneralSecurityException e) {
            // The exception text can quote the key's bytes: give only its kind.
            throw error(file, "not an RSA PKCS#8 private key (" + e.getClass().getSimpleName()
                    + "); listguard signs with rsa-sha256 only (RFC 8301)");
        }
    }

    private static InputException error(Path file, String problem) {
        return new InputException(file.toString(), 0, FIELD, problem);
    }

    public Path file() { return file; }

    public PrivateKey privateKey() { return privateKey; }

    public RSAPublicKey publicKey() { return publicKey; }

    /** The modulus length in bits. */
    public int bits() { return publicKey.getModulus().bitLength(); }

    /** The SubjectPublicKeyInfo in base64: the {@code p=} value of the DKIM key record. */
    public String publicKeyBase64() { return Base64.getEncoder().encodeToString(publicKey.getEncoded()); }

    /** The TXT record to publish. */
    public String dnsRecord() { return "v=DKIM1; k=rsa; p=" + publicKeyBase64(); }

    /** True when a published key is this key's public half. */
    public boolean matches(java.security.PublicKey published) {
        return published instanceof RSAPublicKey r && r.getModulus().equals(publicKey.getModulus())
                && r.getPublicExponent().equals(publicKey.getPublicExponent());
    }

    @Override
    public String toString() {
        return "DkimKey[" + file + ", RSA " + bits() + " bits]";
    }
}
