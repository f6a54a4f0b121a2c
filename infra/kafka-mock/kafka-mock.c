/*
 * kafka-mock: a tiny stdin/stdout controller around librdkafka's mock cluster
 * (rdkafka_mock.h, librdkafka >= 2.0), so tests can run real Kafka clients
 * (e.g. kafkajs) against an in-process-quality broker without Docker.
 *
 * Protocol (line based, one reply line per command, stdout flushed each time):
 *   startup                      -> "BOOTSTRAP host:port,host:port,..."
 *   create-topic <name> <parts> [replication]      -> "OK ..." | "ERR <reason>"
 *   broker-down <id>             (id -1 = all brokers)
 *   broker-up <id>
 *   broker-rtt <id> <ms>         (adds latency to every response of a broker)
 *   partition-leader <topic> <partition> <broker-id>
 *   coordinator <group|transaction> <key> <broker-id>
 *                                (pin a group's/txn's coordinator; do it before
 *                                 clients first look the coordinator up)
 *   push-errors <apikey> <count> <errcode...>   (count must equal #errcodes)
 *   clear-errors <apikey>
 *   quit                         -> "OK bye", then exit 0 (EOF does the same)
 * SIGTERM/SIGINT also destroy the cluster and exit 0.
 *
 * Broker ids are 1..N. Errors from librdkafka are reported as
 * "ERR <err-name>: <description>". librdkafka's own logs go to stderr.
 *
 * Build: make -C infra/kafka-mock
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define MAX_ARGS 64

static volatile sig_atomic_t stop_requested = 0;
static long broker_cnt                      = 3; /* ids are 1..broker_cnt */

static void on_signal(int sig) {
        (void)sig;
        stop_requested = 1;
}

static void reply(const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        vfprintf(stdout, fmt, ap);
        va_end(ap);
        fputc('\n', stdout);
        fflush(stdout);
}

static void reply_err(rd_kafka_resp_err_t err) {
        reply("ERR %s: %s", rd_kafka_err2name(err), rd_kafka_err2str(err));
}

/* Strict integer parse: the whole token must be a base-10 integer within
 * [min, max]. Returns 0 on success. */
static int parse_long(const char *s, long min, long max, long *out) {
        char *end = NULL;
        long v;
        if (!s || !*s)
                return -1;
        errno = 0;
        v     = strtol(s, &end, 10);
        if (errno || *end != '\0' || v < min || v > max)
                return -1;
        *out = v;
        return 0;
}

static void usage(const char *argv0) {
        fprintf(stderr, "usage: %s [--brokers N]\n", argv0);
}

/* Executes one command line (already split into argv). Returns 1 to quit. */
static int run_command(rd_kafka_mock_cluster_t *mc, int argc, char **argv) {
        const char *cmd = argv[0];
        long a, b, c;
        rd_kafka_resp_err_t err;

        if (!strcmp(cmd, "quit")) {
                reply("OK bye");
                return 1;

        } else if (!strcmp(cmd, "create-topic")) {
                long repl = 1;
                if (argc < 3 || argc > 4 ||
                    parse_long(argv[2], 1, 100000, &a) ||
                    (argc == 4 && parse_long(argv[3], 1, 1000, &repl))) {
                        reply("ERR usage: create-topic <name> <partitions> "
                              "[replication]");
                        return 0;
                }
                err = rd_kafka_mock_topic_create(mc, argv[1], (int)a,
                                                 (int)repl);
                if (err)
                        reply_err(err);
                else
                        reply("OK create-topic %s %ld %ld", argv[1], a, repl);

        } else if (!strcmp(cmd, "broker-down") || !strcmp(cmd, "broker-up")) {
                int down = !strcmp(cmd, "broker-down");
                if (argc != 2 || parse_long(argv[1], -1, INT32_MAX, &a)) {
                        reply("ERR usage: %s <broker-id|-1>", cmd);
                        return 0;
                }
                err = down ? rd_kafka_mock_broker_set_down(mc, (int32_t)a)
                           : rd_kafka_mock_broker_set_up(mc, (int32_t)a);
                if (err)
                        reply_err(err);
                else
                        reply("OK %s %ld", cmd, a);

        } else if (!strcmp(cmd, "broker-rtt")) {
                if (argc != 3 || parse_long(argv[1], -1, INT32_MAX, &a) ||
                    parse_long(argv[2], 0, INT_MAX, &b)) {
                        reply("ERR usage: broker-rtt <broker-id|-1> <ms>");
                        return 0;
                }
                err = rd_kafka_mock_broker_set_rtt(mc, (int32_t)a, (int)b);
                if (err)
                        reply_err(err);
                else
                        reply("OK broker-rtt %ld %ld", a, b);

        } else if (!strcmp(cmd, "partition-leader")) {
                if (argc != 4 || parse_long(argv[2], 0, INT32_MAX, &a) ||
                    parse_long(argv[3], -1, INT32_MAX, &b)) {
                        reply("ERR usage: partition-leader <topic> "
                              "<partition> <broker-id>");
                        return 0;
                }
                err = rd_kafka_mock_partition_set_leader(
                    mc, argv[1], (int32_t)a, (int32_t)b);
                if (err)
                        reply_err(err);
                else
                        reply("OK partition-leader %s %ld %ld", argv[1], a, b);

        } else if (!strcmp(cmd, "coordinator")) {
                if (argc != 4 ||
                    (strcmp(argv[1], "group") &&
                     strcmp(argv[1], "transaction")) ||
                    parse_long(argv[3], INT32_MIN, INT32_MAX, &a)) {
                        reply("ERR usage: coordinator <group|transaction> "
                              "<key> <broker-id>");
                        return 0;
                }
                if (a < 1 || a > broker_cnt) {
                        /* The mock would accept it and strand clients. */
                        reply("ERR unknown broker id %ld (brokers are 1..%ld)",
                              a, broker_cnt);
                        return 0;
                }
                err = rd_kafka_mock_coordinator_set(mc, argv[1], argv[2],
                                                    (int32_t)a);
                if (err)
                        reply_err(err);
                else
                        reply("OK coordinator %s %s %ld", argv[1], argv[2], a);

        } else if (!strcmp(cmd, "push-errors")) {
                rd_kafka_resp_err_t errs[MAX_ARGS];
                int i;
                if (argc < 4 || parse_long(argv[1], 0, INT16_MAX, &a) ||
                    parse_long(argv[2], 1, MAX_ARGS, &b) || b != argc - 3) {
                        reply("ERR usage: push-errors <apikey> <count> "
                              "<errcode...> (count must match)");
                        return 0;
                }
                for (i = 0; i < (int)b; i++) {
                        if (parse_long(argv[3 + i], -200, 1000, &c)) {
                                reply("ERR bad errcode '%s'", argv[3 + i]);
                                return 0;
                        }
                        errs[i] = (rd_kafka_resp_err_t)c;
                }
                rd_kafka_mock_push_request_errors_array(mc, (int16_t)a,
                                                        (size_t)b, errs);
                reply("OK push-errors %ld %ld", a, b);

        } else if (!strcmp(cmd, "clear-errors")) {
                if (argc != 2 || parse_long(argv[1], 0, INT16_MAX, &a)) {
                        reply("ERR usage: clear-errors <apikey>");
                        return 0;
                }
                rd_kafka_mock_clear_request_errors(mc, (int16_t)a);
                reply("OK clear-errors %ld", a);

        } else {
                reply("ERR unknown command '%s'", cmd);
        }
        return 0;
}

int main(int argc, char **argv) {
        char errstr[512];
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *mc;
        struct sigaction sa;
        char *line   = NULL;
        size_t linecap = 0;
        int i;

        for (i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--brokers") && i + 1 < argc) {
                        if (parse_long(argv[++i], 1, 64, &broker_cnt)) {
                                usage(argv[0]);
                                return 2;
                        }
                } else {
                        usage(argv[0]);
                        return 2;
                }
        }

        /* No SA_RESTART: a signal must interrupt the blocking stdin read so
         * the main loop can notice stop_requested and tear down cleanly. */
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);

        /* The rd_kafka_t only hosts the mock cluster (it needs one for its
         * bookkeeping); it never produces anything itself. */
        conf = rd_kafka_conf_new();
        if (rd_kafka_conf_set(conf, "log_level", "3", errstr,
                              sizeof(errstr)) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "kafka-mock: %s\n", errstr);
                return 1;
        }
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "kafka-mock: rd_kafka_new: %s\n", errstr);
                return 1;
        }
        mc = rd_kafka_mock_cluster_new(rk, (int)broker_cnt);
        if (!mc) {
                fprintf(stderr, "kafka-mock: mock cluster creation failed\n");
                rd_kafka_destroy(rk);
                return 1;
        }

        printf("BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);

        while (!stop_requested) {
                char *args[MAX_ARGS + 4];
                int n = 0;
                char *save = NULL, *tok;
                ssize_t len = getline(&line, &linecap, stdin);
                if (len < 0) {
                        if (errno == EINTR && !stop_requested) {
                                clearerr(stdin);
                                continue;
                        }
                        break; /* EOF, read error or signal */
                }
                for (tok = strtok_r(line, " \t\r\n", &save);
                     tok && n < (int)(sizeof(args) / sizeof(*args));
                     tok = strtok_r(NULL, " \t\r\n", &save))
                        args[n++] = tok;
                if (n == 0)
                        continue; /* blank lines get no reply */
                if (run_command(mc, n, args))
                        break;
        }

        free(line);
        rd_kafka_mock_cluster_destroy(mc);
        rd_kafka_destroy(rk);
        return 0;
}
