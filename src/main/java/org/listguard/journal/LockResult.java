package org.listguard.journal;

/**
 * The answer to "may this process send campaign X now?" ({@link Journal#lockCampaign(String)}).
 * Either the lock is {@link Acquired} (close it when the run stops; it is also released when the
 * process dies) or another sender {@link Held} it.
 */
public sealed interface LockResult permits LockResult.Acquired, LockResult.Held {

    /** The lock is ours until {@link #close()}. */
    final class Acquired implements LockResult, AutoCloseable {
        private final String campaign;
        private final Runnable release;
        private boolean released;

        Acquired(String campaign, Runnable release) {
            this.campaign = campaign;
            this.release = release;
        }

        public String campaign() { return campaign; }

        @Override
        public synchronized void close() {
            if (released) return;
            released = true;
            release.run();
        }
    }

    /** Someone else sends this campaign; {@code holder} says who, as far as it can be known. */
    record Held(String campaign, String holder) implements LockResult {}
}
