package dev.policymatch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses and CIDRs as Go's net.IPNet.String() writes them, which is how Calico stores them. */
class IpNetworksTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            10.244.1.5,          10.244.1.5/32
            10.244.1.5/32,       10.244.1.5/32
            10.244.1.5/24,       10.244.1.0/24
            fd00::5,             fd00::5/128
            FD00:0:0:0:0:0:A:5,  fd00::a:5/128
            ::1,                 ::1/128
            ::ffff:10.1.2.3,     10.1.2.3/32
            """)
    void cidrOrIp(String text, String expected) {
        assertThat(IpNetworks.cidrOrIp(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            172.17.1.9/16,            172.17.0.0/16
            0.0.0.0/0,                0.0.0.0/0
            255.255.255.255/1,        128.0.0.0/1
            10.0.0.0/8,               10.0.0.0/8
            2001:DB8::/32,            2001:db8::/32
            2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128
            2001:0:0:1:0:0:0:1/128,   2001:0:0:1::1/128
            2001:db8:1:2:3:4:5:6/64,  2001:db8:1:2::/64
            1:0:2:3:4:5:6:7/128,      1:0:2:3:4:5:6:7/128
            ::/0,                     ::/0
            """)
    void cidrClearsHostBitsAndCompressesLikeGo(String text, String expected) {
        assertThat(IpNetworks.cidr(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.0/33", "10.0.0.256/8", "010.0.0.0/8", "10.0.0/8", "example.com/8",
            "fd00::/129", "fd00:::1/64", "10.0.0.0/", "10.0.0.0/+8"})
    void refusesWhatGoRefuses(String text) {
        assertThatThrownBy(() -> IpNetworks.cidr(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }
}
