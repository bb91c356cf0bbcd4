package org.telops.admin.components;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/**
 * Confirmation of a consequential action with a required reason (it goes to the audit log and the state the
 * next engineer sees). The confirm button stays disabled until a reason of 3+ characters is typed.
 */
public class ReasonDialog extends Dialog {
  private final TextArea reason = new TextArea("Reason (recorded in the audit log)");
  private final Button confirm;

  public ReasonDialog(String title, String consequence, String confirmText, boolean danger, Consumer<String> onConfirm) {
    setHeaderTitle(title);
    reason.setId("reason");
    reason.setWidthFull();
    reason.setRequired(true);
    reason.setMaxLength(500);
    reason.setPlaceholder("e.g. carrier status page reports degraded media in us-east (INC-123)");
    reason.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
    confirm = new Button(confirmText, e -> {
      onConfirm.accept(reason.getValue().trim());
      close();
    });
    confirm.setId("confirm");
    confirm.setEnabled(false);
    confirm.addThemeVariants(danger ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
    reason.addValueChangeListener(e -> confirm.setEnabled(e.getValue() != null && e.getValue().trim().length() >= 3));
    Button cancel = new Button("Cancel", e -> close());
    add(new Paragraph(consequence), reason);
    getFooter().add(cancel, confirm);
    setWidth("min(560px, 95vw)");
  }

  public TextArea reasonField() {
    return reason;
  }

  public Button confirmButton() {
    return confirm;
  }
}
