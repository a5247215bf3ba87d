/**
 * rosbag2's bag format, MCAP (specification at mcap.dev, major version 0; ROS 2 profile {@code ros2}):
 * a streaming {@link dev.vigil.ros.bag.McapWriter}, a checking {@link dev.vigil.ros.bag.McapReader},
 * ROS 2 message definitions as rosbag2 stores them ({@link dev.vigil.ros.bag.RosMsgDefinitions}), CDR
 * samples as bag bytes ({@link dev.vigil.ros.bag.BagCdr}) and the agent's outputs recorded from its
 * event bus ({@link dev.vigil.ros.bag.BagRecorder}). Written here because no Java MCAP library is
 * published; cross-checked against the reference implementation, npm {@code @mcap/core} (docs/bags.md).
 */
package dev.vigil.ros.bag;
