/**
 * The one source of time, and the timers that run on it. Live runs read the wall clock; replay and
 * tests drive a virtual clock so a ten-minute scenario runs in seconds and gives the same result
 * every time, timeouts included. Every timestamp in Vigil is nanoseconds since the session epoch
 * (the start of the run or of the scenario).
 */
package dev.vigil.agent.clock;
