package org.listguard.dns;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@link DnsClient} over dnsjava's asynchronous {@link Resolver#sendAsync(Message)}: hundreds of
 * queries can be in flight at once, each bounded by the timeout. No shared dnsjava cache is
 * involved (see LIBRARIES.md): callers that want caching wrap this in {@link CachingDnsClient}.
 */
public final class DnsjavaClient implements DnsClient {
    private final Resolver resolver;
    private final Duration timeout;

    public DnsjavaClient(Resolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        resolver.setTimeout(timeout);
    }

    /** Resolvers by address; empty = the system's resolvers (from /etc/resolv.conf). */
    public static DnsjavaClient of(List<InetSocketAddress> servers, Duration timeout) {
        List<InetSocketAddress> list = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
        if (list.isEmpty()) list = List.of(new InetSocketAddress("127.0.0.1", 53));
        List<Resolver> rs = new ArrayList<>();
        for (InetSocketAddress a : list) rs.add(new SimpleResolver(a));
        Resolver r;
        if (rs.size() == 1) {
            r = rs.get(0);
        } else {
            ExtendedResolver ext = new ExtendedResolver(rs);
            ext.setRetries(1);
            ext.setLoadBalance(false);
            r = ext;
        }
        return new DnsjavaClient(r, timeout);
    }

    @Override
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        CompletableFuture<Message> sent;
        try {
            sent = resolver.sendAsync(q).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new DnsAnswer.Failure(DnsAnswer.Failure.Kind.OTHER, e.toString()));
        }
        // Our own bound on top of the resolver's: a run never hangs on DNS (DESIGN invariant 6).
        long bound = timeout.toMillis() * 2 + 250;
        return sent.orTimeout(bound, TimeUnit.MILLISECONDS)
                .handle((m, err) -> err != null ? failure(err) : interpret(name, type, m));
    }

    static DnsAnswer interpret(Name name, int type, Message m) {
        int rcode = m.getRcode();
        long negTtl = negativeTtl(m);
        switch (rcode) {
            case Rcode.NOERROR -> {
                List<Record> out = new ArrayList<>();
                long ttl = Long.MAX_VALUE;
                Name want = name;
                // Follow CNAME chains inside the answer section.
                for (int hops = 0; hops < 8; hops++) {
                    boolean moved = false;
                    for (Record r : m.getSection(Section.ANSWER)) {
                        if (!r.getName().equals(want)) continue;
                        if (r.getType() == type) {
                            out.add(r);
                            ttl = Math.min(ttl, r.getTTL());
                        } else if (r instanceof CNAMERecord c && type != Type.CNAME) {
                            want = c.getTarget();
                            ttl = Math.min(ttl, r.getTTL());
                            moved = true;
                        }
                    }
                    if (!moved || !out.isEmpty()) break;
                }
                if (out.isEmpty()) return new DnsAnswer.NoData(negTtl);
                return new DnsAnswer.Records(out, ttl);
            }
            case Rcode.NXDOMAIN -> {
                return new DnsAnswer.NxDomain(negTtl);
            }
            case Rcode.SERVFAIL -> {
                return new DnsAnswer.Failure(DnsAnswer.Failure.Kind.SERVFAIL, "the server could not answer");
            }
            case Rcode.REFUSED -> {
                return new DnsAnswer.Failure(DnsAnswer.Failure.Kind.REFUSED, "the server refused the query");
            }
            default -> {
                return new DnsAnswer.Failure(DnsAnswer.Failure.Kind.OTHER, "rcode " + Rcode.string(rcode)
                        + (m.getHeader().getFlag(Flags.TC) ? " (truncated)" : ""));
            }
        }
    }

    private static long negativeTtl(Message m) {
        for (Record r : m.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) return Math.min(soa.getTTL(), soa.getMinimum());
        }
        return 60;
    }

    static DnsAnswer failure(Throwable err) {
        Throwable t = err;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
            return new DnsAnswer.Failure(DnsAnswer.Failure.Kind.TIMEOUT, "no answer in time");
        }
        if (t instanceof java.io.IOException) return new DnsAnswer.Failure(DnsAnswer.Failure.Kind.NETWORK, t.getMessage());
        return new DnsAnswer.Failure(DnsAnswer.Failure.Kind.OTHER, t.toString());
    }
}
