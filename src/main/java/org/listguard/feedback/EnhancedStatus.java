package org.listguard.feedback;

/**
 * A recipient's enhanced status code (RFC 3463) and where it was read: the report's structured
 * status field (a DSN's {@code Status:}, RFC 3464 s2.3.4; Amazon SES's {@code status}, "the value
 * of the Status field from the DSN") or the receiver's own words. The receiver's code is more
 * specific than a reporting MTA's summary (Exim writes {@code Status: 5.0.0} for every failure),
 * so it wins, unless it is the generic one (X.0.0, "other or undefined status", RFC 3463 s3.1)
 * and the field is not.
 *
 * @param code the code, or null when neither has one
 * @param from {@link BounceRecord#FROM_STATUS}, {@link BounceRecord#FROM_TEXT}, or null
 */
record EnhancedStatus(String code, String from) {
    /** From the structured field {@code field} (its text, as given; may be null) and the receiver's {@code text}. */
    static EnhancedStatus of(String field, String text) {
        String status = null;
        if (field != null) {
            var m = Diagnostics.ENHANCED.matcher(field);
            status = m.find() ? m.group(1) : null;
        }
        String textual = Diagnostics.enhanced(text);
        if (textual != null && !textual.equals(status) && !(generic(textual) && status != null && !generic(status))) {
            return new EnhancedStatus(textual, BounceRecord.FROM_TEXT);
        }
        return new EnhancedStatus(status, status == null ? null : BounceRecord.FROM_STATUS);
    }

    private static boolean generic(String status) {
        return status.endsWith(".0.0");
    }
}
