package org.listguard.reply;

/** Where in the SMTP dialogue a reply came (RFC 5321 §4.1). A rejection before DATA is never about content. */
public enum Stage { CONNECT, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, DATA_END, UNKNOWN;

    /** Whether the receiver could have seen the message content at this stage. */
    public boolean sawContent() { return this == DATA_END || this == UNKNOWN; }
}
