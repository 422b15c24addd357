package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Suggested commands run as printed: the invocation's options once each, and prose left alone (issue 19). */
class InvocationTest {
    final Invocation sandbox = new Invocation(List.of("-c", "my conf.yaml", "--sandbox"));

    @Test
    void theGlobalOptionsGoAfterTheCommandOnce() {
        assertEquals("run `listguard send -c 'my conf.yaml' --sandbox --campaign monthly --yes`",
                sandbox.rewrite("run `listguard send --campaign monthly --yes`"));
        assertEquals("`listguard status -c 'my conf.yaml' --sandbox`", sandbox.rewrite("`listguard status --sandbox`"), "never twice");
        assertEquals("`listguard blocks clear -c 'my conf.yaml' --sandbox example.net`", sandbox.rewrite("`listguard blocks clear example.net`"));
    }

    @Test
    void proseIsNotACommand() {
        assertEquals("listguard sends nothing", sandbox.rewrite("listguard sends nothing"));
        assertEquals("listguard's guard", sandbox.rewrite("listguard's guard"));
    }

    @Test
    void aCommandThatHasItsOwnConfigKeepsIt() {
        assertEquals("`listguard audit --sandbox -c other.yaml`", sandbox.rewrite("`listguard audit -c other.yaml`"));
    }

    @Test
    void aScenarioGoesOnlyToTheCommandsThatRunInTheSandboxsWorld() {
        Invocation world = sandbox.inScenario("relay-block");
        assertEquals("listguard send -c 'my conf.yaml' --sandbox --scenario relay-block --campaign monthly", world.command("send", "--campaign", "monthly"));
        assertEquals("listguard status -c 'my conf.yaml' --sandbox", world.command("status"), "status reads the journal only");
        assertEquals("`listguard send -c 'my conf.yaml' --sandbox --scenario relay-block --yes` and `listguard runs -c 'my conf.yaml' --sandbox`",
                world.rewrite("`listguard send --yes` and `listguard runs`"));
        assertEquals("`listguard send -c 'my conf.yaml' --sandbox --scenario other`", world.rewrite("`listguard send --scenario other`"), "never twice");
    }
}
