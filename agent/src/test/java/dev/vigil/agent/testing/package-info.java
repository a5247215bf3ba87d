/**
 * Message-level testing for every module (shipped in the agent's test-jar): {@link
 * dev.vigil.agent.testing.BusHarness} deploys verticles on a virtual clock and records what they
 * publish, {@link dev.vigil.agent.testing.ScriptedModel} stands in for a duplex model that a test can
 * hold mid-decision, {@link dev.vigil.agent.testing.Messages} builds what the hearing side publishes.
 */
package dev.vigil.agent.testing;
