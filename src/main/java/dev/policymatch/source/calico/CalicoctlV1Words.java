package dev.policymatch.source.calico;

import java.util.List;

/**
 * calicoctl v1 wrote a rule's action and protocol in lower case ({@code allow}, {@code tcp}: libcalico-go
 * {@code lib/validator/v1/validator.go}'s {@code actionRegex} and {@code protocolRegex}), where the v3 API
 * spells them {@code Allow} and {@code TCP} and accepts no other case. The converter gives the model the v3
 * spelling, so one exact-case validator serves every dialect; a v1 word is read whatever its case, as before.
 */
final class CalicoctlV1Words {
    private static final List<String> ACTIONS = List.of("Allow", "Deny", "Log", "Pass");
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite");

    private CalicoctlV1Words() {
    }

    /** The v3 spelling of a v1 action; any other text as written. */
    static String action(String text) {
        return v3Spelling(text, ACTIONS);
    }

    /** The v3 spelling of a v1 protocol name; a number or any other text as written. */
    static String protocol(String text) {
        return v3Spelling(text, PROTOCOLS);
    }

    private static String v3Spelling(String text, List<String> words) {
        if (text == null) {
            return null;
        }
        return words.stream().filter(text::equalsIgnoreCase).findFirst().orElse(text);
    }
}
