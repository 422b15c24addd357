package org.listguard.compose.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.listguard.dns.DnsClient;

/**
 * Verifies a raw message's DKIM signature with keys fetched through our {@link DnsClient}. jDKIM
 * reports failures by throwing; this turns them into a {@link DkimVerification} value. Blocking
 * (a key lookup): call it off the audit's threads. Thread-safe (a jDKIM verifier per call).
 * jDKIM judges {@code t=} against the wall clock: a signature dated more than ~30 minutes ahead of
 * it fails ("Signature date is … in the future"), so sign with a clock near real time.
 */
public final class DkimVerifier {
    private final DnsKeyRetriever keys;

    public DkimVerifier(DnsClient dns) {
        this.keys = new DnsKeyRetriever(dns);
    }

    public DkimVerification verify(byte[] rawMessage) {
        DKIMVerifier v = new DKIMVerifier(keys);
        try {
            List<SignatureRecord> ok = v.verify(new ByteArrayInputStream(rawMessage));
            if (ok == null) return new DkimVerification.None();
            if (ok.isEmpty()) return new DkimVerification.Fail("no signature verified");
            SignatureRecord s = ok.get(0);
            return new DkimVerification.Pass(String.valueOf(s.getDToken()), String.valueOf(s.getSelector()));
        } catch (TempFailException e) {
            return new DkimVerification.TempError(e.getMessage());
        } catch (FailException e) {
            // A CompositeFailException may hold temporary failures among permanent ones.
            if (e instanceof org.apache.james.jdkim.exceptions.CompositeFailException c && allTemporary(c)) {
                return new DkimVerification.TempError(e.getMessage());
            }
            return new DkimVerification.Fail(e.getMessage());
        } catch (IOException e) {
            return new DkimVerification.Fail("cannot parse the message: " + e.getMessage());
        }
    }

    /**
     * Every signature of the message that verifies (RFC 6376 s6.1: each signature is judged on its
     * own; one that fails does not spoil another that passes), in header order; empty when none
     * does, when the message is unsigned or unreadable, or when a key could not be fetched.
     */
    public java.util.List<DkimVerification.Pass> passes(byte[] rawMessage) {
        DKIMVerifier v = new DKIMVerifier(keys);
        try {
            List<SignatureRecord> ok = v.verify(new ByteArrayInputStream(rawMessage));
            if (ok == null) return List.of();
            return ok.stream().map(s -> new DkimVerification.Pass(String.valueOf(s.getDToken()), String.valueOf(s.getSelector()))).toList();
        } catch (FailException | IOException | RuntimeException e) {
            return List.of(); // remote input: a broken signature or message proves nothing, and never throws
        }
    }

    private static boolean allTemporary(org.apache.james.jdkim.exceptions.CompositeFailException c) {
        List<FailException> list = c.getExceptions();
        return !list.isEmpty() && list.stream().allMatch(e -> e instanceof TempFailException);
    }
}
