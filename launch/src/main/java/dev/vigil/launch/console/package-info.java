/**
 * The live web console (docs/console.md): an HTTP and WebSocket server on Vert.x core, on a Vert.x
 * instance of its own so that browsers never hold up the agent's event loop. It observes the event
 * stream like any other sink, shows the latest camera frame, and takes the one kind of action a
 * person may take from the page: making and cancelling watches, through the agent's own API.
 * Access: {@link dev.vigil.launch.console.ConsoleAccess}. (The terminal timeline is
 * {@code dev.vigil.launch.Console}, a different thing.)
 */
package dev.vigil.launch.console;
