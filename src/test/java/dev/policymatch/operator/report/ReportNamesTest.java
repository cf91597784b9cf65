package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Report names and labels: each kind's reports can be told apart, and no two endpoints share a report name. */
class ReportNamesTest {

    @ParameterizedTest
    @CsvSource({
            "pod.web-6c9f7,   web-6c9f7, ''",
            "pod.a.b,         a.b,       ''",
            "hep.node1-eth0,  '',        node1-eth0",
            "pod.,            '',        ''",
            "other,           '',        ''"})
    void endpointOfAPlainReportNameIsReadFromTheName(String report, String pod, String host) {
        assertThat(ReportNames.podNamed(report).orElse("")).isEqualTo(pod);
        assertThat(ReportNames.hostEndpointNamed(report).orElse("")).isEqualTo(host);
    }

    @Test
    void podReportsAreNamedAndLabelledApartFromHostReports() {
        assertThat(ReportNames.forPod("web-6c9f7")).isEqualTo("pod.web-6c9f7");
        assertThat(ReportNames.podLabels()).containsEntry(ReportNames.ENDPOINT_KIND_LABEL, "workload")
                .containsEntry(ReportNames.MANAGED_BY_LABEL, ReportNames.MANAGED_BY);
        assertThat(ReportNames.podSelector()).isEqualTo(
                "app.kubernetes.io/managed-by=policymatch-operator,policymatch.dev/endpoint-kind=workload");
        assertThat(ReportNames.managedSelector()).isEqualTo("app.kubernetes.io/managed-by=policymatch-operator");
    }

    /** Kubernetes' DNS-1123 subdomain, which an object name must be. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void namesThatFitKeepTheEndpointsNameWhole() {
        String longest = "a".repeat(ReportNames.MAX_NAME_LENGTH - 4);
        assertThat(ReportNames.forHostEndpoint(longest)).isEqualTo("hep." + longest).hasSize(253);
        assertThat(ReportNames.forPod("web-6c9f7")).isEqualTo("pod.web-6c9f7");
    }

    @Test
    void theLongestEndpointNamesGiveValidUniqueStableReportNames() {
        // 253 characters, as long as Kubernetes allows; the prefix would make 257.
        String base = "n".repeat(62) + "." + "m".repeat(63) + "." + "k".repeat(63) + "." + "j".repeat(59);
        String a = base + "-aa";
        String b = base + "-bb";
        String withDashAtTheCut = "x".repeat(237) + "-" + "y".repeat(15);
        for (String name : List.of(a, b, withDashAtTheCut)) {
            assertThat(name).hasSize(253);
            for (String report : List.of(ReportNames.forHostEndpoint(name), ReportNames.forPod(name))) {
                assertThat(report.length()).isLessThanOrEqualTo(253);
                assertThat(DNS_SUBDOMAIN.matcher(report).matches()).as(report).isTrue();
            }
        }
        assertThat(ReportNames.forHostEndpoint(a)).isNotEqualTo(ReportNames.forHostEndpoint(b))
                .isEqualTo(ReportNames.forHostEndpoint(new String(a))).startsWith("hep." + "n".repeat(62) + ".");
        assertThat(ReportNames.forPod(a)).startsWith("pod.").isNotEqualTo(ReportNames.forPod(b));
    }

    @Test
    void aShortenedNameCannotBeReadBackButNamesNoOtherEndpoint() {
        String pod = "p".repeat(253);
        String report = ReportNames.forPod(pod);
        assertThat(report).hasSize(253).startsWith("pod." + "p".repeat(216) + "-");
        assertThat(ReportNames.podNamed(report)).as("looked up among the known pods instead").isEmpty();
        assertThat(ReportNames.hostEndpointNamed(ReportNames.forHostEndpoint(pod))).isEmpty();
    }

    /**
     * Issue 14: a pod named like another pod's shortened report (its report name without the prefix) is
     * a legal name of 249 characters; it must not get that report.
     */
    @Test
    void anEndpointNamedLikeAnotherOnesShortenedReportGetsItsOwn() {
        String longName = LONG_253;
        String crafted = ReportNames.forPod(longName).substring(ReportNames.POD_PREFIX.length());
        assertThat(crafted).hasSize(249);
        assertThat(DNS_SUBDOMAIN.matcher(crafted).matches()).isTrue();

        assertThat(ReportNames.forPod(crafted)).isNotEqualTo(ReportNames.forPod(longName)).hasSizeLessThanOrEqualTo(253);
        assertThat(ReportNames.forHostEndpoint(crafted)).isNotEqualTo(ReportNames.forHostEndpoint(longName));
        // The same with the form of the earlier scheme (238 characters, "-", 10 hex digits): no longer special.
        String earlierForm = "a".repeat(238) + "-0123456789";
        assertThat(ReportNames.forPod(earlierForm)).isEqualTo("pod." + earlierForm);
    }

    @ParameterizedTest
    @CsvSource({
            "web-0123456789abcdef0123456789abcdef, true",
            "web-0123456789ABCDEF0123456789ABCDEF, false",
            "web-0123456789abcdef0123456789abcde,  false",
            "web.0123456789abcdef0123456789abcdef, false",
            "web-0123456789abcdef0123456789abcdeg, false",
            "-0123456789abcdef0123456789abcdef,    true"})
    void aShortNameThatEndsLikeAHashIsShortenedToo(String name, boolean shortened) {
        assertThat(!ReportNames.forPod(name).equals("pod." + name)).isEqualTo(shortened);
        assertThat(ReportNames.podNamed(ReportNames.forPod(name)).isEmpty()).isEqualTo(shortened);
    }

    /**
     * The mapping is one-to-one over names built to collide: random valid names of every length, names
     * ending in hash-like suffixes, names sharing a long start, and each name's report name used as a name.
     */
    @Test
    void reportNamesAreOneToOneAndEveryPlainReportNameLeadsBackToItsEndpoint() {
        Random random = new Random(14);
        Set<String> names = new HashSet<>();
        String sharedStart = "s".repeat(200) + ".";
        while (names.size() < 10_000) {
            String name = switch (random.nextInt(4)) {
                case 0 -> randomName(random, 1 + random.nextInt(253));
                case 1 -> randomName(random, 1 + random.nextInt(215)) + "-" + hex(random, 32);
                case 2 -> sharedStart + randomName(random, 1 + random.nextInt(52));
                default -> randomName(random, 1 + random.nextInt(238)) + "-" + hex(random, 10);
            };
            names.add(trimToValid(name));
        }
        for (String name : List.copyOf(names)) {
            names.add(ReportNames.forPod(name).substring(4));
            names.add(ReportNames.forHostEndpoint(name).substring(4));
        }
        Map<String, String> byPodReport = new HashMap<>();
        Map<String, String> byHostReport = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String pod = ReportNames.forPod(name);
            String host = ReportNames.forHostEndpoint(name);
            String other = byPodReport.put(pod, name);
            if (other != null) {
                problems.add(name + " and " + other + " share " + pod);
            }
            other = byHostReport.put(host, name);
            if (other != null) {
                problems.add(name + " and " + other + " share " + host);
            }
            for (String report : List.of(pod, host)) {
                if (report.length() > 253 || !DNS_SUBDOMAIN.matcher(report).matches()) {
                    problems.add(name + " gives the invalid name " + report);
                }
            }
            if (!ReportNames.podNamed(pod).orElse(name).equals(name)
                    || !ReportNames.hostEndpointNamed(host).orElse(name).equals(name)
                    || ReportNames.podNamed(host).isPresent()) {
                problems.add(name + " is not read back from its report names " + pod + ", " + host);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(names.stream().filter(name -> ReportNames.podNamed(ReportNames.forPod(name)).isEmpty()))
                .as("shortened names among them").hasSizeGreaterThan(5_000);
    }

    private static final String LONG_253 = "n".repeat(62) + "." + "m".repeat(63) + "." + "k".repeat(63) + "."
            + "j".repeat(62);

    private static String randomName(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789abcdef-.";
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    private static String hex(Random random, int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    /** A random name cut to a valid DNS subdomain (no "-" or "." at the ends, no empty part). */
    private static String trimToValid(String name) {
        String valid = name.replaceAll("\\.[-.]*\\.", ".").replaceAll("-+\\.", ".").replaceAll("\\.-+", ".")
                .replaceAll("^[-.]+", "").replaceAll("[-.]+$", "");
        return valid.isEmpty() ? "x" : valid;
    }
}
