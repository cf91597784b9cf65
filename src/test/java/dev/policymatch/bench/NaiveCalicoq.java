package dev.policymatch.bench;

import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.NaiveMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryOptions;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive baseline of {@link CalicoqScaleBenchmark}: {@code calicoq -f DIR endpoint SUBSTRING} with the
 * same reading and rendering as the real command, but every selector evaluated against every endpoint
 * ({@link NaiveMatch}) instead of the {@code MatchIndex}. Its output must equal calicoq's.
 *
 * <pre>java -cp ... dev.policymatch.bench.NaiveCalicoq -f DIR endpoint SUBSTRING</pre>
 */
public final class NaiveCalicoq {
    private NaiveCalicoq() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("-f") || !args[2].equals("endpoint")) {
            System.err.println("usage: NaiveCalicoq -f DIR endpoint SUBSTRING");
            System.exit(2);
        }
        Catalog catalog = new ManifestReader(System.err::println).read(List.of(args[1])).requireNoProblems();
        List<Endpoint> endpoints = new ArrayList<>();
        catalog.hostEndpoints().forEach(l -> endpoints.add(l.resource()));
        catalog.workloadEndpoints().forEach(l -> endpoints.add(l.resource()));
        List<EndpointMatch> matches = NaiveMatch.compute(endpoints,
                        catalog.policies().stream().map(Located::resource).toList(),
                        catalog.profiles().stream().map(Located::resource).toList(),
                        catalog.tiers().stream().map(Located::resource).toList())
                .values().stream()
                .filter(match -> match.endpoint().fullName().contains(args[3]))
                .toList();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(CalicoqText.endpoints(matches, QueryOptions.DEFAULT));
        out.flush();
    }
}
