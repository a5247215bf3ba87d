/**
 * The ROS 2 messages Vigil exchanges, as records with their CDR layout ({@link dev.vigil.ros.msg.RosType}),
 * field by field from their {@code .msg} definitions (versions in docs/ros.md).
 */
package dev.vigil.ros.msg;
