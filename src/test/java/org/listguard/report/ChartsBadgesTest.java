package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch chart's marker badges never overprint: close ones move aside, then down a lane, and none leaves the plot. */
class ChartsBadgesTest {
    private static RunFacts.Marker at(int afterBatch) {
        return new RunFacts.Marker(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(afterBatch), "provider_suspended", "x", afterBatch);
    }

    @Test
    void markersAtOnePlaceAndAtTheEdgeGetBadgesApartInsideThePlot() {
        List<RunFacts.Marker> markers = new ArrayList<>();
        for (int i = 0; i < 30; i++) markers.add(at(i < 10 ? i : 67)); // in time order: one after each of the first 10 batches, 20 at the run's end
        List<double[]> badges = Charts.badges(markers, 67);
        assertEquals(30, badges.size());
        int lanes = 0;
        for (int i = 0; i < badges.size(); i++) {
            double[] a = badges.get(i);
            assertTrue(a[0] >= 12 - 1e-9 && a[0] <= 96 + 1e-9, "badge " + i + " inside the plot: " + a[0]);
            lanes = Math.max(lanes, (int) a[1] + 1);
            for (int j = 0; j < i; j++) {
                double[] b = badges.get(j);
                assertTrue(a[1] != b[1] || Math.abs(a[0] - b[0]) >= Charts.BADGE_GAP - 1e-9,
                        "badges " + j + " and " + i + " share lane " + (int) a[1] + " at " + b[0] + " and " + a[0] + " %");
            }
        }
        assertEquals(20, lanes, "the first 10 share the top lane, moved aside; the 20 at the right edge need a lane each");
    }

    @Test
    void aBadgeSitsAtItsMarkerWhenNothingIsNear() {
        List<double[]> badges = Charts.badges(List.of(at(2), at(6)), 10);
        assertEquals(10 + 2 * 8.8, badges.get(0)[0], 1e-9);
        assertEquals(10 + 6 * 8.8, badges.get(1)[0], 1e-9);
        assertEquals(0, badges.get(0)[1]);
        assertEquals(0, badges.get(1)[1]);
    }
}
