package org.telops.runtime.session;

import java.util.Locale;

/** Kinds of bad media-stream input; the metric tag is the lower-case name with dashes. */
public enum BadInput {
  NON_JSON,
  UNKNOWN_EVENT,
  MISSING_FIELD,
  BAD_VALUE,
  BAD_BASE64,
  BINARY_FRAME,
  OVERSIZE_FRAME,
  BEFORE_START,
  UNSUPPORTED_FORMAT;

  public String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
