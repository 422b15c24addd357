package org.listguard.events;

import java.util.List;
import java.util.Optional;
import org.listguard.guard.Evidence;
import org.listguard.reply.Action;

/**
 * What the journal keeps of a run's course besides the recipients' outcomes: one record per kind
 * the send path, the return path and bounce processing write, read back typed by {@code status},
 * the reports and the resume logic (DESIGN.md invariant 12: every view from the same events).
 * Stored as {@code (kind, detail JSON)} by {@link RunRecordCodec}, whose field names are the
 * schema; a row this version cannot read is an {@link Unreadable}, never an exception.
 *
 * <p>{@link #provenance()} names who said it, as {@code guard.Provenance.kind()} spells it
 * ({@code relay}, {@code seed}, {@code member}, {@code feedback-loop}, {@code dmarc},
 * {@code operator}, {@code own-lookup}); empty when the record is the guard's decision over
 * several reports (each piece of its evidence says its own source).
 */
public sealed interface RunRecord {

    /** The journaled kind, e.g. {@code batch}, {@code provider_suspended}, {@code bounce-reputation}. */
    String kind();

    /** Who said it (see the interface's comment). */
    Optional<String> provenance();

    String RELAY = "relay", SEED = "seed", MEMBER = "member", FEEDBACK_LOOP = "feedback-loop", DMARC = "dmarc",
            OPERATOR = "operator", OWN_LOOKUP = "own-lookup";

    // ---- the run's plan and course ----

    /**
     * Batch {@code batch} (1…) of {@code size} recipients started: the report's batch chart.
     * {@code seqs} are its recipients' sequence numbers, so a report places each outcome in its
     * batch by membership rather than by a millisecond timestamp (two events in the same
     * millisecond are otherwise ambiguous); empty in records written before they were kept.
     */
    record Batch(int batch, int size, List<Long> seqs) implements RunRecord {
        public Batch {
            seqs = List.copyOf(seqs);
        }

        public Batch(int batch, int size) {
            this(batch, size, List.of());
        }

        public String kind() { return "batch"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** A new run's recipients were planned: {@code rows} list rows, {@code toSend} of them to send. */
    record Planned(long rows, long toSend) implements RunRecord {
        public String kind() { return "planned"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** A resumed run whose plan was cut short was planned on from row {@code resumedAtRow}. */
    record PlannedOnResume(long resumedAtRow) implements RunRecord {
        public String kind() { return "planned"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** The operator's {@code send} resumed the run: the new gate verdict, whether forced, the state it was in. */
    record Resumed(String verdict, boolean forced, String previousState) implements RunRecord {
        public String kind() { return "resumed"; }
        public Optional<String> provenance() { return Optional.of(OPERATOR); }
    }

    /** {@code send --wait}: the re-audit passed after waiting {@code afterWaitSeconds}. */
    record ResumedAfterWait(long afterWaitSeconds) implements RunRecord {
        public String kind() { return "resumed"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** {@code send --again}: a new run of a campaign already sent in its period ({@code reason} "send --again"). */
    record Again(String reason) implements RunRecord {
        public String kind() { return "again"; }
        public Optional<String> provenance() { return Optional.of(OPERATOR); }
    }

    /** {@code send --force}: the run started although the gate said {@code verdict}. */
    record Forced(String verdict) implements RunRecord {
        public String kind() { return "forced"; }
        public Optional<String> provenance() { return Optional.of(OPERATOR); }
    }

    /** The run stopped cleanly on a signal (SIGINT, SIGTERM). */
    record Interrupted(String signal) implements RunRecord {
        public String kind() { return "interrupted"; }
        public Optional<String> provenance() { return Optional.of(OPERATOR); }
    }

    /** The relay asked to slow down: the rate is now {@code rateFactor} of the configured one; {@code evidence} may be null. */
    record SlowDown(String reason, double rateFactor, Evidence evidence) implements RunRecord {
        public String kind() { return "slow_down"; }
        public Optional<String> provenance() { return Optional.of(RELAY); }
    }

    /** A batch without throttle replies gave part of the rate back. */
    record RateRecovered(double rateFactor) implements RunRecord {
        public String kind() { return "rate_recovered"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** A failover from relay {@code from} to {@code to} was tried; {@code verdict} is {@code to}'s own audit. */
    record Failover(String from, String to, String reason, String verdict, List<Evidence> evidence) implements RunRecord {
        public Failover {
            evidence = List.copyOf(evidence);
        }

        public String kind() { return "failover"; }

        /** The relay's replies, or our own re-check when every piece of evidence is a listing. */
        public Optional<String> provenance() {
            boolean listings = !evidence.isEmpty() && evidence.stream().allMatch(e -> "listing".equals(e.kind()));
            return Optional.of(listings ? OWN_LOOKUP : RELAY);
        }
    }

    /** The run ended with {@code members} members blocked by their own reports only: that does not hold the run. */
    record BlockedUncorroborated(long members) implements RunRecord {
        public String kind() { return "blocked_uncorroborated"; }
        public Optional<String> provenance() { return Optional.of(MEMBER); }
    }

    // ---- receiving providers ----

    /**
     * A receiving provider is suspended: by the guard over receivers' refusals ({@code evidence}),
     * or at the start of a run from a block remembered from an earlier one ({@code remembered}).
     */
    record ProviderSuspended(String provider, String reason, List<Evidence> evidence, boolean remembered) implements RunRecord {
        public ProviderSuspended {
            evidence = evidence == null ? null : List.copyOf(evidence);
        }

        public String kind() { return "provider_suspended"; }

        public Optional<String> provenance() { return remembered ? Optional.of(OWN_LOOKUP) : Optional.empty(); }
    }

    /** A suspended provider's canary drew no refusal: its {@code released} waiting members go again. */
    record ProviderResumed(String provider, int released) implements RunRecord {
        public String kind() { return "provider_resumed"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** Recipient {@code seq} (of {@code domain}) went as suspended {@code provider}'s canary. */
    record CanarySent(String provider, long seq, String domain) implements RunRecord {
        public String kind() { return "canary_sent"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    // ---- the relay's egress and the return path ----

    /**
     * {@code ip} was learned as the relay's egress, proven by {@code source} ({@code seed},
     * {@code dsn-corroborated}, {@code dmarc}) with {@code witnesses} distinct sources (null for a seed).
     */
    record EgressLearned(String ip, String source, Integer witnesses, String receiver, boolean inRelaysIps, String zone)
            implements RunRecord {
        public String kind() { return "egress_learned"; }

        public Optional<String> provenance() {
            if ("seed".equals(source)) return Optional.of(SEED);
            if ("dmarc".equals(source)) return Optional.of(DMARC);
            return Optional.of(MEMBER); // corroborated by guard.corroborate distinct members
        }
    }

    /** A list a receiver named, that the gate does not check, was asked about {@code ip}: {@code answer}. */
    record NamedZoneChecked(String ip, String zone, String answer) implements RunRecord {
        public String kind() { return "named_zone_checked"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** The return path {@code mailbox} could not be read. */
    record ReturnPathUnreadable(String mailbox, String error) implements RunRecord {
        public String kind() { return "return_path_unreadable"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /** A message in the return path was set aside unread ({@code source}: which; {@code why}). */
    record ReturnPathSkipped(String source, String why) implements RunRecord {
        public String kind() { return "return_path_skipped"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    /**
     * A member-side report changed nothing beyond that member's row but is the run's evidence
     * ({@code bounce-reputation}, {@code bounce-throttle}…): bounce processing's record of it.
     *
     * @param reportKind {@code dsn}, {@code arf}… (stored as {@code kind})
     * @param replyCode  null when the report had none
     * @param dsnAction  {@code delayed} for a delay DSN (the relay still holds the message), else null
     */
    record Bounce(Action action, String reason, String recipient, String status, Integer replyCode, String diagnostic,
                  String remoteHost, String reportKind, String report, String source, String run, long seq, String matchedBy,
                  String processedAt, String reportingMta, String dsnAction) implements RunRecord {
        public String kind() { return "bounce-" + action.json(); }

        /** A proven feedback loop ({@code matched_by} "feedback-loop:PROVIDER"), else the one member the token or Message-ID names. */
        public Optional<String> provenance() {
            return Optional.of(matchedBy != null && matchedBy.startsWith("feedback-loop:") ? FEEDBACK_LOOP : MEMBER);
        }
    }

    /**
     * A member's bounce evidence newly asks for the operator's look (issue 22: refused run after
     * run, but the receiver's words say the mailbox exists, so it never suppresses on its own),
     * journaled once, when it first does, in the run whose report or relay reply tipped it: what
     * the send summary, {@code status} and {@code bounces process} tell the operator.
     *
     * @param reason the deciding report's reason (Sisimai's vocabulary)
     * @param why    the policy's sentence ({@code feedback.EvidencePolicy})
     * @param by     the path that weighed the report: {@value #BY_SEND} (a relay's refusal or the return
     *               path during a send) or {@value #BY_BOUNCES_PROCESS}; null in events journaled before it was kept
     */
    record MemberNeedsLook(String address, String reason, String why, String by) implements RunRecord {
        public static final String KIND = "member_needs_look";
        public static final String BY_SEND = "send";
        public static final String BY_BOUNCES_PROCESS = "bounces process";

        public MemberNeedsLook(String address, String reason, String why) {
            this(address, reason, why, null);
        }

        /** Whether a send's summary tells it: flagged during a send (or by a build that did not say). */
        public boolean bySend() { return by == null || BY_SEND.equals(by); }

        public String kind() { return KIND; }
        public Optional<String> provenance() { return Optional.of(MEMBER); }
    }

    // ---- seeds ----

    /** The relay accepted our seed message. {@code acceptedAt} is ISO-8601 UTC. */
    record SeedSent(String seed, String messageId, String marker, String relay, String reply, String acceptedAt, String queueId)
            implements RunRecord {
        public String kind() { return "seed_sent"; }
        public Optional<String> provenance() { return Optional.of(RELAY); }
    }

    /** The relay refused our seed message in the session ({@code action}, {@code reason}: its classification). */
    record SeedRefused(String seed, String messageId, String marker, String relay, String reply, Action action, String reason)
            implements RunRecord {
        public String kind() { return "seed_refused"; }
        public Optional<String> provenance() { return Optional.of(RELAY); }
    }

    /** Our seed arrived in its mailbox; {@code egressIp} from its Received: line; {@code clearedBlocksOf} a provider whose blocks it cleared. */
    record SeedArrived(String seed, String messageId, long afterSeconds, String egressIp, String clearedBlocksOf) implements RunRecord {
        public String kind() { return "seed_arrived"; }
        public Optional<String> provenance() { return Optional.of(SEED); }
    }

    /** A receiver behind the relay refused our seed (a DSN quoting the seed's Message-ID). */
    record SeedRefusedDownstream(String seed, String messageId, String relay, Action action, String reason, String status,
                                 String diagnostic, String reportingMta, String remoteMta, String egressIp, String zone,
                                 long afterSeconds) implements RunRecord {
        public String kind() { return "seed_refused_downstream"; }
        public Optional<String> provenance() { return Optional.of(SEED); }
    }

    /** Seeds the relay accepted did not arrive in time: the guard paused ({@code reason}, {@code evidence}). */
    record SeedOverdue(String reason, List<Evidence> evidence) implements RunRecord {
        public SeedOverdue {
            evidence = List.copyOf(evidence);
        }

        public String kind() { return "seed_overdue"; }
        public Optional<String> provenance() { return Optional.of(SEED); }
    }

    /**
     * Where our seed ended up at its receiving provider (issue 23): {@code inbox} or {@code junk}
     * (in {@code folder}) with the receiver's verdict from its headers, or {@code missing} when
     * {@code guard.seed_first} stopped waiting.
     */
    record SeedPlaced(String seed, String provider, org.listguard.placement.Placement placement, String folder, String messageId,
                      String relay, long afterSeconds, org.listguard.placement.ReceiverVerdict verdict) implements RunRecord {
        public SeedPlaced {
            verdict = verdict == null ? org.listguard.placement.ReceiverVerdict.NONE : verdict;
        }

        public String kind() { return "seed_placed"; }
        public Optional<String> provenance() { return Optional.of(SEED); }
    }

    /** The seed {@code mailbox} could not be read. */
    record SeedMailboxUnreachable(String mailbox, String error) implements RunRecord {
        public String kind() { return "seed_mailbox_unreachable"; }
        public Optional<String> provenance() { return Optional.of(OWN_LOOKUP); }
    }

    // ---- what this version cannot read ----

    /**
     * A row of an unknown kind, a newer schema version, or a detail that does not parse or lacks a
     * required field: kept as stored ({@code raw} may be null) and shown quoted, never guessed at.
     */
    record Unreadable(String kind, String raw) implements RunRecord {
        public Optional<String> provenance() { return Optional.empty(); }
    }
}
