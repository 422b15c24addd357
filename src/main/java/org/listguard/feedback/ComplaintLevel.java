package org.listguard.feedback;

import org.listguard.config.BounceSettings;
import org.listguard.journal.ComplaintRate;

/**
 * Where a run's complaint rate stands against {@code bounces.complaint_warn} (default 0.1 %) and
 * {@code bounces.complaint_stop} (default 0.3 %): the thresholds of Gmail's and Yahoo's 2024
 * bulk-sender requirements (https://support.google.com/a/answer/81126, "keep spam rates below
 * 0.1 % and never reach 0.3 %"). Strictly over a limit counts.
 */
public enum ComplaintLevel {
    OK, WARN, STOP;

    public static ComplaintLevel of(ComplaintRate rate, BounceSettings limits) {
        double p = rate.percent();
        if (p > limits.complaintStop()) return STOP;
        if (p > limits.complaintWarn()) return WARN;
        return OK;
    }
}
