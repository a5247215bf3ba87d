/**
 * The robot's command words, defined once in a data file ({@code vocabulary.yaml}): motion verbs,
 * directions, units, numbers and places. The speech module makes the command grammar from it and the
 * policy module its role parser's word lists, so the two cannot disagree; the robot's own places come
 * from its configuration.
 */
package dev.vigil.agent.vocabulary;
