package dev.policymatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PolicyKeyTest {

    @Test
    void parsesWhatUsersTypeForCalicoqPolicy() {
        assertThat(PolicyKey.parse("allow-dns")).isEqualTo(PolicyKey.global("allow-dns"));
        assertThat(PolicyKey.parse("prod/allow-dns")).isEqualTo(new PolicyKey("prod", "allow-dns"));
        assertThat(PolicyKey.parse("prod/allow-dns").qualifiedName()).isEqualTo("prod/allow-dns");
        assertThat(new PolicyKey("", "a")).isEqualTo(PolicyKey.global("a"));
    }

    @Test
    void sortsByQualifiedName() {
        assertThat(new TreeSet<>(List.of(new PolicyKey("ns", "b"), PolicyKey.global("z"), PolicyKey.global("a"),
                new PolicyKey("ns", "a")))).containsExactly(PolicyKey.global("a"), new PolicyKey("ns", "a"),
                new PolicyKey("ns", "b"), PolicyKey.global("z"));
    }
}
