package dev.vigil.agent.message;

/**
 * An input the agent could not use (a malformed message, a blank request): dropped, counted in
 * telemetry ({@code vigil.inputs.rejected} by input), and the loop goes on. Whoever reads the input
 * logs the first of each kind.
 *
 * @param input   which input, e.g. {@code ros:/say}
 * @param kind    the sort of problem, snake_case, e.g. {@code malformed}
 * @param message one line naming the input and the problem
 */
public record InputRejected(String input, String kind, String message) {
}
