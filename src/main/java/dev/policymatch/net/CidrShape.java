package dev.policymatch.net;

/**
 * What Calico's rule and endpoint checks ask of a CIDR once {@code net.ParseCIDR} has read it: its IP version as
 * libcalico-go's {@code IPNet.Version()} gives it (an IPv4-mapped network is version 4), its prefix length in
 * bits of the address as parsed ({@code addressBits}: 32, or 128 for any IPv6 text), whether the text had host
 * bits set ({@code 10.0.0.1/8}), and the network as Calico writes it.
 */
public record CidrShape(int version, int prefixLength, int addressBits, boolean hostBitsSet, String network) {

    /** A /32 or /128: Go's {@code Mask.Size()} gives ones == bits. */
    public boolean singleAddress() {
        return prefixLength == addressBits;
    }

    /** Every address of its width: {@code 0.0.0.0/0}, {@code ::/0}. */
    public boolean everyAddress() {
        return prefixLength == 0;
    }
}
