/*
 * The test image pattern and checksum that every peer writes and checks the same way (ros_peer.c on
 * Cyclone DDS, ../cpp/fastdds_peer.cpp on Fast DDS; ImagePattern.java is its Java side). C, and C++ too.
 *
 * Image i (0, 1, ...), pixel (x, y), each channel mod 256: R = x + i, G = y + 2i, B = x + y + 3i,
 * alpha = 255 - R (in rgb8, bgr8, rgba8, bgra8's orders); any 1-byte encoding: L = x + 3y + i.
 * Row padding (a step longer than the pixels) is 0xEE.
 */
#ifndef VIGIL_IMAGE_PATTERN_H
#define VIGIL_IMAGE_PATTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 32-bit FNV-1a: a checksum both ends compute the same way. */
static inline uint32_t fnv1a(const unsigned char *data, uint32_t length) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < length; i++) {
    h = (h ^ data[i]) * 16777619u;
  }
  return h;
}

/* Writes image i of the pattern into data: height rows of step bytes; row holds max(step, width x bpp). */
static inline void fill_image(unsigned char *data, uint32_t width, uint32_t height, uint32_t step, const char *encoding,
                              int bpp, int i, unsigned char *row) {
  int bgr = strncmp(encoding, "bgr", 3) == 0;
  for (uint32_t y = 0; y < height; y++) {
    memset(row, 0xEE, step > width * bpp ? step : width * bpp);
    for (uint32_t x = 0; x < width; x++) {
      unsigned char *p = row + (size_t) x * bpp;
      if (bpp == 1) {
        p[0] = (unsigned char) (x + 3 * y + i);
        continue;
      }
      unsigned char r = (unsigned char) (x + i), g = (unsigned char) (y + 2 * i), b = (unsigned char) (x + y + 3 * i);
      p[0] = bgr ? b : r;
      p[1] = g;
      p[2] = bgr ? r : b;
      if (bpp == 4) {
        p[3] = (unsigned char) (255 - r);
      }
    }
    memcpy(data + (size_t) y * step, row, step);
  }
}

#endif
