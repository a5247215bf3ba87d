/**
 * ROS 2 topics over real DDS: {@link dev.vigil.ros.transport.RosTransport}, its Fast DDS implementation
 * ({@link dev.vigil.ros.transport.DdsTransport}) and explicit QoS ({@link dev.vigil.ros.transport.RosQos}).
 */
package dev.vigil.ros.transport;
