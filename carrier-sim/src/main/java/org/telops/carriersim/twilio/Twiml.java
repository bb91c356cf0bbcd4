package org.telops.carriersim.twilio;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.telops.carriersim.call.AppVerb;
import org.telops.carriersim.call.LegPlan;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Reads the TwiML verbs that matter to a simulated call: {@code <Connect action><Stream url>} (bidirectional
 * media stream, with its {@code <Parameter>}s; the action is requested when the stream ends and the call goes on),
 * {@code <Start><Stream>} (one-way fork), {@code <Hangup>}, {@code <Reject reason>}. A document with
 * {@code <Record>}, {@code <Redirect>} or {@code <Dial>} is a program the sim runs verb by verb ({@link AppVerb}:
 * {@code <Play>} plays its WAV, {@code <Record>} records the caller); the call hangs up at its end, as Twilio's does.
 * Otherwise {@code <Say>}, {@code <Pause>}, {@code <Play>} leave the leg answered and silent. {@code <Connect>}
 * blocks, so nothing after it matters. Plain JDK XML with DTDs and external entities off.
 */
public final class Twiml {
  private Twiml() {}

  /** @throws IllegalArgumentException naming what is wrong (Twilio's error 12100) */
  public static LegPlan parse(String xml) {
    Document doc = read(xml);
    Element root = doc.getDocumentElement();
    if (!"Response".equals(root.getTagName())) {
      throw new IllegalArgumentException("TwiML root element is <" + root.getTagName() + ">, not <Response>");
    }
    LegPlan forked = null;
    java.util.List<AppVerb> program = new java.util.ArrayList<>();
    boolean isProgram = false;
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element v && java.util.Set.of("Record", "Redirect", "Dial").contains(v.getTagName())) {
        isProgram = true;
      }
    }
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element verb)) {
        continue;
      }
      if (isProgram) {
        AppVerb v = verb(verb);
        if (v != null) {
          program.add(v);
        }
        continue;
      }
      switch (verb.getTagName()) {
        case "Connect" -> {
          Element stream = child(verb, "Stream");
          if (stream == null) {
            continue; // <Connect><Room>/<Conversation>… are outside the sim
          }
          String action = verb.getAttribute("action").trim();
          LegPlan plan = stream(stream, true);
          return action.isEmpty() ? plan : plan.withConnectAction(action);
        }
        case "Start" -> {
          Element stream = child(verb, "Stream");
          if (stream != null) {
            forked = stream(stream, false);
          }
        }
        case "Hangup" -> {
          return forked != null ? forked : LegPlan.of(LegPlan.Action.HANGUP);
        }
        case "Reject" -> {
          String reason = verb.getAttribute("reason");
          return LegPlan.reject(reason.isEmpty() ? "rejected" : reason);
        }
        default -> { }
      }
    }
    if (isProgram) {
      return LegPlan.verbs(program);
    }
    return forked != null ? forked : LegPlan.of(LegPlan.Action.ANSWER);
  }

  /**
   * The plan an application's HTTP answer gives (TwiML or TeXML): a request that failed or timed out, a non-2xx status
   * or a bad document become Twilio's error codes (11200, 11205, 12100).
   */
  public static LegPlan planFrom(io.vertx.core.AsyncResult<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> ar,
                                 String url) {
    if (ar.failed()) {
      return ar.cause() instanceof java.util.concurrent.TimeoutException
          ? LegPlan.failed("11205", "HTTP request to " + url + " timed out: " + ar.cause().getMessage())
          : LegPlan.failed("11200", "HTTP request to " + url + " failed: " + ar.cause().getMessage());
    }
    if (ar.result().statusCode() / 100 != 2) {
      return LegPlan.failed("11200", url + " answered HTTP " + ar.result().statusCode());
    }
    try {
      return parse(ar.result().bodyAsString());
    } catch (IllegalArgumentException e) {
      return LegPlan.failed("12100", e.getMessage());
    }
  }

  /** One verb of a program; null for what the sim skips. */
  private static AppVerb verb(Element verb) {
    String text = verb.getTextContent() == null ? "" : verb.getTextContent().trim();
    return switch (verb.getTagName()) {
      case "Play" -> {
        if (!(text.startsWith("http://") || text.startsWith("https://"))) {
          throw new IllegalArgumentException("<Play> needs an http(s) URL, got \"" + text + "\"");
        }
        yield new AppVerb.Play(text, Math.max(1, integer(verb, "loop", 1)));
      }
      case "Record" -> new AppVerb.Record(emptyToNull(verb.getAttribute("action")), integer(verb, "timeout", 5),
          integer(verb, "maxLength", 3600), verb.hasAttribute("finishOnKey") ? verb.getAttribute("finishOnKey") : "1234567890*#",
          !"false".equalsIgnoreCase(verb.getAttribute("playBeep")));
      case "Redirect" -> {
        if (text.isEmpty()) {
          throw new IllegalArgumentException("<Redirect> without a URL");
        }
        yield new AppVerb.Redirect(text);
      }
      case "Pause" -> new AppVerb.Pause(integer(verb, "length", 1));
      case "Say" -> new AppVerb.Pause(Math.max(1, text.length() / 15));
      case "Hangup", "Reject" -> new AppVerb.Hangup();
      case "Dial" -> {
        Element sip = child(verb, "Sip");
        Element number = child(verb, "Number");
        yield new AppVerb.Dial(sip != null ? sip.getTextContent().trim() : number != null ? number.getTextContent().trim() : text);
      }
      default -> null;
    };
  }

  private static int integer(Element e, String attribute, int otherwise) {
    String v = e.getAttribute(attribute).trim();
    if (v.isEmpty()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("<" + e.getTagName() + " " + attribute + "=\"" + v + "\"> is not a whole number");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static LegPlan stream(Element stream, boolean bidirectional) {
    String url = stream.getAttribute("url");
    if (url.isBlank() || !(url.startsWith("ws://") || url.startsWith("wss://"))) {
      throw new IllegalArgumentException("<Stream url=\"" + url + "\"> is not a ws:// or wss:// URL");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Node n = stream.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element p && p.getTagName().equals("Parameter") && !p.getAttribute("name").isEmpty()) {
        params.put(p.getAttribute("name"), p.getAttribute("value"));
      }
    }
    String callback = stream.getAttribute("statusCallback");
    return LegPlan.stream(url, stream.getAttribute("name"), params, bidirectional, callback.isEmpty() ? null : callback);
  }

  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static Document read(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing
      return b.parse(new InputSource(new StringReader(xml == null ? "" : xml.trim())));
    } catch (Exception e) {
      throw new IllegalArgumentException("TwiML is not well-formed XML: " + e.getMessage());
    }
  }
}
