/**
 * CDR, the bytes of a ROS 2 message on DDS: XCDR1 (plain CDR) with its encapsulation header, written
 * and read with every length checked ({@link dev.vigil.ros.cdr.CdrWriter}, {@link dev.vigil.ros.cdr.CdrReader}).
 */
package dev.vigil.ros.cdr;
