package org.listguard.mailbox;

import java.util.List;
import org.listguard.placement.HeaderFields;
import org.listguard.placement.ReceiverVerdict;
import org.listguard.placement.VerdictHeaders;

/**
 * What an arrived seed's header section tells: the receiver's verdict and its own Received: line
 * (or, when no line names a delivering IP, the topmost one, as before), both bounded.
 */
record SeedHeaders(String received, ReceiverVerdict verdict) {
    static SeedHeaders read(byte[] headerSection, String authservId, String marker) {
        List<HeaderFields.Field> fields = HeaderFields.parse(headerSection);
        ReceiverVerdict v = VerdictHeaders.read(fields, authservId, marker);
        String line = v.received();
        if (line == null) {
            for (HeaderFields.Field f : fields) {
                if (f.is("Received")) {
                    line = f.value();
                    break;
                }
            }
        }
        if (line != null && line.length() > 1000) line = line.substring(0, 1000);
        return new SeedHeaders(line, v);
    }
}
