package org.telops.prober.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.ConfigException;

class RegionTest {
  @Test
  @DisplayName("The default regions are us-east and eu-west on Twilio and ap-south on Telnyx, each calling the probe number")
  void defaults() {
    List<Region> r = Region.parseAll("V", Region.DEFAULT_REGIONS);
    assertThat(r).extracting(Region::name).containsExactly("us-east", "eu-west", "ap-south");
    assertThat(r).extracting(Region::carrier).containsExactly("twilio", "twilio", "telnyx");
    assertThat(r).extracting(Region::callerNumber).containsExactly("+15550010001", "+15550020001", "+15550030001");
    assertThat(r).allSatisfy(x -> {
      assertThat(x.targets()).containsExactly(Region.DEFAULT_TARGET);
      assertThat(x.simProfile()).isNull();
    });
  }

  @Test
  @DisplayName("A region can list several targets and a carrier-sim profile")
  void targetsAndProfile() {
    Region r = Region.parseAll("V", " lab : Telnyx : +442071234567 : +15550100,+15550101,+15550100 : ap-south ;").get(0);
    assertThat(r.name()).isEqualTo("lab");
    assertThat(r.carrier()).isEqualTo("telnyx");
    assertThat(r.targets()).containsExactly("+15550100", "+15550101");
    assertThat(r.simProfile()).isEqualTo("ap-south");
    assertThat(r.describe()).isEqualTo("lab:telnyx:+442071234567:+15550100,+15550101:ap-south");
  }

  @Test
  @DisplayName("Bad region specs fail start-up naming the variable, the region and what to write")
  void badSpecs() {
    assertThatThrownBy(() -> Region.parseAll("TELOPS_PROBE_REGIONS", "eu:vonage:+15550020001:+15550100"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("region eu has carrier 'vonage': use twilio or telnyx");
    assertThatThrownBy(() -> Region.parseAll("TELOPS_PROBE_REGIONS", "eu:twilio:5550020001:+15550100"))
        .hasMessageContaining("caller number '5550020001': use an E.164 number");
    assertThatThrownBy(() -> Region.parseAll("TELOPS_PROBE_REGIONS", "eu:twilio:+15550020001"))
        .hasMessageContaining("write name:carrier:callerNumber:target");
    assertThatThrownBy(() -> Region.parseAll("TELOPS_PROBE_REGIONS", "eu:twilio:+1555002:+1555;eu:twilio:+1555003:+1555"))
        .hasMessageContaining("lists region 'eu' twice");
    assertThatThrownBy(() -> Region.parseAll("TELOPS_PROBE_REGIONS", " ; ")).hasMessageContaining("lists no region");
  }
}
