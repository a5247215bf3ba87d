/**
 * The duplex core: the {@link dev.vigil.agent.duplex.DuplexModel} contract (shaped like MiniCPM-o's
 * streaming API, so a cascade of small engines and an omni model are interchangeable), the unit
 * clock that feeds it one unit of perception at a time, and floor control (barge-in, false
 * interruption, truncation of the robot's turn to what was really played).
 */
package dev.vigil.agent.duplex;
