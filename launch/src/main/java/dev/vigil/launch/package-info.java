/**
 * The {@code vigil} command line: what runs, with which settings, and how failures are told to the
 * user (one line, an exit code: 0 fine, 1 expectations failed, 2 bad input or set-up).
 */
package dev.vigil.launch;
