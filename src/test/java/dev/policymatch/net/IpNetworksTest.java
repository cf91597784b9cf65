package dev.policymatch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Addresses and CIDRs read as Go's net.ParseIP / net.ParseCIDR read them and written as net.IPNet.String() writes
 * them, which is how Calico stores them. The Go rows are from Go's {@code src/net/ip_test.go} (Go 1.24, whose
 * parser is {@code netip}'s): {@code parseIPTests}, {@code parseCIDRTests}, {@code ipStringTests} and the
 * prefix-length rows of {@code ipNetStringTests}, each written as what Calico then prints.
 */
class IpNetworksTest {

    /** libcalico-go's ParseCIDROrIP, then Go's IPNet.Contains (an IPv4-mapped address counts as IPv4). */
    @ParameterizedTest
    @CsvSource(textBlock = """
            1.2.3.4/32,          1.2.3.4,          true
            1.2.3.4,             1.2.3.4,          true
            1.2.3.4/32,          100.200.0.0,      false
            10.0.0.0/8,          10.255.1.2,       true
            10.0.0.0/8,          ::ffff:10.1.2.3,  true
            ::ffff:10.0.0.0/104, 10.1.2.3,         true
            ::ffff:10.0.0.0/104, 11.1.2.3,         false
            ::ffff:10.1.2.3,     10.1.2.3,         true
            aabb:aabb::ffff/128, aabb:aabb::ffff,  true
            aabb:aabb::ffff/128, aabb::abcd,       false
            aabb::/16,           1.2.3.4,          false
            not-a-network,       1.2.3.4,          false
            1.2.3.4/32,          not-an-address,   false
            """)
    void contains(String network, String address, boolean expected) {
        assertThat(IpNetworks.contains(network, address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.2.3.4,         4
            ::ffff:1.2.3.4,  4
            aabb::abcd,      6
            1.2.3.4/32,      0
            host,            0
            """)
    void version(String address, int expected) {
        assertThat(IpNetworks.version(address)).isEqualTo(expected);
    }

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

    /** Go's parseIPTests, valid rows: the address, and Calico's network of it (ParseCIDROrIP). */
    @ParameterizedTest
    @CsvSource(textBlock = """
            127.0.1.2,                                 127.0.1.2/32
            127.0.0.1,                                 127.0.0.1/32
            ::ffff:127.1.2.3,                          127.1.2.3/32
            ::ffff:7f01:0203,                          127.1.2.3/32
            0:0:0:0:0000:ffff:127.1.2.3,               127.1.2.3/32
            0:0:0:0::ffff:127.1.2.3,                   127.1.2.3/32
            2001:4860:0:2001::68,                      2001:4860:0:2001::68/128
            2001:4860:0000:2001:0000:0000:0000:0068,   2001:4860:0:2001::68/128
            """)
    void goParsesTheseAddresses(String text, String network) {
        assertThat(IpNetworks.isAddress(text)).isTrue();
        assertThat(IpNetworks.cidrOrIp(text)).isEqualTo(network);
    }

    /** Go's parseIPTests, invalid rows. */
    @ParameterizedTest
    @ValueSource(strings = {"-0.0.0.0", "0.-1.0.0", "0.0.-2.0", "0.0.0.-3", "127.0.0.256", "abc", "123:", "fe80::1%lo0",
            "fe80::1%911", "", "0:0:0:0:000000:ffff:127.1.2.3", "0:0:0:0:00000:ffff:127.1.2.3",
            "a1:a2:a3:a4::b1:b2:b3:b4", "127.001.002.003", "::ffff:127.001.002.003", "123.000.000.000", "1.2..4",
            "0123.0.0.1"})
    void goRefusesTheseAddresses(String text) {
        assertThat(IpNetworks.isAddress(text)).isFalse();
        assertThatThrownBy(() -> IpNetworks.cidrOrIp(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an IP address");
    }

    /** Go's parseCIDRTests, valid rows, with the network as IPNet.String() writes it. */
    @ParameterizedTest
    @CsvSource(textBlock = """
            135.104.0.0/32,   135.104.0.0/32
            0.0.0.0/24,       0.0.0.0/24
            135.104.0.0/24,   135.104.0.0/24
            135.104.0.1/32,   135.104.0.1/32
            135.104.0.1/24,   135.104.0.0/24
            ::1/128,          ::1/128
            abcd:2345::/127,  abcd:2345::/127
            abcd:2345::/65,   abcd:2345::/65
            abcd:2345::/64,   abcd:2345::/64
            abcd:2345::/63,   abcd:2345::/63
            abcd:2345::/33,   abcd:2345::/33
            abcd:2345::/32,   abcd:2345::/32
            abcd:2344::/31,   abcd:2344::/31
            abcd:2300::/24,   abcd:2300::/24
            abcd:2345::/24,   abcd:2300::/24
            2001:DB8::/48,    2001:db8::/48
            2001:DB8::1/48,   2001:db8::/48
            """)
    void goParsesTheseCidrs(String text, String network) {
        assertThat(IpNetworks.isCidr(text)).isTrue();
        assertThat(IpNetworks.cidr(text)).isEqualTo(network);
    }

    /** Go's parseCIDRTests, invalid rows. */
    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1/255.255.255.0", "192.168.1.1/35", "2001:db8::1/-1", "2001:db8::1/-0",
            "-0.0.0.0/32", "0.-1.0.0/32", "0.0.-2.0/32", "0.0.0.-3/32", "0.0.0.0/-0", "127.000.000.001/32", ""})
    void goRefusesTheseCidrs(String text) {
        assertThat(IpNetworks.isCidr(text)).isFalse();
        assertThatThrownBy(() -> IpNetworks.cidr(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Go's ipStringTests and ipNetStringTests (prefix-length masks): how an address or network is written. */
    @ParameterizedTest
    @CsvSource(textBlock = """
            192.0.2.1,                                  192.0.2.1/32
            0.0.0.0,                                    0.0.0.0/32
            0:0:0:0:0:ffff:c000:0201,                   192.0.2.1/32
            0:0:0:0:0:ffff:0:0,                         0.0.0.0/32
            2001:0db8:0000:0000:0000:0123:0012:0001,    2001:db8::123:12:1/128
            2001:0db8:0000:0000:0000:0000:0000:0001,    2001:db8::1/128
            2001:0db8:0000:0001:0000:0001:0000:0001,    2001:db8:0:1:0:1:0:1/128
            2001:0db8:0001:0000:0001:0000:0001:0000,    2001:db8:1:0:1:0:1:0/128
            2001:0000:0000:0000:0001:0000:0000:0001,    2001::1:0:0:1/128
            2001:0db8:0000:0000:0001:0000:0000:0000,    2001:db8:0:0:1::/128
            2001:0db8:0000:0000:0001:0000:0000:0001,    2001:db8::1:0:0:1/128
            2001:0db8:0000:0000:000a:000b:000c:000d,    2001:db8::a:b:c:d/128
            0:0:0:0:0:0:0:0,                            ::/128
            192.168.1.0/26,                             192.168.1.0/26
            2001:db8::/55,                              2001:db8::/55
            """)
    void writtenAsGoWritesThem(String text, String written) {
        assertThat(IpNetworks.cidrOrIp(text)).isEqualTo(written);
    }

    /**
     * Issue 12's R1, where PolicyMatch's two parsers disagreed and Go decides: an IPv4-mapped network counts its
     * prefix in 128 bits and is written as IPv4 with the last 32 bits of its mask (IPNet.String's
     * networkNumberAndMask); the Java parser that took {@code ::ffff:10.1.2.3/128} for an IPv4 address refused it.
     */
    @ParameterizedTest
    @CsvSource(textBlock = """
            ::ffff:10.1.2.3/128,  10.1.2.3/32
            ::ffff:10.1.2.3/120,  10.1.2.0/24
            ::ffff:10.1.2.3/96,   0.0.0.0/0
            ::ffff:10.1.2.3/64,   ::/64
            ::ffff:10.1.2.3/32,   ::/32
            """)
    void anIpv4MappedNetworkIsWrittenAsGoWritesIt(String text, String written) {
        assertThat(IpNetworks.isCidr(text)).isTrue();
        assertThat(IpNetworks.cidr(text)).isEqualTo(written);
    }

    /**
     * Issue 12's R1: what Go refuses and one of the two parsers took. The converters' parser handed IPv6 text to
     * InetAddress, which reads a dotted quad with a leading zero (and groups of five or six zeros, in Go's rows
     * above); the validator's parser took a dotted quad before "::" and non-ASCII digits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"::ffff:01.2.3.4", "1.2.3.4::", "::\uff11"})
    void goRefusesWhatOneOfTheOldParsersTook(String text) {
        assertThat(IpNetworks.isAddress(text)).isFalse();
        assertThat(IpNetworks.isCidr(text + "/32")).isFalse();
        assertThatThrownBy(() -> IpNetworks.cidrOrIp(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Go's dtoi would read a prefix length with a leading zero; Calico's CRD schemas refuse it, and so do we. */
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/08", "fd00::/064", "10.0.0.0/0008"})
    void aPrefixLengthWithALeadingZeroIsRefusedAsTheCrdSchemaDoes(String text) {
        assertThat(IpNetworks.isCidr(text)).isFalse();
        assertThatThrownBy(() -> IpNetworks.cidr(text)).hasMessageContaining("has an invalid prefix length");
    }
}
