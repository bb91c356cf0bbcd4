package org.telops.carriersim.twilio;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.telops.carriersim.call.LegPlan;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Reads the TwiML verbs that matter to a simulated call: {@code <Connect><Stream url>} (bidirectional
 * media stream, with its {@code <Parameter>}s), {@code <Start><Stream>} (one-way fork), {@code <Hangup>},
 * {@code <Reject reason>}. Other verbs ({@code <Say>}, {@code <Pause>}, {@code <Play>}) leave the leg
 * answered and silent. Verbs run in order; {@code <Connect>} blocks, so nothing after it matters.
 * Plain JDK XML with DTDs and external entities off.
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
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element verb)) {
        continue;
      }
      switch (verb.getTagName()) {
        case "Connect" -> {
          Element stream = child(verb, "Stream");
          if (stream == null) {
            continue; // <Connect><Room>/<Conversation>… are outside the sim
          }
          return stream(stream, true);
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
    return forked != null ? forked : LegPlan.of(LegPlan.Action.ANSWER);
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
