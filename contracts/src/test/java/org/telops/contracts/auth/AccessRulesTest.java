package org.telops.contracts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.logging.PhoneMask;

@DisplayName("Roles, route rules and phone masking")
class AccessRulesTest {
  static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    VERTX.close();
  }

  @Test
  @DisplayName("Admin allows every role; on-call and finance allow only themselves and 'any'; wire names parse both ways")
  void roles() {
    assertThat(Role.ADMIN.allows(Role.ON_CALL)).isTrue();
    assertThat(Role.ADMIN.allows(Role.FINANCE)).isTrue();
    assertThat(Role.ON_CALL.allows(Role.FINANCE)).isFalse();
    assertThat(Role.FINANCE.allows(Role.ON_CALL)).isFalse();
    assertThat(Role.FINANCE.allows(Role.ANY)).isTrue();
    assertThat(Role.parse("On-Call")).isEqualTo(Role.ON_CALL);
    assertThatThrownBy(() -> Role.parse("oncall")).hasMessageContaining("on-call, finance, admin");
    assertThatThrownBy(() -> new Actor("bob", Role.FINANCE, Actor.Kind.TOKEN, null).require(Role.ON_CALL))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("role 'on-call' needed");
  }

  @Test
  @DisplayName("The most specific rule wins: literal over parameterised over the longest prefix; protected paths are known")
  void matching() {
    AccessRules rules = AccessRules.of(Router.router(VERTX));
    rules.require(HttpMethod.GET, "/api/v1/probes/cost", Role.FINANCE).require(HttpMethod.GET, "/api/v1/probes/:id", Role.ANY)
        .require(null, "/sim/*", Role.ADMIN).open(null, "/sim/twilio/*").require(null, "/sim/twilio/invoices/*", Role.ADMIN);
    assertThat(rules.match(HttpMethod.GET, "/api/v1/probes/cost").orElseThrow().role()).isEqualTo(Role.FINANCE);
    assertThat(rules.match(HttpMethod.GET, "/api/v1/probes/42").orElseThrow().roleName()).isEqualTo("any");
    assertThat(rules.match(HttpMethod.POST, "/api/v1/probes/42")).isEmpty();
    assertThat(rules.match(HttpMethod.GET, "/api/v1/probes/42/x")).isEmpty();
    assertThat(rules.match(HttpMethod.POST, "/sim/twilio/2010-04-01/Accounts/AC1/Calls.json").orElseThrow().open()).isTrue();
    assertThat(rules.match(HttpMethod.GET, "/sim/twilio/invoices/2026-11.csv").orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(rules.match(HttpMethod.PUT, "/sim/faults").orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(AccessRules.isProtected("/api/v1/anything")).isTrue();
    assertThat(AccessRules.isProtected("/metrics")).isTrue();
    assertThat(AccessRules.isProtected("/carriers/twilio/status")).isFalse();
  }

  @Test
  @DisplayName("E.164 numbers in text keep all but their last four digits")
  void masking() {
    assertThat(PhoneMask.maskAll("call from +14155550100 to +442071838750 failed")).isEqualTo("call from +1415555**** to +44207183**** failed");
    assertThat(PhoneMask.maskAll("version 1+2 and id +12")).isEqualTo("version 1+2 and id +12");
  }
}
