package org.telops.admin.components;

import com.vaadin.flow.component.html.Span;

/** A coloured word for a state, readable without colour too (the word is the state). */
public final class StateBadge {
  private StateBadge() {}

  public static Span of(String state) {
    Span s = new Span(state == null ? "unknown" : state);
    String variant = switch (state == null ? "" : state) {
      case "available", "healthy", "closed", "resolved", "passed", "success", "ok", "completed" -> "success";
      case "forced-open", "circuit-open", "removed", "open", "failed", "failure", "breached", "dropped" -> "error";
      case "draining", "half-open", "degraded", "acknowledged", "running", "throttled" -> "contrast";
      default -> "";
    };
    String bg = switch (variant) {
      case "success" -> "var(--lumo-success-color-10pct)";
      case "error" -> "var(--lumo-error-color-10pct)";
      default -> "var(--lumo-contrast-10pct)";
    };
    String fg = switch (variant) {
      case "success" -> "var(--lumo-success-text-color)";
      case "error" -> "var(--lumo-error-text-color)";
      default -> "var(--lumo-body-text-color)";
    };
    s.addClassName("state-" + (variant.isEmpty() ? "neutral" : variant));
    s.getStyle().set("background", bg).set("color", fg).set("padding", "0.1em 0.6em").set("border-radius", "1em")
        .set("font-size", "var(--lumo-font-size-s)").set("font-weight", "600").set("white-space", "nowrap")
        .set("align-self", "center");
    return s;
  }
}
