package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.theme.lumo.Lumo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThemeTest extends ConsoleTest {
  @Test
  @DisplayName("The dark theme a user picks is remembered for that user, in a new session too, and not for others")
  void darkThemeFollowsTheUser() throws Exception {
    bed.sql("DELETE FROM user_preferences");
    signIn("oncall");
    assertThat(UI.getCurrent().getElement().getThemeList()).doesNotContain(Lumo.DARK);
    _click(_get(Button.class, s -> s.withId("theme-toggle")));
    assertThat(UI.getCurrent().getElement().getThemeList()).contains(Lumo.DARK);

    MockVaadin.tearDown();
    browser();
    signIn("oncall");
    assertThat(UI.getCurrent().getElement().getThemeList()).as("a new session of the same user").contains(Lumo.DARK);

    MockVaadin.tearDown();
    browser();
    signIn("finance");
    assertThat(UI.getCurrent().getElement().getThemeList()).as("another user").doesNotContain(Lumo.DARK);
  }
}
