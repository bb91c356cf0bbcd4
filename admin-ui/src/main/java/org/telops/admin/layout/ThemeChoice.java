package org.telops.admin.layout;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.theme.lumo.Lumo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.telops.admin.Services;

/** Light or dark Lumo, remembered per user in {@code user_preferences} (so it follows them to another browser). */
public final class ThemeChoice {
  private ThemeChoice() {}

  public static boolean isDark(String user) {
    try (Connection c = Services.get().db().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT theme FROM user_preferences WHERE username = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && "dark".equals(rs.getString(1));
      }
    } catch (SQLException e) {
      return false; // a theme is not worth an error page
    }
  }

  public static void remember(String user, boolean dark) {
    try (Connection c = Services.get().db().getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO user_preferences (username, theme) VALUES (?, ?) "
             + "ON CONFLICT (username) DO UPDATE SET theme = EXCLUDED.theme, updated_at = now()")) {
      ps.setString(1, user);
      ps.setString(2, dark ? "dark" : "light");
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not save the theme of '" + user + "': " + e.getMessage(), e);
    }
  }

  public static void apply(UI ui, boolean dark) {
    ui.getElement().getThemeList().remove(Lumo.DARK);
    if (dark) {
      ui.getElement().getThemeList().add(Lumo.DARK);
    }
  }
}
