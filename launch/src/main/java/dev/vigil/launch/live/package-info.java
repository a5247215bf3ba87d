/**
 * What a live run keeps: recordings written as the run goes ({@link dev.vigil.launch.live.TrackRecorder})
 * and the closing report built from the agent's own timestamps ({@link dev.vigil.launch.live.LiveReport}).
 */
package dev.vigil.launch.live;
