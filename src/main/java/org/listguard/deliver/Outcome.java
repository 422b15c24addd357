package org.listguard.deliver;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a relay did with one recipient's transaction. A relay's 2xx means "accepted for
 * delivery", never "delivered" (simple-java-mail's receipt has the same meaning).
 */
public enum Outcome {
    /** 2xx after the end of DATA (RFC 5321 §4.1.1.4): the relay took responsibility. */
    ACCEPTED,
    /** A 4xx reply, or a connection failure before DATA: nothing was accepted, try again later. */
    DEFERRED,
    /** A 5xx reply: nothing was accepted and retrying the same way will not help. */
    REJECTED,
    /**
     * The connection dropped or timed out after the message body was sent and before the final
     * reply: the relay may have accepted it (RFC 5321 §4.1.1.4, §6.1 duplicate risk; OkHttp treats
     * a failed request whose body was written the same way). Never resent unless asked.
     */
    UNKNOWN,
    /**
     * Nothing was sent: this relay cannot carry the message as it is (a non-ASCII address and no
     * SMTPUTF8, RFC 6531 §3.4). Sending it anyway would change the address; the recipient is skipped.
     */
    UNSENDABLE;

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }
}
