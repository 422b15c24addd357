package org.listguard.schedule;

/** What a scheduled firing does: run one campaign's send, returning its exit code (0, 3, 4, 75, …). */
@FunctionalInterface
public interface CampaignRunner {
    int run(String campaign);
}
