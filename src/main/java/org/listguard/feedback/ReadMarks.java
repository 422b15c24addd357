package org.listguard.feedback;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.listguard.journal.Journal;
import org.listguard.journal.MailboxReads;

/**
 * What a return-path reader already read (issue 21), so that a look costs work proportional to
 * the new messages: the Maildir messages read and left (by unique name), and how far an IMAP
 * folder was read (UIDVALIDITY, last UID). A cache of work done, never of decisions: a report's
 * own key in the journal's feedback store still keeps it from being applied twice, and losing the
 * marks costs one full read.
 *
 * <p>{@code reader} names the mailbox (a Maildir's absolute path, an IMAP folder's URL); marks
 * kept in the journal are also named by purpose ({@link #in(Journal, String)}): the DMARC reader
 * of the same mailbox looks for other messages than the bounce reader, and must not skip what that
 * one left.
 */
public interface ReadMarks {
    /** Every message with a UID up to {@code lastUid} under {@code uidValidity} was read. */
    record UidMark(long uidValidity, long lastUid) {}

    /** The Maildir unique names read and left. */
    Set<String> left(String reader);

    /** Remembers {@code added} as read and left, forgets {@code gone}. */
    void update(String reader, Collection<String> added, Collection<String> gone);

    Optional<UidMark> uidMark(String reader);

    void uidMark(String reader, UidMark mark);

    /** Remembers nothing: every look reads every message (what a reader without a journal does). */
    ReadMarks NONE = new ReadMarks() {
        @Override
        public Set<String> left(String reader) { return Set.of(); }

        @Override
        public void update(String reader, Collection<String> added, Collection<String> gone) { }

        @Override
        public Optional<UidMark> uidMark(String reader) { return Optional.empty(); }

        @Override
        public void uidMark(String reader, UidMark mark) { }
    };

    /**
     * Kept in the journal ({@link Journal#mailboxReads()}): survives the process.
     *
     * @param purpose what the reader looks for ("bounces"): readers of one mailbox with other purposes keep other marks
     */
    static ReadMarks in(Journal journal, String purpose) {
        MailboxReads store = journal.mailboxReads();
        return new ReadMarks() {
            @Override
            public Set<String> left(String reader) { return store.left(purpose + " " + reader); }

            @Override
            public void update(String reader, Collection<String> added, Collection<String> gone) {
                store.update(purpose + " " + reader, added, gone);
            }

            @Override
            public Optional<UidMark> uidMark(String reader) {
                return store.uidMark(purpose + " " + reader).map(m -> new UidMark(m.uidValidity(), m.lastUid()));
            }

            @Override
            public void uidMark(String reader, UidMark mark) {
                store.uidMark(purpose + " " + reader, new MailboxReads.UidMark(mark.uidValidity(), mark.lastUid()));
            }
        };
    }

    /** Kept in memory, for tests and one process. */
    static ReadMarks inMemory() {
        Map<String, Set<String>> left = new HashMap<>();
        Map<String, UidMark> marks = new HashMap<>();
        return new ReadMarks() {
            @Override
            public synchronized Set<String> left(String reader) { return new HashSet<>(left.getOrDefault(reader, Set.of())); }

            @Override
            public synchronized void update(String reader, Collection<String> added, Collection<String> gone) {
                Set<String> s = left.computeIfAbsent(reader, k -> new HashSet<>());
                s.addAll(added);
                s.removeAll(gone);
            }

            @Override
            public synchronized Optional<UidMark> uidMark(String reader) { return Optional.ofNullable(marks.get(reader)); }

            @Override
            public synchronized void uidMark(String reader, UidMark mark) { marks.put(reader, mark); }
        };
    }
}
