package org.telops.quality.triage;

import java.util.Collection;
import java.util.Locale;

/**
 * The four stacks of a voice-AI call, in the order on-call checks them (Telephony first: a carrier
 * fault shows up as audio, transcription and latency symptoms too), with the target resolution time
 * from the research (REFERENCE.md).
 */
public enum Stack {
    TELEPHONY("Telephony", 5),
    AUDIO("Audio", 10),
    INTELLIGENCE("Intelligence", 15),
    OUTPUT("Output", 10);

    private final String title;
    private final int targetResolutionMinutes;

    Stack(String title, int targetResolutionMinutes) {
        this.title = title;
        this.targetResolutionMinutes = targetResolutionMinutes;
    }

    public String title() {
        return title;
    }

    public int targetResolutionMinutes() {
        return targetResolutionMinutes;
    }

    /** The value in incidents.stack and the API: "telephony", "audio", "intelligence", "output". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the text names no stack. */
    public static Stack byId(String id) {
        for (Stack s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The stack to check first among several (Telephony before Audio before Intelligence before Output). */
    public static Stack first(Collection<Stack> stacks) {
        Stack best = null;
        for (Stack s : stacks) {
            if (best == null || s.ordinal() < best.ordinal()) {
                best = s;
            }
        }
        return best;
    }

    /** True when this stack is checked before {@code other}. */
    public boolean before(Stack other) {
        return ordinal() < other.ordinal();
    }
}
