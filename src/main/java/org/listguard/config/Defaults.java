package org.listguard.config;

import java.time.Duration;

/** Every default of the configuration, named in one place (README's config reference quotes these). */
public final class Defaults {
    private Defaults() {}

    public static final String CONFIG_FILE = "config/listguard.yaml";
    public static final int SUBMISSION_PORT = 587;
    public static final Duration DNS_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration SMTP_TIMEOUT = Duration.ofSeconds(30);
    public static final int BATCH_SIZE = 100;
    public static final Duration BATCH_PAUSE = Duration.ofSeconds(60);
    public static final int MAX_PER_HOUR = 1000;
    public static final int CONNECTIONS = 1;
    /** Deferred retries within a run: 1, 5, 15, then every 30 minutes. */
    public static final java.util.List<Duration> RETRY = java.util.List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30));
    public static final int RECHECK_EVERY_BATCHES = 1;
    /** Issue 4: one reputation/sender reply from the relay itself pauses the run. */
    public static final Threshold PAUSE_REPUTATION = new Threshold(1, null);
    /** Issue 4: three reputation replies from downstream receivers within ten minutes pause it. */
    public static final Threshold PAUSE_REPUTATION_DOWNSTREAM = new Threshold(3, Duration.ofMinutes(10));
    public static final Threshold PAUSE_SENDER = new Threshold(1, null);
    public static final Threshold PAUSE_THROTTLE = new Threshold(5, Duration.ofMinutes(10));
    public static final Threshold PAUSE_CONTENT = new Threshold(3, Duration.ofMinutes(10));
    /** Issue 8: two sender-side verdicts from one receiving provider within ten minutes suspend that provider. */
    public static final Threshold SUSPEND_PROVIDER = new Threshold(2, Duration.ofMinutes(10));
    /** Issue 8: two suspended providers in one run pause it (the relay, not one receiver, is the problem). */
    public static final Threshold PAUSE_PROVIDERS = new Threshold(2, null);
    /**
     * Issue 18: distinct members whose own reports (token or Message-ID) must agree before they
     * count beyond themselves, e.g. member-proven complaints toward the complaint gate.
     */
    public static final int CORROBORATE = 3;
    public static final Duration BLOCK_MEMORY = Duration.ofHours(24);
    public static final Duration BLOCK_RETRY = Duration.ofMinutes(30);
    public static final Duration CANARY_WAIT = Duration.ofSeconds(60);
    public static final Duration DSN_WAIT = Duration.ofSeconds(60);
    public static final Duration SEED_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration MAX_PAUSE = Duration.ofHours(6);
    /** bounces.max_message_size: a DSN or ARF report is a few KB; 10 MB leaves room for a quoted original. */
    public static final String MAX_MESSAGE_SIZE = "10MB";
    /**
     * Issue 22, bounces.score.threshold: Mailman's bounce_score_threshold (5.0). A run's ambiguous
     * bounce adds 1.0 to 2.5 (feedback.EvidenceWeights), so it takes two to five runs.
     */
    public static final double BOUNCE_SCORE_THRESHOLD = 5.0;
    /**
     * Issue 22, bounces.score.stale_after: Mailman's bounce_info_stale_after is 7 days for lists that
     * mail daily; a newsletter runs monthly, so evidence is kept for three months of runs.
     */
    public static final Duration BOUNCE_SCORE_STALE_AFTER = Duration.ofDays(90);
    /** Issue 22, bounces.score.full_after: a mailbox still full two weeks later is not a holiday backlog. */
    public static final Duration BOUNCE_FULL_AFTER = Duration.ofDays(14);
    /** Issue 10: a scheduled slot missed by less than this (daemon down, host rebooted) is caught up. */
    public static final Duration SCHEDULE_GRACE = Duration.ofHours(24);
    /** Issue 10: an unscheduled campaign is not sent again within this time after a completed run without --again. */
    public static final Duration SEND_AGAIN_AFTER = Duration.ofHours(20);
    public static final String JOURNAL_URL = "jdbc:sqlite:data/listguard.db";
    /** Issue 11: the secret of VERP and unsubscribe tokens, created 0600 with a random 256-bit key when missing. */
    public static final String TOKEN_KEY_FILE = "data/token.key";
    /** Issue 11: {@code serve} listens on loopback; put a TLS reverse proxy in front of it. */
    public static final String SERVE_HTTP = "127.0.0.1:8025";
    /** Issue 24: dmarc.max_dkim_fail, percent of our messages a receiver reports with our DKIM failing before the gate warns. */
    public static final double DMARC_MAX_DKIM_FAIL = 2.0;
    /** Issue 24: above this percent the dmarc-dkim finding fails the gate. */
    public static final double DMARC_DKIM_FAIL_STOP = 10.0;
    /** Issue 24: dmarc.window, how far back the gate reads DMARC reports. */
    public static final Duration DMARC_WINDOW = Duration.ofDays(7);
    /** Issue 24: dmarc-coverage names a provider that got more than this many of our messages in the last run and sent no report. */
    public static final int DMARC_COVERAGE_MIN = 100;
    public static final String SANDBOX_JOURNAL_URL = "jdbc:sqlite:out/sandbox/listguard.db";
}
