/**
 * The match engine: for every endpoint, the policies and profiles that apply to it in the order Calico
 * enforces them, and the policy rules whose selectors name it ({@link dev.policymatch.match.MatchIndex},
 * results as {@link dev.policymatch.match.EndpointMatch}).
 *
 * <p>Where each Calico rule comes from:
 * <ul>
 *   <li>Effective selectors ({@link dev.policymatch.match.CompiledPolicy}): libcalico-go's syncer update
 *       processors, {@code networkpolicyprocessor.go} (namespace scope, serviceAccountSelector),
 *       {@code globalnetworkpolicyprocessor.go} (pcns./pcsa. prefixes, {@code all()} rewrites) and
 *       {@code rules.go} ({@code getEndpointSelector}: rule namespaceSelector with {@code all()} and
 *       {@code global()} rewrites, serviceAccounts, notSelector copied unscoped).</li>
 *   <li>Effective labels ({@code EffectiveLabels}): Felix's label inheritance (own labels, then profiles
 *       in order, first wins); libcalico-go {@code updateLabelsForStorage} (namespace and orchestrator
 *       labels of a workload) and {@code workloadendpointprocessor.go} (own pcns./pcsa. labels dropped).</li>
 *   <li>Order ({@code EnforcementOrder}): Felix {@code policy_sorter.go} ({@code TierLess},
 *       {@code PolicyKVLess}), calicoq's untracked-first listing, {@code v3.DefaultTierOrder}.</li>
 * </ul>
 * Nothing here depends on Kubernetes client libraries.
 */
package dev.policymatch.match;
