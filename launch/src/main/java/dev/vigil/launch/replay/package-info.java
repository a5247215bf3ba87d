/**
 * Scenario replay: a simulated room feeds the agent's microphone and loudspeaker lanes on the
 * session clock (paced in real time, or as fast as the agent keeps up), a collector records what the
 * agent decided, and the report compares it with the scenario's ground truth (docs/report.md).
 */
package dev.vigil.launch.replay;
