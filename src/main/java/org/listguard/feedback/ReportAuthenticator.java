package org.listguard.feedback;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.config.BounceSettings;
import org.listguard.config.Config;

/**
 * What bounce processing may trust (DESIGN.md invariants 7 and 11): the token key(s) that made our
 * VERP and unsubscribe tokens (a member's own proof: it speaks for that member only), and what
 * proves a feedback loop's report ({@link FeedbackLoopChecker}: the provider's DKIM signature of a
 * {@code bounces.feedback_sources} domain, the RFC 5965 shape, and our own {@code dkim} signature
 * still verifying on the enclosed original). Every caller of {@link BounceProcessor} — the
 * {@code bounces process} command and a reader of the return path during a run — gets the same
 * rules through it.
 */
public final class ReportAuthenticator {
    /** One DKIM signature that verified: its {@code d=} and {@code s=}. */
    public record Signature(String domain, String selector) {}

    /** Verifies a message's DKIM signatures (DNS lookups): every one that passes, none when none does. Never throws. */
    @FunctionalInterface
    public interface Signatures {
        List<Signature> verified(byte[] rawMessage);

        /** No DKIM checks: no feedback loop is ever proven. */
        Signatures NONE = raw -> List.of();
    }

    /** Trusts Message-IDs only: no token key, no feedback loop. */
    public static final ReportAuthenticator MESSAGE_ID_ONLY = new ReportAuthenticator(null, List.of(), Signatures.NONE);

    private final KeyedTokens tokens;
    private final FeedbackLoopChecker feedbackLoops;

    /** Token keys and feedback sources, but no DKIM identity of ours: no report is ever a proven feedback loop. */
    public ReportAuthenticator(TokenKeys keys, List<String> feedbackSources, Signatures signatures) {
        this(keys, feedbackSources, null, null, List.of(), signatures);
    }

    /**
     * @param keys            the token key(s), or null to trust no token
     * @param feedbackSources domains (lower case) of feedback loops' DKIM signatures ({@code bounces.feedback_sources})
     * @param ownDomain       our {@code dkim.domain}, whose signature must still verify on a report's original; null: none
     * @param ownSelector     our {@code dkim.selector}
     * @param relayIps        {@code relays[].ips}: a report's Source-IP must be one of them or a learned egress IP
     * @param signatures      the DKIM verifier (DNS lookups): called only for ARF reports when sources are configured
     */
    public ReportAuthenticator(TokenKeys keys, List<String> feedbackSources, String ownDomain, String ownSelector,
                               Collection<String> relayIps, Signatures signatures) {
        this.tokens = keys == null ? null : new KeyedTokens(keys);
        this.feedbackLoops = new FeedbackLoopChecker(feedbackSources, ownDomain, ownSelector, relayIps, signatures);
    }

    /**
     * What every reader of the return path should use: the config's token key(s)
     * ({@code sender.token_key_file}, created when missing), feedback loops, {@code dkim} identity and
     * relay IPs; {@code signatures} is consulted only when {@code bounces.feedback_sources} is set
     * (e.g. {@code new DkimReportSignatures(dns)}).
     */
    public static ReportAuthenticator forConfig(Config config, Signatures signatures) {
        List<String> relayIps = config.relays().stream().flatMap(r -> r.ips().stream()).map(java.net.InetAddress::getHostAddress).toList();
        return new ReportAuthenticator(TokenKeys.forConfig(config), sources(config.bounceSettings()),
                config.dkim() == null ? null : config.dkim().domain(), config.dkim() == null ? null : config.dkim().selector(),
                relayIps, signatures);
    }

    public static ReportAuthenticator of(TokenKeys keys, Optional<BounceSettings> settings, Signatures signatures) {
        return new ReportAuthenticator(keys, sources(settings), signatures);
    }

    private static List<String> sources(Optional<BounceSettings> settings) {
        return settings.map(BounceSettings::feedbackSources).orElse(List.of());
    }

    KeyedTokens tokens() { return tokens; }

    /**
     * Whether this report proves itself a feedback loop's ({@link FeedbackLoopChecker}); a report
     * that is not ARF is never one.
     *
     * @param learnedEgress the egress IPs the journal learned (a Source-IP may name one of them); read only when needed
     */
    FeedbackLoopProof feedbackLoop(byte[] rawReport, boolean arf, java.util.function.Supplier<Collection<String>> learnedEgress) {
        if (!arf) return FeedbackLoopProof.NOT_ARF;
        return feedbackLoops.check(rawReport, learnedEgress);
    }
}
