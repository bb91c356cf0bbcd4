package org.telops.quality.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IpAddressTextTest {

    @Test
    @DisplayName("IPv4 is printed as a dotted quad, including high octets.")
    void ipv4() {
        assertThat(IpAddressText.format(4, 0, 0xC0A80AFFL)).isEqualTo("192.168.10.255");
    }

    @Test
    @DisplayName("IPv6 follows RFC 5952: lower case, longest zero run compressed, single zero group kept.")
    void ipv6() {
        assertThat(IpAddressText.format(6, 0x20010DB800000000L, 0x0000000000000001L)).isEqualTo("2001:db8::1");
        assertThat(IpAddressText.format(6, 0x20010DB800000001L, 0x0000000000000020L)).isEqualTo("2001:db8:0:1::20");
        assertThat(IpAddressText.format(6, 0x20010DB800000000L, 0x0001000000000001L)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddressText.format(6, 0x20010DB8AAAA0000L, 0xBBBBCCCCDDDDEEEEL)).isEqualTo("2001:db8:aaaa:0:bbbb:cccc:dddd:eeee");
        assertThat(IpAddressText.format(6, 0, 1)).isEqualTo("::1");
        assertThat(IpAddressText.format(6, 0, 0)).isEqualTo("::");
        assertThat(IpAddressText.format(6, 0xFE80000000000000L, 0)).isEqualTo("fe80::");
        assertThat(IpAddressText.format(6, 0, 0x0000FFFF0A000001L)).isEqualTo("::ffff:10.0.0.1");
    }
}
