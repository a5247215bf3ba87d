/**
 * Watches: "tell me when we reach floor 16". Requests read from free speech
 * ({@link dev.vigil.policy.watch.WatchRequests}), conditions over observations
 * ({@link dev.vigil.policy.watch.Condition}), debounce, expiry and firing
 * ({@link dev.vigil.policy.watch.WatchBook}), and their alerts, intents and events on the bus
 * ({@link dev.vigil.policy.watch.WatchVerticle}).
 */
package dev.vigil.policy.watch;
