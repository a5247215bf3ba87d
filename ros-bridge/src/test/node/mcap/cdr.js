// A hand-written CDR encoder (XCDR1, little endian, after the 00 01 00 00 encapsulation header),
// independent of Vigil's Java codec: primitives aligned to their size, counted from the end of the
// header; strings as uint32 length (NUL included), UTF-8 bytes, NUL; uint8[] as uint32 count, bytes.
"use strict";

class CdrWriter {
  constructor() {
    this.buf = new Uint8Array(64);
    this.view = new DataView(this.buf.buffer);
    this.size = 0;
    this.raw([0x00, 0x01, 0x00, 0x00]);
  }
  ensure(n) {
    if (this.size + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.size + n));
    grown.set(this.buf.subarray(0, this.size));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
  align(n) {
    const pad = (n - ((this.size - 4) % n)) % n;
    this.ensure(pad);
    for (let i = 0; i < pad; i++) this.buf[this.size++] = 0;
  }
  raw(bytes) {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.size);
    this.size += bytes.length;
    return this;
  }
  uint8(v) {
    this.ensure(1);
    this.view.setUint8(this.size, v);
    this.size += 1;
    return this;
  }
  int32(v) {
    this.align(4);
    this.ensure(4);
    this.view.setInt32(this.size, v, true);
    this.size += 4;
    return this;
  }
  uint32(v) {
    this.align(4);
    this.ensure(4);
    this.view.setUint32(this.size, v, true);
    this.size += 4;
    return this;
  }
  string(s) {
    const utf8 = new TextEncoder().encode(s);
    this.uint32(utf8.length + 1);
    return this.raw(utf8).uint8(0);
  }
  bytes(b) {
    this.uint32(b.length);
    return this.raw(b);
  }
  done() {
    return this.buf.slice(0, this.size);
  }
}

module.exports = { CdrWriter };
