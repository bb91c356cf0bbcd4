package org.telops.runtime.session;

import org.telops.runtime.engine.ConversationEngine;

/** Which engine serves a call: the one a parameter names, else the one mapped to the called number, else the default. */
public interface EngineDirectory {
  ConversationEngine select(String requestedName, String toNumber);
}
