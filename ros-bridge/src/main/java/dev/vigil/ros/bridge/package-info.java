/**
 * The agent on ROS 2: its event bus to and from ROS topics ({@link dev.vigil.ros.bridge.RosOutputs}),
 * with ROS4HRI's names and message types.
 */
package dev.vigil.ros.bridge;
