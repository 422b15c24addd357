package org.listguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.listguard.report.Json;
import org.listguard.schedule.ScheduleEntry;

/** {@code schedule list --format json}: {@code {"zone", "campaigns": [{"campaign", "cron", "next": ["2026-12-01T09:00:00+01:00", …]}]}}. */
final class ScheduleJson {
    private ScheduleJson() {}

    static String render(ZoneId zone, List<ScheduleEntry> entries) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("zone", zone.getId());
        ArrayNode a = n.putArray("campaigns");
        for (ScheduleEntry e : entries) {
            ObjectNode c = a.addObject();
            c.put("campaign", e.campaign());
            c.put("cron", e.cron());
            ArrayNode next = c.putArray("next");
            e.next().forEach(t -> next.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)));
        }
        return Json.write(n);
    }
}
