package org.telops.quality.incidents;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.telops.contracts.bus.Addresses;

/**
 * What a transaction changed, to publish once it committed: alert events on {@link Addresses#ALERTS}
 * ({@code {"event":"opened"|"resolved","alert":{…}}}) and incident events on {@link Addresses#INCIDENTS}
 * ({@code {"event":"opened"|"alert-joined"|"reclassified"|"acknowledged"|"breached"|"resolved","incident":{…}}}).
 */
public final class Changes {
    private record Change(boolean alert, String event, long id) {}

    /** One bus message: address and body. */
    public record Message(String address, JsonObject body) {}

    private final List<Change> changes = new ArrayList<>();
    private int notificationsQueued;

    void alert(String event, long alertId) {
        changes.add(new Change(true, event, alertId));
    }

    void incident(String event, long incidentId) {
        changes.add(new Change(false, event, incidentId));
    }

    void notificationQueued() {
        notificationsQueued++;
    }

    public int notificationsQueued() {
        return notificationsQueued;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int size() {
        return changes.size();
    }

    /** The messages with the rows as they are now (read after commit, on the caller's connection). */
    public List<Message> messages(Connection c) throws SQLException {
        List<Message> out = new ArrayList<>();
        for (Change ch : changes) {
            if (ch.alert()) {
                IncidentReads.alert(c, ch.id()).ifPresent(a ->
                        out.add(new Message(Addresses.ALERTS, new JsonObject().put("event", ch.event()).put("alert", a))));
            } else {
                IncidentReads.incident(c, ch.id()).ifPresent(i ->
                        out.add(new Message(Addresses.INCIDENTS, new JsonObject().put("event", ch.event()).put("incident", i))));
            }
        }
        return out;
    }
}
