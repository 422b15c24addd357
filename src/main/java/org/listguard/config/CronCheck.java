package org.listguard.config;

import java.util.Locale;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Whether a campaign's {@code schedule} is a Quartz cron expression, field by field. Quartz's own
 * parser is lenient: it accepts {@code "0 0 9 1 * ?x"} (anything after a {@code ?}) and then fires
 * on a schedule nobody wrote. The fields (Quartz CronTrigger tutorial): seconds, minutes, hours,
 * day-of-month, month, day-of-week, and an optional year; {@code ?} stands alone in day-of-month
 * or day-of-week. Returns a problem in plain words, or null when the expression is valid.
 */
final class CronCheck {
    private CronCheck() {}

    private static final String STEP = "(?:/\\d{1,3})?";
    private static String list(String item) {
        String range = "(?:\\*|" + item + "(?:-" + item + ")?)" + STEP;
        return range + "(?:," + range + ")*";
    }

    private static final String NUM = "\\d{1,2}";
    private static final String MONTH = "(?:\\d{1,2}|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)";
    private static final String DAY = "(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)";
    private static final Pattern[] FIELDS = {
        Pattern.compile(list(NUM)),                                                           // seconds
        Pattern.compile(list(NUM)),                                                           // minutes
        Pattern.compile(list(NUM)),                                                           // hours
        Pattern.compile("\\?|L(?:-\\d{1,2})?|LW|\\d{1,2}W|" + list(NUM)),                      // day of month
        Pattern.compile(list(MONTH)),                                                         // month
        Pattern.compile("\\?|L|" + DAY + "L|" + DAY + "#[1-5]|" + list(DAY)),                 // day of week
        Pattern.compile(list("\\d{4}")),                                                      // year (optional)
    };
    private static final String[] NAMES = {"seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year"};

    static String problem(String expression) {
        String[] f = expression.trim().split("\\s+");
        if (f.length == 5) {
            return "has 5 fields: Quartz cron starts with seconds, and one of day-of-month and day-of-week must be '?' "
                    + "(e.g. the Unix cron \"0 9 1 * *\" is \"0 0 9 1 * ?\")";
        }
        if (f.length < 6 || f.length > 7) {
            return "has " + f.length + " field(s); Quartz cron has 6 or 7: seconds minutes hours day-of-month month day-of-week [year]";
        }
        for (int i = 0; i < f.length; i++) {
            if (!FIELDS[i].matcher(f[i].toUpperCase(Locale.ROOT)).matches()) return "field " + (i + 1) + " (" + NAMES[i] + ") '" + f[i] + "' is not valid";
        }
        if (!f[3].equals("?") && !f[5].equals("?")) return "one of day-of-month (field 4) and day-of-week (field 6) must be '?'";
        if (!CronExpression.isValidExpression(expression)) {
            try {
                new CronExpression(expression);
            } catch (java.text.ParseException | RuntimeException e) {
                return "is not a Quartz cron expression: " + e.getMessage();
            }
            return "is not a Quartz cron expression";
        }
        return null;
    }
}
