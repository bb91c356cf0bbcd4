package org.telops.admin.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A line chart drawn by Chart.js in the browser (MIT, bundled at build time from npm): the server sends labels and
 * series as one JSON property; nothing but the data crosses the wire on a refresh.
 */
@Tag("telops-chart")
@NpmPackage(value = "chart.js", version = "4.6.1")
@JsModule("./telops-chart.js")
public class LineChart extends Component implements HasSize {

  /**
   * One line; {@code secondAxis} puts it on the right-hand axis (e.g. milliseconds beside MOS). Lines of one
   * {@code group} (e.g. a region) share a colour and tell themselves apart by {@code dash}: "solid", "dashed" or
   * "dotted" (e.g. P50, P95, P99); null group: a colour of its own.
   */
  public record Series(String label, List<? extends Number> values, boolean secondAxis, String group, String dash) {
    public Series(String label, List<? extends Number> values, boolean secondAxis) {
      this(label, values, secondAxis, null, null);
    }
  }

  private JsonObject last = new JsonObject();

  public LineChart() {
    setWidthFull();
    setHeight("260px");
  }

  /** Labels (x), series, and the left/right axis titles; {@code yMin}/{@code yMax} may be null. */
  public void setData(List<String> labels, List<Series> series, String yTitle, Number yMin, Number yMax, String y2Title) {
    JsonObject d = new JsonObject().put("labels", new JsonArray(List.copyOf(labels)));
    JsonArray s = new JsonArray();
    for (Series one : series) {
      s.add(new JsonObject().put("label", one.label()).put("values", new JsonArray(new java.util.ArrayList<>(one.values())))
          .put("axis", one.secondAxis() ? "y2" : "y").put("group", one.group()).put("dash", one.dash()));
    }
    d.put("series", s);
    JsonObject y = new JsonObject().put("title", yTitle);
    if (yMin != null) y.put("min", yMin);
    if (yMax != null) y.put("max", yMax);
    d.put("y", y).put("y2", new JsonObject().put("title", y2Title));
    last = d;
    getElement().setProperty("data", d.encode());
  }

  /** What the chart was last given (for tests and for the accessible table beside it). */
  public JsonObject data() {
    return last.copy();
  }
}
