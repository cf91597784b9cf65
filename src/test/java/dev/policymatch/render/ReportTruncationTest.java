package dev.policymatch.render;

import static dev.policymatch.match.Fixtures.allowFrom;
import static dev.policymatch.match.Fixtures.allowTo;
import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.MatchingRule;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportedRuleMatch;
import dev.policymatch.api.ReportedTier;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.Policy;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.render.ReportTruncation.Part;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cuts of a status with grouped rule matches and a tier list: whole rules cut, groups and tiers consistent. */
class ReportTruncationTest {

    private static final WorkloadEndpoint DB = pod("shop", "db", labels("role", "db"), "kns.shop");

    /** Three groups of rule matches (3, 2 and 1 rules) and policies in two tiers. */
    private static PolicyMatchReportStatus full() {
        List<Policy> policies = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            policies.add(np("shop", name).selector("app == 'web'").egress(allowTo("role == 'db'")).build());
        }
        policies.add(gnp("d").tier("security").selector("role == 'db'").ingress(allowFrom("role == 'db'")).build());
        policies.add(gnp("e").tier("baseline").selector("role == 'db'").ingress(allowFrom("role == 'db'"))
                .egress(allowTo("has(role)")).build());
        MatchIndex index = MatchIndex.builder().endpoint(DB).policies(policies)
                .tiers(List.of(tier("security", 100d, DefaultAction.PASS), tier("baseline", 200d, DefaultAction.DENY)))
                .build();
        return ReportComposer.status(index.match(DB.key()), List.of(), 1L, Reasons.INVALID_WORKLOAD_ENDPOINT);
    }

    private static List<MatchingRule> rules(PolicyMatchReportStatus status) {
        return status.getRuleMatches().stream().flatMap(match -> match.getRules().stream()).toList();
    }

    @Test
    void everyCutOfRuleMatchesKeepsTheFirstRulesInTheirGroupsAndCountsTheRest() {
        PolicyMatchReportStatus full = full();
        assertThat(full.getRuleMatches()).extracting(match -> match.getRules().size())
                .containsExactlyInAnyOrder(3, 2, 1);
        int all = full.getCounts().getRuleMatches();
        assertThat(all).isEqualTo(6).isEqualTo(Part.RULE_MATCHES.sizeIn(full));

        for (int kept = 0; kept < all; kept++) {
            EnumMap<Part, Integer> sizes = ReportTruncation.sizes(full);
            sizes.put(Part.RULE_MATCHES, kept);
            PolicyMatchReportStatus cut = ReportTruncation.cut(full, sizes, "1 KiB");

            assertThat(rules(cut)).as("kept %d", kept).isEqualTo(rules(full).subList(0, kept));
            assertThat(Part.RULE_MATCHES.sizeIn(cut)).isEqualTo(kept);
            assertThat(cut.getRuleMatches()).as("no empty group")
                    .allSatisfy(match -> assertThat(match.getRules()).isNotEmpty());
            for (int g = 0; g < cut.getRuleMatches().size(); g++) {
                ReportedRuleMatch shown = cut.getRuleMatches().get(g);
                ReportedRuleMatch whole = full.getRuleMatches().get(g);
                assertThat(List.of(shown.getDirection(), shown.getSide(), shown.getSelector(),
                        String.valueOf(shown.getEffectiveSelector()))).as("the group's selector is its own")
                        .isEqualTo(List.of(whole.getDirection(), whole.getSide(), whole.getSelector(),
                                String.valueOf(whole.getEffectiveSelector())));
            }
            assertThat(cut.getOmitted().getRuleMatches()).isEqualTo(all - kept);
            assertThat(cut.getCounts()).isEqualTo(full.getCounts());
            assertThat(cut.condition("Truncated").getMessage())
                    .contains((all - kept) + " of " + all + " rule matches");
        }
        EnumMap<Part, Integer> everything = ReportTruncation.sizes(full);
        everything.put(Part.POLICIES, 0);
        assertThat(ReportTruncation.cut(full, everything, "1 KiB").getRuleMatches()).isEqualTo(full.getRuleMatches());
    }

    @Test
    void theTierListKeepsTheTiersThatWhatIsShownNames() {
        PolicyMatchReportStatus full = full();
        assertThat(full.getTiers()).extracting(ReportedTier::getName).containsExactly("security", "baseline");

        EnumMap<Part, Integer> noPolicies = ReportTruncation.sizes(full);
        noPolicies.put(Part.POLICIES, 0);
        assertThat(ReportTruncation.cut(full, noPolicies, "1 KiB").getTiers()).as("the directions still name both")
                .isEqualTo(full.getTiers());

        EnumMap<Part, Integer> nothing = ReportTruncation.sizes(full);
        nothing.put(Part.POLICIES, 0);
        nothing.put(Part.TIERS, 0);
        PolicyMatchReportStatus cut = ReportTruncation.cut(full, nothing, "1 KiB");
        assertThat(cut.getIngress().getUndecided().getTier()).isEqualTo("baseline");
        assertThat(cut.getTiers()).as("only where undecided traffic ends")
                .extracting(ReportedTier::getName).containsExactly("baseline");
    }
}
