package org.telops.quality.triage;

/** Which stack an alert points at, and why, in a sentence for the incident timeline. */
public record Classification(Stack stack, String reason) {}
