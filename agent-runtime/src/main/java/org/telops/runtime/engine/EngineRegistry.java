package org.telops.runtime.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.session.EngineDirectory;

/**
 * The engines this runtime offers and which one serves a call: a name requested by the call (TwiML
 * {@code <Parameter name="engine">}, Telnyx client_state "engine"), else the engine mapped to the called
 * number ({@code TELOPS_AGENT_ENGINE_BY_NUMBER}), else the default ({@code TELOPS_AGENT_ENGINE}).
 */
public final class EngineRegistry implements EngineDirectory {
  private static final Logger log = LoggerFactory.getLogger(EngineRegistry.class);

  private final Map<String, ConversationEngine> engines = new LinkedHashMap<>();
  private final Map<String, String> byNumber;
  private final String defaultName;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public EngineRegistry(Iterable<ConversationEngine> available, String defaultName, Map<String, String> byNumber) {
    available.forEach(e -> engines.put(e.name(), e));
    this.defaultName = defaultName;
    this.byNumber = Map.copyOf(byNumber);
    if (!engines.containsKey(defaultName)) {
      throw new IllegalArgumentException("TELOPS_AGENT_ENGINE=" + defaultName + " is not an engine: use one of " + engines.keySet());
    }
    byNumber.forEach((number, name) -> {
      if (!engines.containsKey(name)) {
        throw new IllegalArgumentException("TELOPS_AGENT_ENGINE_BY_NUMBER maps " + number + " to '" + name
            + "', which is not an engine: use one of " + engines.keySet());
      }
    });
  }

  @Override
  public ConversationEngine select(String requestedName, String toNumber) {
    if (requestedName != null && !requestedName.isBlank()) {
      ConversationEngine e = engines.get(requestedName.trim().toLowerCase(Locale.ROOT));
      if (e != null) {
        return e;
      }
      if (warned.add(requestedName)) {
        log.warn("a call asked for engine '{}', which this runtime does not have ({}): using the number map or {}",
            requestedName, engines.keySet(), defaultName);
      }
    }
    if (toNumber != null) {
      String name = byNumber.get(toNumber.trim());
      if (name != null) {
        return engines.get(name);
      }
    }
    return engines.get(defaultName);
  }

  public Set<String> names() {
    return engines.keySet();
  }
}
