package org.telops.quality.notify;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;

/**
 * Outgoing incident notifications.
 *
 * @param url Slack-compatible incoming-webhook URL; null = notifications disabled
 * @param timeout longest one delivery attempt may take
 * @param poll how often the sender looks for due retries (new notifications wake it at once)
 * @param firstBackoff delay before the first retry; doubles per attempt up to {@link #MAX_BACKOFF}
 * @param maxAttempts attempts before a notification is given up (kept in the outbox with its last error)
 */
public record WebhookConfig(URI url, Duration timeout, Duration poll, Duration firstBackoff, int maxAttempts) {

    public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    public static WebhookConfig fromEnv(Map<String, String> environment) {
        return fromEnv(environment, "TELOPS_ALERT_WEBHOOK_URL");
    }

    /** Finance's webhook (cost alerts, R19): TELOPS_FINANCE_WEBHOOK_URL, the delivery settings shared. */
    public static WebhookConfig financeFromEnv(Map<String, String> environment) {
        return fromEnv(environment, "TELOPS_FINANCE_WEBHOOK_URL");
    }

    private static WebhookConfig fromEnv(Map<String, String> environment, String urlVariable) {
        Env env = new Env(environment);
        String raw = env.string(urlVariable, null);
        URI url = null;
        if (raw != null) {
            try {
                url = URI.create(raw);
            } catch (IllegalArgumentException e) {
                url = null;
            }
            if (url == null || url.getHost() == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new ConfigException(urlVariable + "=" + masked(raw) + " is not an http(s) URL: give the "
                        + "incoming-webhook URL (https://hooks.slack.com/services/…) or unset it to disable notifications");
            }
        }
        return new WebhookConfig(url,
                Duration.ofMillis(env.integer("TELOPS_ALERT_WEBHOOK_TIMEOUT_MS", 10_000, 100, 300_000)),
                Duration.ofMillis(env.integer("TELOPS_ALERT_NOTIFY_POLL_MS", 1_000, 10, 600_000)),
                Duration.ofMillis(env.integer("TELOPS_ALERT_NOTIFY_BACKOFF_MS", 2_000, 10, 600_000)),
                env.integer("TELOPS_ALERT_NOTIFY_MAX_ATTEMPTS", 10, 1, 1_000));
    }

    public boolean enabled() {
        return url != null;
    }

    /** Delay after failed attempt number {@code attempts} (1-based): first, 2×first, 4×first … capped. */
    public Duration backoffAfter(int attempts) {
        long ms = firstBackoff.toMillis();
        for (int i = 1; i < attempts && ms < MAX_BACKOFF.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TELOPS_ALERT_WEBHOOK_URL", url == null ? "(not set: notifications disabled)" : masked(url.toString()));
        m.put("TELOPS_ALERT_WEBHOOK_TIMEOUT_MS", String.valueOf(timeout.toMillis()));
        m.put("TELOPS_ALERT_NOTIFY_POLL_MS", String.valueOf(poll.toMillis()));
        m.put("TELOPS_ALERT_NOTIFY_BACKOFF_MS", String.valueOf(firstBackoff.toMillis()));
        m.put("TELOPS_ALERT_NOTIFY_MAX_ATTEMPTS", String.valueOf(maxAttempts));
        return m;
    }

    /** Webhook URLs carry their secret in the path: show scheme, host and port only. */
    static String masked(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return "****";
        }
        int path = url.indexOf('/', scheme + 3);
        return path < 0 ? url : url.substring(0, path) + "/****";
    }
}
