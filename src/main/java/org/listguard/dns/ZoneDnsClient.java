package org.listguard.dns;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** A {@link DnsClient} answered in-process from zone files: the {@code --sandbox} world, and fast tests. */
public final class ZoneDnsClient implements DnsClient {
    private final ZoneAnswerer answerer;

    public ZoneDnsClient(ZoneAnswerer answerer) {
        this.answerer = answerer;
    }

    @Override
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return CompletableFuture.completedFuture(DnsjavaClient.interpret(name, type, answerer.answer(q)));
    }
}
