package org.listguard.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.config.BounceSettings;

/**
 * What bounce processing may trust (DESIGN.md invariant 7): the token key(s) that made our VERP
 * and unsubscribe tokens, and the feedback loops ({@code bounces.feedback_sources}) whose DKIM
 * signature makes an ARF report trusted on its own. Every caller of {@link BounceProcessor} — the
 * {@code bounces process} command and a reader of the return path during a run — gets the same
 * rules through it.
 */
public final class ReportAuthenticator {
    /** Verifies a report's DKIM signature; the domain ({@code d=}) of a signature that passes, if any. */
    @FunctionalInterface
    public interface Signatures {
        Optional<String> verifiedDomain(byte[] rawReport);

        /** No DKIM checks: no feedback loop is trusted without a token or Message-ID. */
        Signatures NONE = raw -> Optional.empty();
    }

    /** Trusts Message-IDs only: no token key, no feedback loop. */
    public static final ReportAuthenticator MESSAGE_ID_ONLY = new ReportAuthenticator(null, List.of(), Signatures.NONE);

    private final KeyedTokens tokens;
    private final List<String> feedbackSources;
    private final Signatures signatures;

    /**
     * @param keys            the token key(s), or null to trust no token
     * @param feedbackSources domains (lower case) whose passing DKIM signature makes an ARF report trusted
     * @param signatures      the DKIM verifier of reports (DNS lookups): called only for ARF reports when sources are configured
     */
    public ReportAuthenticator(TokenKeys keys, List<String> feedbackSources, Signatures signatures) {
        this.tokens = keys == null ? null : new KeyedTokens(keys);
        this.feedbackSources = List.copyOf(feedbackSources);
        this.signatures = signatures;
    }

    /**
     * What every reader of the return path should use: the config's token key(s)
     * ({@code sender.token_key_file}, created when missing) and feedback loops; {@code signatures}
     * is consulted only when {@code bounces.feedback_sources} is set (e.g. {@code new DkimReportSignatures(dns)}).
     */
    public static ReportAuthenticator forConfig(org.listguard.config.Config config, Signatures signatures) {
        return of(TokenKeys.forConfig(config), config.bounceSettings(), signatures);
    }

    public static ReportAuthenticator of(TokenKeys keys, Optional<BounceSettings> settings, Signatures signatures) {
        return new ReportAuthenticator(keys, settings.map(BounceSettings::feedbackSources).orElse(List.of()), signatures);
    }

    KeyedTokens tokens() { return tokens; }

    /**
     * The configured feedback loop that DKIM-signed this ARF report (its {@code d=} is the source or
     * a subdomain of it), or null. A signature of any other domain proves nothing.
     */
    String trustedSource(byte[] rawReport, boolean arf) {
        if (!arf || feedbackSources.isEmpty()) return null;
        Optional<String> d = signatures.verifiedDomain(rawReport);
        if (d.isEmpty()) return null;
        String domain = d.get().toLowerCase(Locale.ROOT);
        for (String s : feedbackSources) {
            if (domain.equals(s) || domain.endsWith("." + s)) return s;
        }
        return null;
    }
}
