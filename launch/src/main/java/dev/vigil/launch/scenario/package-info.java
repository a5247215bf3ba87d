/**
 * Scenario files (docs/scenarios.md): what the user says and when, what the robot plays, the echo
 * and noise of the room, and what must come out. Loading is strict: an unknown key, a missing file or
 * a wrong type is one clear line naming the file, the place in it and the problem.
 */
package dev.vigil.launch.scenario;
