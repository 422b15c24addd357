package org.listguard.compose.dkim;

/** The outcome of verifying a message's DKIM signature (RFC 8601 §2.7.1 vocabulary). */
public sealed interface DkimVerification {
    /** A signature verified against the key published for {@code d=}/{@code s=}. */
    record Pass(String domain, String selector) implements DkimVerification {}

    /** The signature or the key is wrong (permerror/fail): the receiver will not accept it. */
    record Fail(String reason) implements DkimVerification {}

    /** The key could not be fetched (DNS failure): undecided. */
    record TempError(String reason) implements DkimVerification {}

    /** The message carries no DKIM-Signature. */
    record None() implements DkimVerification {}
}
