package org.listguard.dns;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;

/**
 * The only way listguard asks DNS. Implementations never complete exceptionally and never take
 * longer than their timeout: every outcome, including failures, is a {@link DnsAnswer}.
 */
public interface DnsClient {

    CompletableFuture<DnsAnswer> query(Name name, int type);

    default CompletableFuture<DnsAnswer> query(String name, int type) {
        return query(DnsNames.name(name), type);
    }
}
