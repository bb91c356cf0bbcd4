package org.telops.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.telops.contracts.logging.PhoneMask;

/** Logback's {@code %msg} with every E.164 number masked ({@code +1415555****}); wired in logback.xml. */
public final class MaskedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return PhoneMask.maskAll(super.convert(event));
  }
}
