/*
 * A ROS 2 peer on Cyclone DDS, for the bridge's tests: it follows ROS 2's DDS conventions (topic
 * "rt/<name>", type "<pkg>::msg::dds_::<Type>_", XCDR1) without a ROS installation.
 *
 *   ros_peer pub-audio-mgonzs13 TOPIC RAW_FILE COUNT PERIOD_MS  as pub-audio, but mgonzs13/audio_common's
 *       audio_common_msgs/AudioStamped (as its capturer sends: int16_data of 320 samples, info format 8
 *       = paInt16, channels 1, rate 16000, chunk 320), best effort, no AudioInfo topic
 *   ros_peer sub-string TOPIC COUNT TIMEOUT_S [matched]  prints each std_msgs/String's data on a line
 *   ros_peer pub-string TOPIC TEXT COUNT PERIOD_MS   waits for a reader, then publishes
 *   ros_peer pub-audio TOPIC RAW_FILE COUNT PERIOD_MS [CHUNK_BYTES [INFO_TOPIC CHANNELS RATE SAMPLE_FORMAT CODING]]
 *       waits for a reader, then publishes COUNT audio_common_msgs/AudioDataStamped chunks of CHUNK_BYTES
 *       (default 640: 20 ms of 16 kHz S16LE) read in turn from RAW_FILE (looping), one every PERIOD_MS on
 *       an absolute schedule, best effort (sensor data), stamped with the time of writing. With INFO_TOPIC,
 *       first an audio_common_msgs/AudioInfo of those fields, reliable and transient local (keep last 1),
 *       as audio_common's capture node publishes it. Environment PEER_PAUSE_AFTER=N PEER_PAUSE_MS=M: after
 *       chunk N, nothing for M ms (lost audio: the stamps then jump by M); PEER_HOLD_AFTER=N PEER_HOLD_MS=M:
 *       after chunk N the peer sleeps M ms, then catches up on its schedule (late stamps, nothing lost)
 *   ros_peer sub-intent TOPIC COUNT TIMEOUT_S [matched]  prints intent|data|source|modality|priority|confidence
 *   ros_peer sub-audio TOPIC COUNT TIMEOUT_S [matched]   prints "SEC.NANOSEC FRAME_ID BYTES" for each
 *       audio_common_msgs/AudioDataStamped and appends its data to the file in PEER_AUDIO_OUT, if set
 *   ros_peer sub-speech TOPIC COUNT TIMEOUT_S [matched]  prints incremental|final|confidence|language of each
 *       hri_msgs/LiveSpeech
 *   ros_peer sub-ids TOPIC COUNT TIMEOUT_S [matched]     prints the ids of each hri_msgs/IdsList, comma-separated
 *   ros_peer sub-bool TOPIC COUNT TIMEOUT_S [matched]    prints true or false for each std_msgs/Bool
 *   ros_peer sub-diagnostics TOPIC COUNT TIMEOUT_S [matched]  prints each diagnostic_msgs/DiagnosticArray on a
 *       line: its statuses as level|name|message|key=value,key=value joined by " || "
 *   ros_peer sub-info TOPIC COUNT TIMEOUT_S [matched]    prints channels|sample_rate|sample_format|bitrate|coding_format
 *       of each audio_common_msgs/AudioInfo; reliable, transient local, keep last 1 (a late joiner gets it)
 *
 *   ros_peer pub-image TOPIC WIDTH HEIGHT ENCODING COUNT PERIOD_MS [STEP]
 *       waits for a reader, then publishes COUNT sensor_msgs/Image of WIDTH x HEIGHT, one every PERIOD_MS on an
 *       absolute schedule, best effort (sensor data), stamped with the time of writing, frame_id "camera".
 *       Bytes per pixel: 3 for rgb8 and bgr8, 4 for rgba8 and bgra8, 1 for any other name (mono8, or an
 *       encoding the reader may not know, e.g. bayer_rggb8). STEP (default WIDTH x bytes per pixel) may
 *       be larger (the row's padding bytes are 0xEE) or smaller (the row is cut: a bad image). The
 *       pattern of image i (0, 1, …), pixel (x, y), each channel mod 256:
 *           R = x + i, G = y + 2i, B = x + y + 3i, alpha = 255 - R (in rgb8, bgr8, rgba8, bgra8's orders);
 *           any 1-byte encoding: L = x + 3y + i
 *       Environment PEER_IMAGE_DATA_BYTES=N: data is N bytes (the pattern's first N; for a short data image)
 *   ros_peer sub-image TOPIC COUNT TIMEOUT_S [matched]   prints "WIDTH HEIGHT ENCODING STEP LENGTH CHECKSUM
 *       IS_BIGENDIAN SEC.NANOSEC FRAME_ID" for each sensor_msgs/Image; CHECKSUM is the 32-bit FNV-1a of its
 *       data, 8 hex digits
 *   ros_peer pub-compressed TOPIC FILE FORMAT COUNT PERIOD_MS   waits for a reader, then publishes the bytes of
 *       FILE as a sensor_msgs/CompressedImage of FORMAT (e.g. jpeg), COUNT times, as pub-image does
 *
 *   ros_peer graph LAYOUT TIMEOUT_S   emulates what ROS 2's graph cache (rmw_dds_common::GraphCache, as
 *       rmw_cyclonedds_cpp feeds it) needs for `ros2 node list` and `ros2 node info`: reads the DDS topic
 *       ros_discovery_info (no rt/; rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_ with LAYOUT's gids,
 *       humble: 24 bytes, jazzy: 16; reliable, transient local, keep all, as the RMWs' reader) and Cyclone's
 *       builtin DCPSParticipant, DCPSPublication and DCPSSubscription topics. A gid matches a discovered
 *       entity when it is byte for byte the entity's GUID as the RMWs make a gid (the GUID's 16 bytes, the
 *       rest zeros). Each time what it would report changes, it prints one line per node of each
 *       participant's latest message:
 *         node NAMESPACE NAME participant=discovered|unknown writers=TOPIC,… readers=TOPIC,… unknown=N foreign=N
 *       TOPIC is the DDS topic of each writer or reader gid that matches a discovered endpoint of that very
 *       participant (in the message's order; "-" for none); unknown counts gids that match no discovered
 *       endpoint, foreign those that match another participant's. Exits 0 after TIMEOUT_S.
 *
 * With "matched", a subscriber says "ready" only once a writer on the topic has matched (up to 20 s).
 *
 * QoS: ROS 2's default (reliable, volatile, keep last 10). The domain is ROS_DOMAIN_ID (default 0).
 * Prints "ready" once its reader or writer exists; exits 0 when COUNT samples went through, 3 on timeout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "String.h"
#include "Intent.h"
#include "AudioDataStamped.h"
#include "AudioInfo.h"
#include "Mgonzs13Audio.h"
#include "LiveSpeech.h"
#include "Bool.h"
#include "DiagnosticArray.h"
#include "Image.h"
#include "CompressedImage.h"
#include "RmwDdsCommonHumble.h"
#include "RmwDdsCommonJazzy.h"
#include "image_pattern.h"

static dds_qos_t *ros_default_qos(void) {
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(1));
  dds_qset_durability(qos, DDS_DURABILITY_VOLATILE);
  dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, 10);
  return qos;
}

/* ROS 2's sensor data profile: best effort, volatile, keep last 5. */
static dds_qos_t *ros_sensor_qos(void) {
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_BEST_EFFORT, 0);
  dds_qset_durability(qos, DDS_DURABILITY_VOLATILE);
  dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, 5);
  return qos;
}

/* Reliable and transient local, as ROS 2 latches a topic (AudioInfo: keep last 1; ros_discovery_info's
   reader in the RMWs: keep all). */
static dds_qos_t *latched_qos(dds_history_kind_t history, int32_t depth) {
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(1));
  dds_qset_durability(qos, DDS_DURABILITY_TRANSIENT_LOCAL);
  dds_qset_history(qos, history, depth);
  return qos;
}

static dds_domainid_t domain(void) {
  const char *id = getenv("ROS_DOMAIN_ID");
  return id == NULL || *id == 0 ? 0 : (dds_domainid_t) atoi(id);
}

static int fail(const char *what, dds_return_t rc) {
  fprintf(stderr, "ros_peer: %s: %s\n", what, dds_strretcode(rc));
  return 2;
}

/* Waits up to 20 s for the other end of the topic; "reader" or "writer" says which entity this is. */
static int await_match(dds_entity_t entity, int is_reader, const char *topic_name) {
  dds_time_t deadline = dds_time() + DDS_SECS(20);
  for (;;) {
    uint32_t count = 0;
    if (is_reader) {
      dds_subscription_matched_status_t st;
      dds_get_subscription_matched_status(entity, &st);
      count = st.current_count;
    } else {
      dds_publication_matched_status_t st;
      dds_get_publication_matched_status(entity, &st);
      count = st.current_count;
    }
    if (count > 0) {
      return 0;
    }
    if (dds_time() > deadline) {
      fprintf(stderr, "ros_peer: no %s on %s within 20 s\n", is_reader ? "writer" : "reader", topic_name);
      return 3;
    }
    dds_sleepfor(DDS_MSECS(10));
  }
}

/* Takes up to count samples of the reader's type within timeout_s, printing each with print. */
static int take_all(dds_entity_t reader, int count, int timeout_s, void (*print)(const void *)) {
  dds_time_t deadline = dds_time() + DDS_SECS(timeout_s);
  int got = 0;
  while (got < count && dds_time() < deadline) {
    void *samples[1] = {NULL};
    dds_sample_info_t infos[1];
    dds_return_t n = dds_take(reader, samples, infos, 1, 1);
    if (n < 0) {
      return fail("take", n);
    }
    if (n == 0) {
      dds_sleepfor(DDS_MSECS(5));
      continue;
    }
    if (infos[0].valid_data) {
      print(samples[0]);
      fflush(stdout);
      got++;
    }
    dds_return_loan(reader, samples, n);
  }
  return got == count ? 0 : 3;
}

static void print_string(const void *sample) {
  printf("%s\n", ((const std_msgs_msg_dds__String_ *) sample)->data_);
}

static FILE *audio_out;

static void print_audio(const void *sample) {
  const audio_common_msgs_msg_dds__AudioDataStamped_ *a = sample;
  printf("%d.%09u %s %u\n", a->header_.stamp_.sec_, a->header_.stamp_.nanosec_, a->header_.frame_id_,
         a->audio_.data_._length);
  if (audio_out != NULL) {
    fwrite(a->audio_.data_._buffer, 1, a->audio_.data_._length, audio_out);
    fflush(audio_out);
  }
}

static void print_info(const void *sample) {
  const audio_common_msgs_msg_dds__AudioInfo_ *i = sample;
  printf("%u|%u|%s|%u|%s\n", (unsigned) i->channels_, i->sample_rate_, i->sample_format_, i->bitrate_,
         i->coding_format_);
}

static void print_speech(const void *sample) {
  const hri_msgs_msg_dds__LiveSpeech_ *l = sample;
  printf("%s|%s|%.4f|%s\n", l->incremental_, l->final_, l->confidence_, l->language_);
}

static void print_ids(const void *sample) {
  const hri_msgs_msg_dds__IdsList_ *l = sample;
  for (uint32_t i = 0; i < l->ids_._length; i++) {
    printf(i == 0 ? "%s" : ",%s", l->ids_._buffer[i]);
  }
  printf("\n");
}

static void print_diagnostics(const void *sample) {
  const diagnostic_msgs_msg_dds__DiagnosticArray_ *a = sample;
  for (uint32_t i = 0; i < a->status_._length; i++) {
    const diagnostic_msgs_msg_dds__DiagnosticStatus_ *st = &a->status_._buffer[i];
    printf("%s%u|%s|%s|", i == 0 ? "" : " || ", (unsigned) st->level_, st->name_, st->message_);
    for (uint32_t k = 0; k < st->values_._length; k++) {
      printf(k == 0 ? "%s=%s" : ",%s=%s", st->values_._buffer[k].key_, st->values_._buffer[k].value_);
    }
  }
  printf("\n");
}

static void print_bool(const void *sample) {
  printf("%s\n", ((const std_msgs_msg_dds__Bool_ *) sample)->data_ ? "true" : "false");
}

static void print_intent(const void *sample) {
  const hri_actions_msgs_msg_dds__Intent_ *i = sample;
  printf("%s|%s|%s|%s|%u|%.4f\n", i->intent_, i->data_, i->source_, i->modality_, (unsigned) i->priority_,
         (double) i->confidence_);
}

/* Says "ready", waits for a reader, then a moment more: the writer has seen the reader, the reader may
   see the writer a moment later, and best-effort samples before that are not delivered. */
static int start_stream(dds_entity_t writer, const char *topic_name) {
  printf("ready\n");
  fflush(stdout);
  if (await_match(writer, 0, topic_name) != 0) {
    return 3;
  }
  dds_sleepfor(DDS_MSECS(300));
  return 0;
}

static void stamp_now(builtin_interfaces_msg_dds__Time_ *stamp) {
  dds_time_t now = dds_time();
  stamp->sec_ = (int32_t) (now / DDS_NSECS_IN_SEC);
  stamp->nanosec_ = (uint32_t) (now % DDS_NSECS_IN_SEC);
}

/* Publishes one AudioInfo, reliable and transient local, keep last 1, as audio_common's capture node does. */
static int publish_info(dds_entity_t participant, char **field) {
  char info_topic[256];
  snprintf(info_topic, sizeof info_topic, "rt/%s", field[0][0] == '/' ? field[0] + 1 : field[0]);
  dds_entity_t topic = dds_create_topic(participant, &audio_common_msgs_msg_dds__AudioInfo__desc, info_topic, NULL, NULL);
  if (topic < 0) {
    return fail("info topic", topic);
  }
  dds_qos_t *qos = latched_qos(DDS_HISTORY_KEEP_LAST, 1);
  dds_entity_t writer = dds_create_writer(participant, topic, qos, NULL);
  dds_delete_qos(qos);
  if (writer < 0) {
    return fail("info writer", writer);
  }
  audio_common_msgs_msg_dds__AudioInfo_ info = {
      .channels_ = (uint8_t) atoi(field[1]), .sample_rate_ = (uint32_t) atol(field[2]),
      .sample_format_ = field[3], .bitrate_ = 0, .coding_format_ = field[4]};
  /* The audio follows once the info has reached its reader: a subscriber reads it first. */
  if (await_match(writer, 0, info_topic) != 0) {
    return 3;
  }
  dds_return_t w = dds_write(writer, &info);
  if (w < 0) {
    return fail("info write", w);
  }
  dds_wait_for_acks(writer, DDS_SECS(5));
  return 0;
}

/* Streams chunks of a raw file, as audio_common's capture node would. */
static int publish_audio(dds_entity_t participant, dds_entity_t topic, const dds_qos_t *qos, const char *topic_name,
                         const char *raw_path, int count, int period_ms, size_t chunk_bytes) {
  FILE *f = fopen(raw_path, "rb");
  if (f == NULL) {
    fprintf(stderr, "ros_peer: cannot open %s\n", raw_path);
    return 2;
  }
  dds_entity_t writer = dds_create_writer(participant, topic, qos, NULL);
  if (writer < 0) {
    fclose(f);
    return fail("writer", writer);
  }
  if (start_stream(writer, topic_name) != 0) {
    fclose(f);
    return 3;
  }
  const char *pause_after_env = getenv("PEER_PAUSE_AFTER");
  const char *pause_ms_env = getenv("PEER_PAUSE_MS");
  int pause_after = pause_after_env == NULL ? -1 : atoi(pause_after_env);
  int pause_ms = pause_ms_env == NULL ? 0 : atoi(pause_ms_env);
  int hold_after = getenv("PEER_HOLD_AFTER") == NULL ? -1 : atoi(getenv("PEER_HOLD_AFTER"));
  int hold_ms = getenv("PEER_HOLD_MS") == NULL ? 0 : atoi(getenv("PEER_HOLD_MS"));
  unsigned char *chunk = malloc(chunk_bytes);
  audio_common_msgs_msg_dds__AudioDataStamped_ msg;
  memset(&msg, 0, sizeof msg);
  msg.header_.frame_id_ = "mic";
  msg.audio_.data_._buffer = chunk;
  msg.audio_.data_._length = (uint32_t) chunk_bytes;
  msg.audio_.data_._maximum = (uint32_t) chunk_bytes;
  msg.audio_.data_._release = false;
  dds_time_t next = dds_time();
  for (int i = 0; i < count; i++) {
    size_t n = fread(chunk, 1, chunk_bytes, f);
    while (n < chunk_bytes) {
      rewind(f);
      n += fread(chunk + n, 1, chunk_bytes - n, f);
    }
    stamp_now(&msg.header_.stamp_);
    dds_return_t w = dds_write(writer, &msg);
    if (w < 0) {
      fclose(f);
      free(chunk);
      return fail("write", w);
    }
    if (i + 1 == pause_after) {
      /* Audio lost: nothing for pause_ms, and the stamps stay that much later from then on. */
      next += DDS_MSECS(pause_ms);
    }
    if (i + 1 == hold_after) {
      /* A publisher held up: it sleeps, then catches up on its schedule in a burst; nothing is lost. */
      dds_sleepfor(DDS_MSECS(hold_ms));
    }
    next += DDS_MSECS(period_ms);
    dds_duration_t wait = next - dds_time();
    if (wait > 0) {
      dds_sleepfor(wait);
    }
  }
  fclose(f);
  free(chunk);
  dds_sleepfor(DDS_MSECS(200));
  return 0;
}

static void print_image(const void *sample) {
  const sensor_msgs_msg_dds__Image_ *m = sample;
  printf("%u %u %s %u %u %08x %u %d.%09u %s\n", m->width_, m->height_, m->encoding_, m->step_, m->data_._length,
         fnv1a(m->data_._buffer, m->data_._length), (unsigned) m->is_bigendian_, m->header_.stamp_.sec_,
         m->header_.stamp_.nanosec_, m->header_.frame_id_);
}

/* Streams images of the pattern, as a camera driver would (best effort, stamped when written). */
static int publish_images(dds_entity_t participant, dds_entity_t topic, const dds_qos_t *qos, const char *topic_name,
                          char **arg, int extra) {
  uint32_t width = (uint32_t) atol(arg[0]), height = (uint32_t) atol(arg[1]);
  const char *encoding = arg[2];
  int count = atoi(arg[3]), period_ms = atoi(arg[4]);
  int bpp = strcmp(encoding, "rgb8") == 0 || strcmp(encoding, "bgr8") == 0 ? 3
      : strcmp(encoding, "rgba8") == 0 || strcmp(encoding, "bgra8") == 0 ? 4 : 1;
  uint32_t step = extra ? (uint32_t) atol(arg[5]) : width * bpp;
  size_t full = (size_t) height * step;
  uint32_t length = getenv("PEER_IMAGE_DATA_BYTES") != NULL ? (uint32_t) atol(getenv("PEER_IMAGE_DATA_BYTES"))
      : (uint32_t) full;
  unsigned char *data = malloc(full > length ? full : length + 1);
  unsigned char *row = malloc((size_t) (step > width * bpp ? step : width * bpp) + 1);
  dds_entity_t writer = dds_create_writer(participant, topic, qos, NULL);
  if (writer < 0) {
    return fail("writer", writer);
  }
  int rc = start_stream(writer, topic_name);
  sensor_msgs_msg_dds__Image_ msg;
  memset(&msg, 0, sizeof msg);
  msg.header_.frame_id_ = "camera";
  msg.height_ = height;
  msg.width_ = width;
  msg.encoding_ = (char *) encoding;
  msg.step_ = step;
  msg.data_._buffer = data;
  msg.data_._length = length;
  msg.data_._maximum = length;
  dds_time_t next = dds_time();
  for (int i = 0; rc == 0 && i < count; i++) {
    fill_image(data, width, height, step, encoding, bpp, i, row);
    stamp_now(&msg.header_.stamp_);
    dds_return_t w = dds_write(writer, &msg);
    if (w < 0) {
      rc = fail("write", w);
    }
    next += DDS_MSECS(period_ms);
    dds_duration_t wait = next - dds_time();
    if (wait > 0) {
      dds_sleepfor(wait);
    }
  }
  free(data);
  free(row);
  dds_sleepfor(DDS_MSECS(200));
  return rc;
}

/* Streams a compressed image file's bytes, unchanged, as image_transport's compressed plugin would. */
static int publish_compressed(dds_entity_t participant, dds_entity_t topic, const dds_qos_t *qos,
                              const char *topic_name, char **arg) {
  FILE *f = fopen(arg[0], "rb");
  if (f == NULL) {
    fprintf(stderr, "ros_peer: cannot open %s\n", arg[0]);
    return 2;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  rewind(f);
  unsigned char *data = malloc(size > 0 ? (size_t) size : 1);
  size_t n = fread(data, 1, (size_t) size, f);
  fclose(f);
  dds_entity_t writer = dds_create_writer(participant, topic, qos, NULL);
  if (writer < 0) {
    free(data);
    return fail("writer", writer);
  }
  int rc = start_stream(writer, topic_name);
  sensor_msgs_msg_dds__CompressedImage_ msg;
  memset(&msg, 0, sizeof msg);
  msg.header_.frame_id_ = "camera";
  msg.format_ = arg[1];
  msg.data_._buffer = data;
  msg.data_._length = (uint32_t) n;
  msg.data_._maximum = (uint32_t) n;
  int count = atoi(arg[2]), period_ms = atoi(arg[3]);
  dds_time_t next = dds_time();
  for (int i = 0; rc == 0 && i < count; i++) {
    stamp_now(&msg.header_.stamp_);
    dds_return_t w = dds_write(writer, &msg);
    if (w < 0) {
      rc = fail("write", w);
    }
    next += DDS_MSECS(period_ms);
    dds_duration_t wait = next - dds_time();
    if (wait > 0) {
      dds_sleepfor(wait);
    }
  }
  free(data);
  dds_sleepfor(DDS_MSECS(200));
  return rc;
}

/* mgonzs13's AudioStamped under ROS 2's type name: the same descriptor, another name (see Mgonzs13Audio.idl). */
static dds_topic_descriptor_t mgonzs13_audio_stamped(void) {
  dds_topic_descriptor_t d;
  memcpy(&d, &mgonzs13_msg_dds__AudioStamped__desc, sizeof d);
  *(const char **) &d.m_typename = "audio_common_msgs::msg::dds_::AudioStamped_";
  return d;
}

/* Streams 20 ms int16 chunks of a raw 16 kHz S16LE file as mgonzs13's capturer would. */
static int publish_mgonzs13(dds_entity_t participant, dds_entity_t topic, const dds_qos_t *qos, const char *topic_name,
                            const char *raw_path, int count, int period_ms) {
  FILE *f = fopen(raw_path, "rb");
  if (f == NULL) {
    fprintf(stderr, "ros_peer: cannot open %s\n", raw_path);
    return 2;
  }
  dds_entity_t writer = dds_create_writer(participant, topic, qos, NULL);
  if (writer < 0) {
    fclose(f);
    return fail("writer", writer);
  }
  if (start_stream(writer, topic_name) != 0) {
    fclose(f);
    return 3;
  }
  int16_t samples[320];
  mgonzs13_msg_dds__AudioStamped_ msg;
  memset(&msg, 0, sizeof msg);
  msg.header_.frame_id_ = "mic";
  msg.audio_.audio_data_.int16_data_._buffer = samples;
  msg.audio_.audio_data_.int16_data_._length = 320;
  msg.audio_.audio_data_.int16_data_._maximum = 320;
  msg.audio_.info_.format_ = 8;
  msg.audio_.info_.channels_ = 1;
  msg.audio_.info_.rate_ = 16000;
  msg.audio_.info_.chunk_ = 320;
  dds_time_t next = dds_time();
  for (int i = 0; i < count; i++) {
    size_t n = fread(samples, 2, 320, f);
    while (n < 320) {
      rewind(f);
      n += fread(samples + n, 2, 320 - n, f);
    }
    stamp_now(&msg.header_.stamp_);
    dds_return_t w = dds_write(writer, &msg);
    if (w < 0) {
      fclose(f);
      return fail("write", w);
    }
    next += DDS_MSECS(period_ms);
    dds_duration_t wait = next - dds_time();
    if (wait > 0) {
      dds_sleepfor(wait);
    }
  }
  fclose(f);
  dds_sleepfor(DDS_MSECS(200));
  return 0;
}

/* ---- graph: what ROS 2's graph cache makes of ros_discovery_info and DDS discovery ---- */

#define GRAPH_MAX 256
#define GRAPH_GIDS 128
#define GRAPH_NODES 8

typedef struct {
  dds_guid_t key, participant;
  char topic[128];
  int alive;
} graph_endpoint;

typedef struct {
  char ns[257], name[257];
  uint8_t readers[GRAPH_GIDS][24], writers[GRAPH_GIDS][24];
  uint32_t n_readers, n_writers;
} graph_node;

/* One participant's latest ParticipantEntitiesInfo, copied out of the reader's loan. */
typedef struct {
  uint8_t gid[24];
  graph_node nodes[GRAPH_NODES];
  uint32_t n_nodes;
} graph_info;

static dds_guid_t graph_participants[GRAPH_MAX];
static int graph_participant_alive[GRAPH_MAX];
static int graph_n_participants;
static graph_endpoint graph_writers[GRAPH_MAX], graph_readers[GRAPH_MAX];
static int graph_n_writers, graph_n_readers;
static graph_info graph_infos[GRAPH_MAX];
static int graph_n_infos;
static size_t graph_gid_bytes;

/* The gid an RMW makes of a GUID (rmw_cyclonedds_cpp convert_guid_to_gid, rmw_fastrtps_shared_cpp
   copy_from_fastrtps_guid_to_byte_array into a zeroed rmw_gid_t): the 16 bytes, then zeros. */
static int graph_gid_is(const uint8_t *gid, const dds_guid_t *guid) {
  uint8_t made[24] = {0};
  memcpy(made, guid->v, 16);
  return memcmp(gid, made, graph_gid_bytes) == 0;
}

static void graph_take_participants(dds_entity_t reader) {
  void *raw = NULL;
  dds_sample_info_t si;
  while (dds_take(reader, &raw, &si, 1, 1) == 1) {
    const dds_builtintopic_participant_t *p = raw;
    int i = 0;
    while (i < graph_n_participants && memcmp(&graph_participants[i], &p->key, sizeof p->key) != 0) {
      i++;
    }
    if (i == graph_n_participants && graph_n_participants < GRAPH_MAX) {
      graph_participants[graph_n_participants++] = p->key;
    }
    if (i < GRAPH_MAX) {
      graph_participant_alive[i] = si.instance_state == DDS_ALIVE_INSTANCE_STATE;
    }
    dds_return_loan(reader, &raw, 1);
  }
}

static void graph_take_endpoints(dds_entity_t reader, graph_endpoint *seen, int *n) {
  void *raw = NULL;
  dds_sample_info_t si;
  while (dds_take(reader, &raw, &si, 1, 1) == 1) {
    const dds_builtintopic_endpoint_t *e = raw;
    int i = 0;
    while (i < *n && memcmp(&seen[i].key, &e->key, sizeof e->key) != 0) {
      i++;
    }
    if (i == *n && *n < GRAPH_MAX && si.valid_data) {
      seen[i].key = e->key;
      seen[i].participant = e->participant_key;
      snprintf(seen[i].topic, sizeof seen[i].topic, "%s", e->topic_name);
      (*n)++;
    }
    if (i < *n) {
      seen[i].alive = si.instance_state == DDS_ALIVE_INSTANCE_STATE;
    }
    dds_return_loan(reader, &raw, 1);
  }
}

/* Copies a message of either layout (the same fields, gids of LAYOUT bytes) into a graph_info, keeping
   the latest per participant gid as GraphCache::update_participant_entities does. */
#define GRAPH_KEEP(msg)                                                                              \
  do {                                                                                               \
    int k = 0;                                                                                       \
    while (k < graph_n_infos && memcmp(graph_infos[k].gid, (msg)->gid_.data_, graph_gid_bytes) != 0) { \
      k++;                                                                                           \
    }                                                                                                \
    if (k == GRAPH_MAX) {                                                                            \
      break;                                                                                         \
    }                                                                                                \
    graph_info *g = &graph_infos[k];                                                                 \
    if (k == graph_n_infos) {                                                                        \
      graph_n_infos++;                                                                               \
    }                                                                                                \
    memset(g, 0, sizeof *g);                                                                         \
    memcpy(g->gid, (msg)->gid_.data_, graph_gid_bytes);                                              \
    for (uint32_t n = 0; n < (msg)->node_entities_info_seq_._length && n < GRAPH_NODES; n++) {       \
      graph_node *node = &g->nodes[g->n_nodes++];                                                    \
      snprintf(node->ns, sizeof node->ns, "%s", (msg)->node_entities_info_seq_._buffer[n].node_namespace_); \
      snprintf(node->name, sizeof node->name, "%s", (msg)->node_entities_info_seq_._buffer[n].node_name_); \
      for (uint32_t r = 0; r < (msg)->node_entities_info_seq_._buffer[n].reader_gid_seq_._length && r < GRAPH_GIDS; r++) { \
        memcpy(node->readers[node->n_readers++], (msg)->node_entities_info_seq_._buffer[n].reader_gid_seq_._buffer[r].data_, graph_gid_bytes); \
      }                                                                                              \
      for (uint32_t w = 0; w < (msg)->node_entities_info_seq_._buffer[n].writer_gid_seq_._length && w < GRAPH_GIDS; w++) { \
        memcpy(node->writers[node->n_writers++], (msg)->node_entities_info_seq_._buffer[n].writer_gid_seq_._buffer[w].data_, graph_gid_bytes); \
      }                                                                                              \
    }                                                                                                \
  } while (0)

static void graph_take_infos(dds_entity_t reader, int humble) {
  void *raw = NULL;
  dds_sample_info_t si;
  while (dds_take(reader, &raw, &si, 1, 1) == 1) {
    if (si.valid_data && humble) {
      GRAPH_KEEP((const rmw_dds_common_humble_msg_dds__ParticipantEntitiesInfo_ *) raw);
    } else if (si.valid_data) {
      GRAPH_KEEP((const rmw_dds_common_jazzy_msg_dds__ParticipantEntitiesInfo_ *) raw);
    }
    dds_return_loan(reader, &raw, 1);
  }
}

/* Appends the topics of gids that name discovered endpoints of participant ppant; counts the others. */
static void graph_topics(char *out, size_t size, uint8_t (*gids)[24], uint32_t n, const graph_endpoint *seen,
                         int n_seen, const uint8_t *ppant, int *unknown, int *foreign) {
  size_t used = strlen(out);
  int listed = 0;
  for (uint32_t i = 0; i < n; i++) {
    int j = 0;
    while (j < n_seen && !(seen[j].alive && graph_gid_is(gids[i], &seen[j].key))) {
      j++;
    }
    if (j == n_seen) {
      (*unknown)++;
    } else if (!graph_gid_is(ppant, &seen[j].participant)) {
      (*foreign)++;
    } else {
      used += (size_t) snprintf(out + used, used < size ? size - used : 0, "%s%s", listed++ ? "," : "", seen[j].topic);
    }
  }
  if (!listed) {
    snprintf(out + used, used < size ? size - used : 0, "-");
  }
}

static void graph_report(char *out, size_t size) {
  out[0] = 0;
  for (int k = 0; k < graph_n_infos; k++) {
    const graph_info *g = &graph_infos[k];
    int discovered = 0;
    for (int p = 0; p < graph_n_participants; p++) {
      discovered |= graph_participant_alive[p] && graph_gid_is(g->gid, &graph_participants[p]);
    }
    for (uint32_t n = 0; n < g->n_nodes; n++) {
      const graph_node *node = &g->nodes[n];
      char writers[4096] = "", readers[4096] = "";
      int unknown = 0, foreign = 0;
      graph_topics(writers, sizeof writers, (uint8_t (*)[24]) node->writers, node->n_writers, graph_writers,
                   graph_n_writers, g->gid, &unknown, &foreign);
      graph_topics(readers, sizeof readers, (uint8_t (*)[24]) node->readers, node->n_readers, graph_readers,
                   graph_n_readers, g->gid, &unknown, &foreign);
      size_t used = strlen(out);
      snprintf(out + used, used < size ? size - used : 0,
               "node %s %s participant=%s writers=%s readers=%s unknown=%d foreign=%d\n", node->ns, node->name,
               discovered ? "discovered" : "unknown", writers, readers, unknown, foreign);
    }
  }
}

static int graph(const char *layout, int timeout_s) {
  int humble = strcmp(layout, "humble") == 0;
  if (!humble && strcmp(layout, "jazzy") != 0) {
    fprintf(stderr, "ros_peer: graph: layout humble or jazzy, not %s\n", layout);
    return 2;
  }
  graph_gid_bytes = humble ? 24 : 16;
  dds_entity_t participant = dds_create_participant(domain(), NULL, NULL);
  if (participant < 0) {
    return fail("participant", participant);
  }
  /* ROS 2's type name for either layout: a copy of the descriptor with that name (as for mgonzs13). */
  dds_topic_descriptor_t type;
  memcpy(&type, humble ? &rmw_dds_common_humble_msg_dds__ParticipantEntitiesInfo__desc
                       : &rmw_dds_common_jazzy_msg_dds__ParticipantEntitiesInfo__desc, sizeof type);
  *(const char **) &type.m_typename = "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_";
  dds_entity_t topic = dds_create_topic(participant, &type, "ros_discovery_info", NULL, NULL);
  if (topic < 0) {
    return fail("ros_discovery_info topic", topic);
  }
  dds_qos_t *qos = latched_qos(DDS_HISTORY_KEEP_ALL, 0);
  dds_entity_t infos = dds_create_reader(participant, topic, qos, NULL);
  dds_delete_qos(qos);
  dds_entity_t participants = dds_create_reader(participant, DDS_BUILTIN_TOPIC_DCPSPARTICIPANT, NULL, NULL);
  dds_entity_t publications = dds_create_reader(participant, DDS_BUILTIN_TOPIC_DCPSPUBLICATION, NULL, NULL);
  dds_entity_t subscriptions = dds_create_reader(participant, DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, NULL, NULL);
  if (infos < 0 || participants < 0 || publications < 0 || subscriptions < 0) {
    return fail("graph readers", infos < 0 ? infos : participants < 0 ? participants
                                 : publications < 0 ? publications : subscriptions);
  }
  printf("ready\n");
  fflush(stdout);
  static char last[1 << 16], now[1 << 16];
  dds_time_t deadline = dds_time() + DDS_SECS(timeout_s);
  while (dds_time() < deadline) {
    graph_take_participants(participants);
    graph_take_endpoints(publications, graph_writers, &graph_n_writers);
    graph_take_endpoints(subscriptions, graph_readers, &graph_n_readers);
    graph_take_infos(infos, humble);
    graph_report(now, sizeof now);
    if (strcmp(now, last) != 0) {
      fputs(now, stdout);
      fflush(stdout);
      memcpy(last, now, sizeof last);
    }
    dds_sleepfor(DDS_MSECS(20));
  }
  dds_delete(participant);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "graph") == 0) {
    return graph(argv[2], atoi(argv[3]));
  }
  if (argc < 5) {
    fprintf(stderr, "usage: ros_peer sub-string|sub-intent TOPIC COUNT TIMEOUT_S | pub-string TOPIC TEXT COUNT PERIOD_MS\n");
    return 2;
  }
  const char *mode = argv[1];
  char topic_name[256];
  snprintf(topic_name, sizeof topic_name, "rt/%s", argv[2][0] == '/' ? argv[2] + 1 : argv[2]);
  dds_entity_t participant = dds_create_participant(domain(), NULL, NULL);
  if (participant < 0) {
    return fail("participant", participant);
  }
  const dds_topic_descriptor_t *type = strcmp(mode, "sub-intent") == 0 ? &hri_actions_msgs_msg_dds__Intent__desc
      : strcmp(mode, "pub-audio") == 0 || strcmp(mode, "sub-audio") == 0 ? &audio_common_msgs_msg_dds__AudioDataStamped__desc
      : strcmp(mode, "sub-info") == 0 ? &audio_common_msgs_msg_dds__AudioInfo__desc
      : strcmp(mode, "sub-speech") == 0 ? &hri_msgs_msg_dds__LiveSpeech__desc
      : strcmp(mode, "sub-ids") == 0 ? &hri_msgs_msg_dds__IdsList__desc
      : strcmp(mode, "sub-bool") == 0 ? &std_msgs_msg_dds__Bool__desc
      : strcmp(mode, "sub-diagnostics") == 0 ? &diagnostic_msgs_msg_dds__DiagnosticArray__desc
      : strcmp(mode, "pub-image") == 0 || strcmp(mode, "sub-image") == 0 ? &sensor_msgs_msg_dds__Image__desc
      : strcmp(mode, "pub-compressed") == 0 ? &sensor_msgs_msg_dds__CompressedImage__desc
      : &std_msgs_msg_dds__String__desc;
  dds_topic_descriptor_t mgonzs13 = mgonzs13_audio_stamped();
  if (strcmp(mode, "pub-audio-mgonzs13") == 0) {
    type = &mgonzs13;
  }
  dds_entity_t topic = dds_create_topic(participant, type, topic_name, NULL, NULL);
  if (topic < 0) {
    return fail("topic", topic);
  }
  dds_qos_t *qos = strcmp(mode, "pub-audio") == 0 || strcmp(mode, "pub-image") == 0
      || strcmp(mode, "pub-compressed") == 0 || strcmp(mode, "pub-audio-mgonzs13") == 0 ? ros_sensor_qos()
      : ros_default_qos();
  if (strcmp(mode, "sub-info") == 0) {
    dds_qset_durability(qos, DDS_DURABILITY_TRANSIENT_LOCAL);
    dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, 1);
  }
  if (strcmp(mode, "sub-audio") == 0 && getenv("PEER_AUDIO_OUT") != NULL) {
    audio_out = fopen(getenv("PEER_AUDIO_OUT"), "wb");
  }
  int rc;
  if (strncmp(mode, "sub-", 4) == 0) {
    dds_entity_t reader = dds_create_reader(participant, topic, qos, NULL);
    if (reader < 0) {
      return fail("reader", reader);
    }
    if (argc > 5 && strcmp(argv[5], "matched") == 0 && await_match(reader, 1, topic_name) != 0) {
      return 3;
    }
    printf("ready\n");
    fflush(stdout);
    rc = take_all(reader, atoi(argv[3]), atoi(argv[4]),
                  strcmp(mode, "sub-intent") == 0 ? print_intent
                  : strcmp(mode, "sub-audio") == 0 ? print_audio
                  : strcmp(mode, "sub-info") == 0 ? print_info
                  : strcmp(mode, "sub-speech") == 0 ? print_speech
                  : strcmp(mode, "sub-ids") == 0 ? print_ids
                  : strcmp(mode, "sub-bool") == 0 ? print_bool
                  : strcmp(mode, "sub-diagnostics") == 0 ? print_diagnostics
                  : strcmp(mode, "sub-image") == 0 ? print_image : print_string);
    if (audio_out != NULL) {
      fclose(audio_out);
    }
  } else if (strcmp(mode, "pub-string") == 0 && argc >= 6) {
    dds_entity_t writer = dds_create_writer(participant, topic, qos, NULL);
    if (writer < 0) {
      return fail("writer", writer);
    }
    printf("ready\n");
    fflush(stdout);
    if (await_match(writer, 0, topic_name) != 0) {
      rc = 3;
    } else {
      std_msgs_msg_dds__String_ msg = {.data_ = argv[3]};
      int count = atoi(argv[4]);
      for (int i = 0; i < count; i++) {
        dds_return_t w = dds_write(writer, &msg);
        if (w < 0) {
          return fail("write", w);
        }
        dds_sleepfor(DDS_MSECS(atoi(argv[5])));
      }
      dds_wait_for_acks(writer, DDS_SECS(5));
      rc = 0;
    }
  } else if (strcmp(mode, "pub-audio-mgonzs13") == 0 && argc >= 6) {
    rc = publish_mgonzs13(participant, topic, qos, topic_name, argv[3], atoi(argv[4]), atoi(argv[5]));
  } else if (strcmp(mode, "pub-audio") == 0 && argc >= 6) {
    rc = argc >= 12 ? publish_info(participant, argv + 7) : 0;
    if (rc == 0) {
      rc = publish_audio(participant, topic, qos, topic_name, argv[3], atoi(argv[4]), atoi(argv[5]),
                         argc >= 7 ? (size_t) atol(argv[6]) : 640);
    }
  } else if (strcmp(mode, "pub-image") == 0 && argc >= 8) {
    rc = publish_images(participant, topic, qos, topic_name, argv + 3, argc >= 9);
  } else if (strcmp(mode, "pub-compressed") == 0 && argc >= 7) {
    rc = publish_compressed(participant, topic, qos, topic_name, argv + 3);
  } else {
    fprintf(stderr, "ros_peer: unknown mode %s\n", mode);
    rc = 2;
  }
  dds_delete_qos(qos);
  dds_delete(participant);
  return rc;
}
