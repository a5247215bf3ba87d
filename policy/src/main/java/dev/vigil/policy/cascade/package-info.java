/**
 * The cascade backend of the duplex contract: voice activity, recognition, intent policy and speech
 * synthesis as separate small engines that run on a CPU. It answers at the end of the user's turn.
 */
package dev.vigil.policy.cascade;
