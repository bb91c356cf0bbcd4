package org.telops.quality.incidents;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** The body of acknowledge / resolve: {@code {"by": "alice", "note": "carrier ticket 1234"}}; note optional. */
public record ActionRequest(String by, String note) {
    static final int MAX_BY = 100;
    static final int MAX_NOTE = 2000;

    /**
     * The body as sent through the API: the author is {@code actor} (the authenticated caller), whatever the
     * body's "by" says; the body may be empty or carry only a note.
     */
    public static ActionRequest parse(String body, String actor) {
        JsonObject json = new JsonObject();
        if (body != null && !body.isBlank()) {
            try {
                json = new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                throw new IllegalArgumentException("body is not a JSON object: send one like {\"note\": \"carrier ticket 1234\"}");
            }
        }
        return parse(json.copy().put("by", actor).encode());
    }

    /** @throws IllegalArgumentException with a sentence for the 400 answer */
    public static ActionRequest parse(String body) {
        String example = " like {\"by\": \"alice\", \"note\": \"carrier ticket 1234\"}";
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("body is missing: send a JSON object" + example);
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body is not a JSON object: send one" + example);
        }
        Object by = json.getValue("by");
        if (!(by instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'by' (who is acting) is missing or not a string: send a JSON object" + example);
        }
        if (s.strip().length() > MAX_BY) {
            throw new IllegalArgumentException("'by' is longer than " + MAX_BY + " characters");
        }
        Object note = json.getValue("note");
        if (note != null && !(note instanceof String)) {
            throw new IllegalArgumentException("'note' must be a string");
        }
        String n = note == null || ((String) note).isBlank() ? null : ((String) note).strip();
        if (n != null && n.length() > MAX_NOTE) {
            throw new IllegalArgumentException("'note' is longer than " + MAX_NOTE + " characters");
        }
        return new ActionRequest(s.strip(), n);
    }
}
