/*
 * wsload: the hot loop of the agent-runtime load bench. N Twilio media streams from one thread on epoll, each a
 * real RFC 6455 client (HTTP upgrade with X-Twilio-Signature, masked text frames), speaking Twilio's protocol
 * frame for frame: connected, start, one media frame every 20 ms, stop; marks from the server are echoed back
 * as a carrier does once the audio before them played (here at once). Written in C, like wrk, so that on a
 * 2-core machine the load costs the server as little CPU as possible; LoadDriver (Java) runs it per step,
 * fetches the server's own figures and prints the table.
 *
 * Usage: wsload PORT PATH N SECONDS RAMP_PER_S SETTLE_S SCRIPTED_EVERY SIGNATURE PAYLOADS_FILE SERVER_PID LABEL
 *   SCRIPTED_EVERY: every k-th stream (k-1, 2k-1, ...) asks for the scripted engine and is not measured; 0 = none.
 *   PAYLOADS_FILE: base64 payloads, one 160-byte frame per line, sent in a loop.
 * Prints one line: sent echoed late p50 p99 p999 max sendlag99 closed_early server_cpu_pct driver_cpu_pct (ms).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_NS 20000000LL
#define HIST 200000
#define BUF 16384
#define RING 4096

typedef struct {
  int fd, id, measured, connected, upgraded, stopped;
  int inlen, outlen;
  uint32_t mask;
  int64_t next_due, frame_no;
  int audio_offset; /* where in the recording this caller starts: calls do not speak in unison */
  uint64_t head, tail;
  int64_t inflight[RING];
  unsigned char in[BUF], out[BUF];
} stream_t;

static int64_t turnaround[HIST + 1], sendlag[HIST + 1];
static int64_t sent, echoed, late, closed_early, measure_from, measure_until;
/* WSLOAD_TIMELINE=1: per 100 ms of the measured window, frames over 5 ms (to stderr), to see when delays come. */
static int64_t slow_by_tenth[6000];
static int timeline, same_phase;
static char **payloads;
static int npayloads, ep, port, scripted_every;
static const char *path, *signature, *label;

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void record(int64_t *h, int64_t us) { h[us < 0 ? 0 : us > HIST ? HIST : us]++; }

static double pct(int64_t *h, double p) {
  int64_t total = 0, seen = 0;
  for (int i = 0; i <= HIST; i++) total += h[i];
  if (total == 0) return -1;
  int64_t rank = (int64_t)(p / 100.0 * total + 0.999999);
  if (rank < 1) rank = 1;
  for (int i = 0; i <= HIST; i++) {
    seen += h[i];
    if (seen >= rank) return i / 1000.0;
  }
  return HIST / 1000.0;
}

static void set_events(stream_t *s, uint32_t ev) {
  struct epoll_event e = {.events = ev, .data.ptr = s};
  epoll_ctl(ep, EPOLL_CTL_MOD, s->fd, &e);
}

static void fail(stream_t *s, const char *why) {
  if (s->fd >= 0) {
    if (!s->stopped) {
      closed_early++;
      fprintf(stderr, "stream %d: %s\n", s->id, why);
    }
    epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    s->fd = -1;
  }
  s->stopped = 1;
}

static void flush_out(stream_t *s) {
  if (s->fd < 0 || !s->connected || s->outlen == 0) return;
  ssize_t w = write(s->fd, s->out, s->outlen);
  if (w < 0) {
    if (errno != EAGAIN) fail(s, strerror(errno));
    w = 0;
  }
  if (w > 0 && w < s->outlen) memmove(s->out, s->out + w, s->outlen - w);
  int was_pending = s->outlen > 0;
  s->outlen -= (int)w;
  if (s->outlen > 0) set_events(s, EPOLLIN | EPOLLOUT);
  else if (was_pending && w > 0 && s->outlen == 0) { /* interest stays EPOLLIN unless it was widened */ }
}

/* One masked text frame (FIN, opcode 1) appended to the output and written. */
static void write_frame(stream_t *s, const unsigned char *p, int len) {
  if (s->fd < 0) return;
  if (s->outlen + len + 8 > BUF) {
    fail(s, "16 KiB of unsent frames: the server stopped reading");
    return;
  }
  uint32_t m = s->mask;
  m ^= m << 13; m ^= m >> 17; m ^= m << 5;
  s->mask = m;
  unsigned char *o = s->out + s->outlen;
  int h = 0;
  o[h++] = 0x81;
  if (len < 126) o[h++] = 0x80 | len;
  else { o[h++] = 0x80 | 126; o[h++] = len >> 8; o[h++] = len & 0xff; }
  unsigned char mk[4] = {m >> 24, m >> 16, m >> 8, m};
  memcpy(o + h, mk, 4);
  h += 4;
  for (int i = 0; i < len; i++) o[h + i] = p[i] ^ mk[i & 3];
  s->outlen += h + len;
  flush_out(s);
}

static void send_text(stream_t *s, const char *t) { write_frame(s, (const unsigned char *)t, (int)strlen(t)); }

static void send_media(stream_t *s) {
  static char f[1024];
  int64_t chunk = s->frame_no + 1;
  int n = snprintf(f, sizeof f,
                   "{\"event\":\"media\",\"sequenceNumber\":\"%lld\",\"streamSid\":\"MZ%d\",\"media\":{\"track\":\"inbound\","
                   "\"chunk\":\"%lld\",\"timestamp\":\"%lld\",\"payload\":\"%s\"}}",
                   (long long)(chunk + 1), s->id, (long long)chunk, (long long)((chunk - 1) * 20),
                   payloads[(s->frame_no + s->audio_offset) % npayloads]);
  write_frame(s, (unsigned char *)f, n);
  int64_t at = now_ns();
  if (at >= measure_from && at < measure_until) {
    record(sendlag, (at - s->next_due) / 1000);
    if (s->measured) sent++;
  }
  s->inflight[s->tail++ % RING] = at;
  s->frame_no++;
}

static void on_echo(stream_t *s) {
  if (s->head == s->tail) return; /* agent audio that is not an echo (scripted prompts) */
  int64_t at = s->inflight[s->head++ % RING];
  if (!s->measured || at < measure_from || at >= measure_until) return;
  int64_t us = (now_ns() - at) / 1000;
  echoed++;
  if (us > 20000) late++;
  record(turnaround, us);
  if (timeline && us > 5000) {
    int64_t tenth = (at - measure_from) / 100000000LL;
    if (tenth >= 0 && tenth < 6000) slow_by_tenth[tenth]++;
  }
}

static void on_upgraded(stream_t *s) {
  char start[512];
  int scripted = scripted_every > 0 && s->id % scripted_every == scripted_every - 1;
  send_text(s, "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
  snprintf(start, sizeof start,
           "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"streamSid\":\"MZ%d\",\"callSid\":\"CAbench%s-%d\","
           "\"tracks\":[\"inbound\"],\"customParameters\":{\"engine\":\"%s\"},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\","
           "\"sampleRate\":8000,\"channels\":1}},\"streamSid\":\"MZ%d\"}",
           s->id, label, s->id, scripted ? "scripted" : "echo", s->id);
  send_text(s, start);
}

static void on_readable(stream_t *s) {
  for (;;) {
    ssize_t r = read(s->fd, s->in + s->inlen, BUF - s->inlen);
    if (r == 0) { fail(s, "closed by the server"); return; }
    if (r < 0) {
      if (errno != EAGAIN) fail(s, strerror(errno));
      return;
    }
    s->inlen += (int)r;
    int pos = 0;
    if (!s->upgraded) {
      unsigned char *end = memmem(s->in, s->inlen, "\r\n\r\n", 4);
      if (!end) continue;
      if (s->inlen < 12 || memcmp(s->in, "HTTP/1.1 101", 12) != 0) {
        s->in[s->inlen < BUF ? s->inlen : BUF - 1] = 0;
        fail(s, "upgrade refused");
        fprintf(stderr, "%.*s\n", (int)(end - s->in), s->in);
        return;
      }
      pos = (int)(end - s->in) + 4;
      s->upgraded = 1;
      on_upgraded(s);
      if (s->fd < 0) return;
    }
    while (s->inlen - pos >= 2) {
      unsigned char *b = s->in + pos;
      int op = b[0] & 0x0f, len = b[1] & 0x7f, h = 2;
      if (len == 126) {
        if (s->inlen - pos < 4) break;
        len = (b[2] << 8) | b[3];
        h = 4;
      } else if (len == 127) {
        fail(s, "a frame over 64 KiB");
        return;
      }
      if (s->inlen - pos < h + len) break;
      unsigned char *p = b + h;
      if (op == 1) {
        if (len >= 16 && memcmp(p, "{\"event\":\"media\"", 16) == 0) on_echo(s);
        else if (len >= 15 && memcmp(p, "{\"event\":\"mark\"", 15) == 0) {
          unsigned char copy[1024];
          if (len <= (int)sizeof copy) {
            memcpy(copy, p, len);
            write_frame(s, copy, len);
            if (s->fd < 0) return;
          }
        }
      } else if (op == 8) {
        if (!s->stopped) fail(s, "close frame from the server");
        return;
      }
      pos += h + len;
    }
    if (pos > 0) {
      memmove(s->in, s->in + pos, s->inlen - pos);
      s->inlen -= pos;
    }
    if (s->inlen == BUF) { fail(s, "frame larger than 16 KiB"); return; }
  }
}

static void start_connect(stream_t *s) {
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  s->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  int rc = connect(s->fd, (struct sockaddr *)&a, sizeof a);
  if (rc < 0 && errno != EINPROGRESS) { fail(s, strerror(errno)); return; }
  struct epoll_event e = {.events = EPOLLIN | EPOLLOUT, .data.ptr = s};
  epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &e);
  unsigned char key[16];
  for (int i = 0; i < 16; i++) key[i] = (unsigned char)(rand() & 0xff);
  static const char *b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char k[25];
  int j = 0;
  for (int i = 0; i < 15; i += 3) {
    uint32_t v = key[i] << 16 | key[i + 1] << 8 | key[i + 2];
    k[j++] = b64[v >> 18 & 63]; k[j++] = b64[v >> 12 & 63]; k[j++] = b64[v >> 6 & 63]; k[j++] = b64[v & 63];
  }
  uint32_t v = key[15] << 16;
  k[j++] = b64[v >> 18 & 63]; k[j++] = b64[v >> 12 & 63]; k[j++] = '='; k[j++] = '='; k[j] = 0;
  s->outlen = snprintf((char *)s->out, BUF,
                       "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nX-Twilio-Signature: %s\r\n\r\n",
                       path, port, k, signature);
}

/* CPU time in ns of a process from /proc/PID/stat (utime + stime); -1 when unreadable. */
static int64_t proc_cpu(const char *pid) {
  char p[64], buf[2048];
  snprintf(p, sizeof p, "/proc/%s/stat", pid);
  FILE *f = fopen(p, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *c = strrchr(buf, ')');
  if (!c) return -1;
  long long ut, st;
  /* after ") ": state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15) */
  if (sscanf(c + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &ut, &st) != 2) return -1;
  return (ut + st) * (1000000000LL / sysconf(_SC_CLK_TCK));
}

static int64_t self_cpu(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000000LL + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1000LL;
}

int main(int argc, char **argv) {
  if (argc != 12) {
    fprintf(stderr, "usage: wsload PORT PATH N SECONDS RAMP SETTLE SCRIPTED_EVERY SIGNATURE PAYLOADS_FILE SERVER_PID LABEL\n");
    return 2;
  }
  port = atoi(argv[1]);
  path = argv[2];
  int n = atoi(argv[3]), seconds = atoi(argv[4]), ramp = atoi(argv[5]), settle = atoi(argv[6]);
  scripted_every = atoi(argv[7]);
  signature = argv[8];
  const char *server_pid = argv[10];
  label = argv[11];
  FILE *pf = fopen(argv[9], "r");
  if (!pf) { perror(argv[9]); return 2; }
  char line[512];
  payloads = calloc(100000, sizeof(char *));
  while (npayloads < 100000 && fgets(line, sizeof line, pf)) {
    line[strcspn(line, "\r\n")] = 0;
    if (*line) payloads[npayloads++] = strdup(line);
  }
  fclose(pf);
  srand(12345);
  timeline = getenv("WSLOAD_TIMELINE") != NULL;
  same_phase = getenv("WSLOAD_SAME_PHASE") != NULL; /* every caller at the same point of the recording */
  ep = epoll_create1(0);
  stream_t *streams = calloc(n, sizeof(stream_t));
  int64_t t0 = now_ns(), ramp_ns = 1000000000LL / (ramp > 0 ? ramp : 1);
  int64_t first_due = t0 + n * ramp_ns + 200000000LL;
  measure_from = first_due + settle * 1000000000LL;
  measure_until = measure_from + seconds * 1000000000LL;
  int64_t cpu_from[3] = {0}, cpu_until[3] = {0};
  int have_from = 0, have_until = 0, connected = 0, cursor = 0, finished = 0;
  struct epoll_event evs[512];
  for (;;) {
    int64_t now = now_ns();
    if (!have_from && now >= measure_from) { cpu_from[0] = proc_cpu(server_pid); cpu_from[1] = self_cpu(); cpu_from[2] = now; have_from = 1; }
    if (!have_until && now >= measure_until) { cpu_until[0] = proc_cpu(server_pid); cpu_until[1] = self_cpu(); cpu_until[2] = now; have_until = 1; }
    while (connected < n && now >= t0 + connected * ramp_ns) {
      stream_t *s = &streams[connected];
      s->id = connected;
      s->measured = !(scripted_every > 0 && connected % scripted_every == scripted_every - 1);
      s->mask = 0x9E3779B9u * (uint32_t)(connected + 1);
      s->next_due = first_due + (FRAME_NS * connected) / n;
      s->audio_offset = same_phase ? 0 : (int)((connected * 7919LL) % npayloads);
      start_connect(s);
      connected++;
    }
    if (connected == n) {
      for (int guard = 0; guard < n && streams[cursor].next_due <= now; guard++) {
        stream_t *s = &streams[cursor];
        if (!s->stopped && s->next_due >= measure_until) {
          if (s->upgraded) {
            char stop[128];
            snprintf(stop, sizeof stop, "{\"event\":\"stop\",\"streamSid\":\"MZ%d\",\"stop\":{}}", s->id);
            send_text(s, stop);
          }
          s->stopped = 1;
          finished++;
        } else if (!s->stopped && s->upgraded) {
          send_media(s);
          if (s->fd < 0) finished++;
        }
        s->next_due += FRAME_NS;
        cursor = (cursor + 1) % n;
      }
      if (finished >= n || now > measure_until + 5000000000LL) break;
    }
    int64_t wait = connected < n ? ramp_ns : streams[cursor].next_due - now_ns();
    int timeout = wait <= 0 ? 0 : (int)((wait + 999999) / 1000000);
    int k = epoll_wait(ep, evs, 512, timeout);
    for (int i = 0; i < k; i++) {
      stream_t *s = evs[i].data.ptr;
      if (s->fd < 0) continue;
      if (evs[i].events & EPOLLOUT) {
        if (!s->connected) s->connected = 1;
        flush_out(s);
        if (s->fd >= 0 && s->outlen == 0) set_events(s, EPOLLIN);
      }
      if (s->fd >= 0 && (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) on_readable(s);
    }
  }
  int64_t drain = now_ns() + 1000000000LL;
  while (now_ns() < drain) {
    int k = epoll_wait(ep, evs, 512, 50);
    for (int i = 0; i < k; i++) {
      stream_t *s = evs[i].data.ptr;
      if (s->fd >= 0 && (evs[i].events & EPOLLIN)) on_readable(s);
    }
  }
  for (int i = 0; i < n; i++) if (streams[i].fd >= 0) close(streams[i].fd);
  if (timeline) {
    for (int i = 0; i < seconds * 10 && i < 6000; i++) {
      if (slow_by_tenth[i]) {
        /* wall-clock time of the bucket, to line up with the server's GC log (-Xlog:gc:...:time) */
        struct timespec rt, mt;
        clock_gettime(CLOCK_REALTIME, &rt);
        clock_gettime(CLOCK_MONOTONIC, &mt);
        int64_t wall_ns = (int64_t)rt.tv_sec * 1000000000LL + rt.tv_nsec - ((int64_t)mt.tv_sec * 1000000000LL + mt.tv_nsec - measure_from)
                          + (int64_t)i * 100000000LL;
        time_t secs = wall_ns / 1000000000LL;
        struct tm tmv;
        gmtime_r(&secs, &tmv);
        fprintf(stderr, "t=%5.1fs %02d:%02d:%02d.%03d slow=%lld\n", i / 10.0, tmv.tm_hour, tmv.tm_min, tmv.tm_sec,
                (int)(wall_ns / 1000000 % 1000), (long long)slow_by_tenth[i]);
      }
    }
  }
  double wall = have_until ? (double)(cpu_until[2] - cpu_from[2]) : 0;
  double srv = wall > 0 && cpu_from[0] >= 0 ? 100.0 * (cpu_until[0] - cpu_from[0]) / wall : -1;
  double drv = wall > 0 ? 100.0 * (cpu_until[1] - cpu_from[1]) / wall : -1;
  printf("%lld %lld %lld %.2f %.2f %.2f %.2f %.2f %lld %.0f %.0f\n", (long long)sent, (long long)echoed, (long long)late,
         pct(turnaround, 50), pct(turnaround, 99), pct(turnaround, 99.9), pct(turnaround, 100), pct(sendlag, 99),
         (long long)closed_early, srv, drv);
  return 0;
}
