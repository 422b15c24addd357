package org.listguard.audit.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.listguard.InputException;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.compose.dkim.DkimKey;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.compose.dkim.DkimVerification;
import org.listguard.compose.dkim.DkimVerifier;
import org.listguard.config.Dkim;
import org.listguard.dns.DnsAnswer;
import org.xbill.DNS.Type;

/**
 * DKIM (RFC 6376, RFC 8301): the configured key is published at
 * {@code <selector>._domainkey.<domain>}, the published key is the public half of
 * {@code dkim.private_key}, the key is strong enough (&lt;1024 bits fail, &lt;2048 warn), and a sample
 * message signed with it verifies through DNS. Gmail, Yahoo and Outlook require DKIM of bulk senders.
 */
public final class DkimCheck implements Check {
    static final String CHECK = "dkim";

    @Override
    public String name() { return CHECK; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        if (ctx.config().dkimSettings().isEmpty()) {
            return done(Finding.of(CHECK, ctx.config().sender().fromDomain(), Role.DOMAIN, Status.FAIL)
                    .withDetail("no dkim section in the config: messages would go out unsigned")
                    .withRemediation("generate a key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out news.pem), "
                            + "publish its public half as TXT at <selector>._domainkey.<domain> and set dkim: {domain, selector, private_key}")
                    .withUrl("https://support.google.com/a/answer/81126"));
        }
        Dkim d = ctx.config().dkim();
        String keyName = d.selector() + "._domainkey." + d.domain();
        DkimKey key;
        try {
            key = DkimKey.load(d.privateKey());
        } catch (InputException e) {
            return done(finding(d.domain(), keyName, Status.FAIL).withDetail(e.getMessage()));
        }
        return ctx.dns().query(keyName, Type.TXT).thenCompose(answer -> {
            if (answer instanceof DnsAnswer.Failure) {
                return done(finding(d.domain(), keyName, Status.UNKNOWN).withDetail("the key lookup failed: " + answer)
                        .withRemediation("check the DNS resolvers (dns.resolvers) and retry"));
            }
            List<String> texts = answer instanceof DnsAnswer.Records r ? r.texts() : List.of();
            if (texts.isEmpty()) {
                return done(finding(d.domain(), keyName, Status.FAIL).withCode(answer.describe())
                        .withDetail("no DKIM key is published at " + keyName)
                        .withRemediation("publish this TXT record at " + keyName + ": " + key.dnsRecord()));
            }
            String record = texts.stream().filter(t -> TagList.parse(t).containsKey("p")).findFirst().orElse(texts.get(0));
            return inspect(ctx, d, keyName, key, record);
        });
    }

    private CompletableFuture<List<Finding>> inspect(AuditContext ctx, Dkim d, String keyName, DkimKey key, String record) {
        Map<String, String> tags = TagList.parse(record);
        String p = tags.get("p");
        if (p == null || p.isBlank()) {
            return done(finding(d.domain(), keyName, Status.FAIL).withCode(p == null ? "no p=" : "p= empty")
                    .withDetail(p == null ? "the record at " + keyName + " has no p= tag" : "the key at " + keyName + " is revoked (empty p=, RFC 6376 §3.6.1)")
                    .withRemediation("publish: " + key.dnsRecord()));
        }
        PublicKey published;
        try {
            published = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(p.replaceAll("\\s", ""))));
        } catch (Exception e) {
            return done(finding(d.domain(), keyName, Status.FAIL).withCode("bad p=")
                    .withDetail("the p= value at " + keyName + " is not a base64 RSA public key (" + e.getClass().getSimpleName() + ")")
                    .withRemediation("publish: " + key.dnsRecord()));
        }
        if (!key.matches(published)) {
            return done(finding(d.domain(), keyName, Status.FAIL).withCode("key mismatch")
                    .withDetail("key mismatch: the published key is not the public half of private_key (" + d.privateKey() + ")")
                    .withRemediation("publish the key that belongs to private_key: " + key.dnsRecord()
                            + " — or point dkim.private_key at the key whose public half is published"));
        }
        List<Finding> out = new ArrayList<>();
        int bits = ((RSAPublicKey) published).getModulus().bitLength();
        Status strength = bits < 1024 ? Status.FAIL : bits < 2048 ? Status.WARN : Status.PASS;
        Finding k = finding(d.domain(), keyName, strength).withCode("rsa " + bits).withMeaning("RSA key length");
        if (strength == Status.FAIL) {
            k = k.withDetail(bits + "-bit key: RFC 8301 §3.2 requires at least 1024 bits; receivers treat the signature as absent")
                    .withRemediation("generate a 2048-bit key and publish it under a new selector");
        } else if (strength == Status.WARN) {
            k = k.withDetail(bits + "-bit key: 2048 bits are recommended (RFC 8301 §3.2)")
                    .withRemediation("generate a 2048-bit key and publish it under a new selector");
        } else {
            k = k.withDetail("the published key matches private_key (" + bits + " bits)");
        }
        out.add(k);
        return Blocking.run(() -> {
            out.add(signAndVerify(ctx, d, keyName, key));
            return List.copyOf(out);
        });
    }

    private Finding signAndVerify(AuditContext ctx, Dkim d, String keyName, DkimKey key) {
        // The sample only proves that the published key verifies what private_key signs. jDKIM's
        // verifier refuses a t= later than its own wall clock, so the sample is dated by that clock
        // (an injected clock that runs ahead, as in tests and --wait, would fail it for no reason).
        byte[] signed = new DkimSigner(d.domain(), d.selector(), key, java.time.Clock.systemUTC()).sign(sample(ctx, d));
        DkimVerification v = new DkimVerifier(ctx.dns()).verify(signed);
        Finding f = finding(d.domain(), keyName, Status.PASS).withMeaning("a sample message signed with private_key, verified through DNS");
        if (v instanceof DkimVerification.Pass) return f.withCode("pass").withDetail("a sample signature verified with the published key");
        if (v instanceof DkimVerification.TempError t) return f.withStatus(Status.UNKNOWN).withCode("temperror").withDetail(t.reason());
        if (v instanceof DkimVerification.Fail x) {
            return f.withStatus(Status.FAIL).withCode("fail").withDetail("a sample signature did not verify: " + x.reason())
                    .withRemediation("check the published record's syntax (v=DKIM1; k=rsa; p=…) and the key");
        }
        return f.withStatus(Status.FAIL).withCode("none").withDetail("the sample message carried no signature (a bug)");
    }

    private static byte[] sample(AuditContext ctx, Dkim d) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ctx.clock().instant().atZone(ZoneOffset.UTC));
        String msg = "From: " + ctx.config().sender().from() + "\r\n"
                + "To: audit@" + d.domain() + "\r\n"
                + "Subject: listguard DKIM self-test\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <dkim-selftest@" + d.domain() + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "This message is signed and verified locally by listguard audit; it is never sent.\r\n";
        return msg.getBytes(StandardCharsets.UTF_8);
    }

    private static Finding finding(String domain, String source, Status s) {
        return Finding.of(CHECK, domain, Role.DOMAIN, s).withSource(source);
    }

    private static CompletableFuture<List<Finding>> done(Finding f) {
        return CompletableFuture.completedFuture(List.of(f));
    }
}
