package org.telops.admin.drills;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.vertx.core.json.JsonObject;
import org.telops.admin.components.Actions;
import org.telops.contracts.auth.OperatorAddresses;

/** Defines a drill (admin): the same JSON as POST /api/v1/drills; the runtime validates it and names what is wrong. */
class DrillForm extends Dialog {
  DrillForm(Runnable afterSave) {
    setHeaderTitle("Define a failover drill");
    TextField name = new TextField("Name");
    name.setId("drill-name");
    name.setRequired(true);
    ComboBox<String> carrier = new ComboBox<>("Carrier to break");
    carrier.setItems("twilio", "telnyx");
    carrier.setValue("twilio");
    TextField fault = new TextField("Fault");
    fault.setValue("api-5xx");
    fault.setHelperText("e.g. api-5xx, api-timeout, media-loss:30 (the carrier simulator's faults)");
    IntegerField duration = new IntegerField("Duration (s)");
    duration.setValue(60);
    duration.setMin(5);
    duration.setMax(3600);
    TextField schedule = new TextField("Schedule");
    schedule.setHelperText("empty = on demand; @weekly, @monthly or cron-like");
    TextField window = new TextField("Low-traffic window");
    window.setValue("Sun 03:00-05:00 UTC");
    FormLayout form = new FormLayout(name, carrier, fault, duration, schedule, window);
    add(form);
    Button save = new Button("Save", e -> {
      JsonObject body = new JsonObject().put("name", name.getValue().trim()).put("targetCarrier", carrier.getValue())
          .put("fault", fault.getValue().trim()).put("durationSeconds", duration.getValue());
      if (!schedule.getValue().isBlank()) {
        body.put("schedule", schedule.getValue().trim()).put("window", window.getValue().trim());
      }
      Actions.run(OperatorAddresses.DRILL_DEFINE, body, "Define drill " + name.getValue().trim(), done -> {
        close();
        afterSave.run();
      });
    });
    save.setId("save-drill");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", e -> close()), save);
  }
}
