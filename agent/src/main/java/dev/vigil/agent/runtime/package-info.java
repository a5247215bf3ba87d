/**
 * How the agent's threads are scheduled by the operating system: the audio path and the threads
 * that decide a reply get a better Linux nice value than the rest of the process, where the
 * process may raise it, so a CPU shared with navigation and perception does not starve them.
 */
package dev.vigil.agent.runtime;
