package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.listguard.audit.Verdict;
import org.listguard.send.SendOutcome;

/** Issue 18: every way a send ends has its documented exit code, given in one place (ExitCode.of). */
class SendOutcomeExitCodeTest {
    static Map<SendOutcome, Integer> documented() {
        Map<SendOutcome, Integer> m = new LinkedHashMap<>();
        m.put(new SendOutcome.Completed("r1", "run r1 completed"), 0);
        m.put(new SendOutcome.Rehearsed("dry run"), 0);
        m.put(new SendOutcome.NotConfirmed(null, "not confirmed; nothing was sent"), 0);
        m.put(new SendOutcome.NotConfirmed("r1", "not confirmed; nothing was sent and run r1 stays paused"), 0);
        m.put(new SendOutcome.GateRefused(Verdict.NO_GO, "not sending"), 3);
        m.put(new SendOutcome.AlreadySent("not sending: already sent"), 3);
        m.put(new SendOutcome.GateRefused(Verdict.UNKNOWN, "not sending"), 4);
        m.put(new SendOutcome.Paused("r1", "reputation", "run r1 paused"), 75);
        m.put(new SendOutcome.Busy("host:42", "another send is running"), 75);
        m.put(new SendOutcome.Interrupted("r1", "SIGINT", "interrupted"), 130);
        m.put(new SendOutcome.Interrupted(null, "SIGTERM", "interrupted before the run"), 143);
        return m;
    }

    @Test
    void eachOutcomeMapsToItsDocumentedExitCode() {
        documented().forEach((outcome, code) -> assertEquals(code, ExitCode.of(outcome), outcome.toString()));
    }

    /** Java 17 does not check a sealed type's cases for exhaustiveness: this does, so a new case cannot go unmapped. */
    @Test
    void everyCaseOfTheSealedOutcomeIsMapped() {
        Set<Class<?>> cases = Arrays.stream(SendOutcome.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> mapped = documented().keySet().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(cases, mapped);
    }

    @Test
    void signalsAreOneHundredTwentyEightPlusTheirNumber() {
        assertEquals(130, ExitCode.interruptedBy("SIGINT"));
        assertEquals(143, ExitCode.interruptedBy("SIGTERM"));
        assertEquals(143, SignalStop.exitCode("SIGTERM"));
    }
}
